import { beforeAll, expect, it } from "vitest";
import { ClaimEntity } from "@claimledger/core/claim/claim.entity.ts";
import { LedgerEntryEntity } from "@claimledger/core/ledger/ledger.entity.ts";
import { screenKeys, type ScreenState } from "@claimledger/core/claim/screens.ts";
import { call, newKey, newTenant, samples } from "./http.ts";

/**
 * Reports against six claims put in known states (as of 2026-10-31), with every answer worked out
 * by hand in the comments. Two payers: A and B.
 *
 * claim DOS        submitted   status          charge  edits subs  insurance due  patient due  first paid
 * c1    2026-10-20 2026-10-21  accepted        100.00  0     1     100.00         0            -
 * c2    2026-09-15 2026-09-16  partially_paid  200.00  0     1     0              40.00        2026-10-06
 * c3    2026-07-01 2026-07-05  denied (B)      150.00  1     1     0              0            -
 * c4    2026-06-10 2026-07-20  submitted (B)    80.00  0     1     80.00          0            -
 * c5    2026-08-01 2026-08-03  paid             50.00  1     2     0              0            2026-09-02
 * c6    2026-08-25 2026-08-26  rejected         70.00  0     1     70.00          0            -
 */
let key: string;
let tenantId: string;
let practiceId: string;
let otherPracticeId: string;
const payer: Record<"A" | "B", string> = { A: "", B: "" };
const id: Record<string, string> = {};
let seq = 0;

const states = {
  c1: {
    payer: "A",
    dos: "2026-10-20",
    charge: 10_000,
    set: { status: "accepted", edits: 0, submissions: 1, firstSubmittedAt: "2026-10-21T15:00:00.000Z" },
  },
  c2: {
    payer: "A",
    dos: "2026-09-15",
    charge: 20_000,
    set: {
      status: "partially_paid",
      edits: 0,
      submissions: 1,
      firstSubmittedAt: "2026-09-16T15:00:00.000Z",
      firstPaidDate: "2026-10-06",
      balances: {
        chargeCents: 20_000,
        insurancePaidCents: 12_000,
        adjustedCents: 3_000,
        patientResponsibilityCents: 5_000,
        insuranceBalanceCents: 0,
        patientPaidCents: 1_000,
        patientBalanceCents: 4_000,
      },
    },
  },
  c3: {
    payer: "B",
    dos: "2026-07-01",
    charge: 15_000,
    set: {
      status: "denied",
      edits: 1,
      submissions: 1,
      firstSubmittedAt: "2026-07-05T15:00:00.000Z",
      balances: {
        chargeCents: 15_000,
        insurancePaidCents: 0,
        adjustedCents: 15_000,
        patientResponsibilityCents: 0,
        insuranceBalanceCents: 0,
      },
    },
  },
  c4: {
    payer: "B",
    dos: "2026-06-10",
    charge: 8_000,
    set: { status: "submitted", edits: 0, submissions: 1, firstSubmittedAt: "2026-07-20T15:00:00.000Z" },
  },
  c5: {
    payer: "A",
    dos: "2026-08-01",
    charge: 5_000,
    set: {
      status: "paid",
      edits: 1,
      submissions: 2,
      firstSubmittedAt: "2026-08-03T15:00:00.000Z",
      firstPaidDate: "2026-09-02",
      balances: {
        chargeCents: 5_000,
        insurancePaidCents: 5_000,
        adjustedCents: 0,
        patientResponsibilityCents: 0,
        insuranceBalanceCents: 0,
        patientPaidCents: 0,
        patientBalanceCents: 0,
      },
    },
  },
  c6: {
    payer: "A",
    dos: "2026-08-25",
    charge: 7_000,
    set: { status: "rejected", edits: 0, submissions: 1, firstSubmittedAt: "2026-08-26T15:00:00.000Z" },
  },
} as const;

async function entry(
  claim: string,
  month: string,
  depositDate: string,
  kind: string,
  amountCents: number,
  extra: { group?: string; reason?: string } = {},
) {
  await LedgerEntryEntity.create({
    tenantId,
    practiceId,
    month,
    entryId: `r-${++seq}`,
    claimId: id[claim] ?? claim,
    kind,
    amountCents,
    depositDate,
    postedAt: "2026-10-31T00:00:00.000Z",
    ...extra,
  }).go();
}

beforeAll(async () => {
  ({ tenantId, ownerKey: key } = await newTenant("Reports Billing LLC"));
  practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  otherPracticeId = (
    await call("POST", "/v1/practices", { key, body: { ...samples.practice, legalName: "Other practice" } })
  ).body.practiceId;
  const providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  payer.A = (await call("POST", "/v1/payers", { key, body: { ...samples.payer, name: "Payer A" } })).body.payerId;
  payer.B = (
    await call("POST", "/v1/payers", {
      key,
      body: { ...samples.payer, name: "Payer B", clearinghousePayerId: "PB002" },
    })
  ).body.payerId;
  for (const [name, s] of Object.entries(states)) {
    const patient = { ...samples.patient(payer[s.payer]), firstName: `Pat${name}` };
    const r = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: {
        patient,
        renderingProviderId: providerId,
        placeOfService: "11",
        serviceDate: s.dos,
        diagnoses: ["I10"],
        lines: [{ procedureCode: "99213", chargeCents: s.charge, diagnosisPointers: [1] }],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id[name] = r.body.claimId;
    // Put in its state directly, with the screen indexes' keys posting would have set (screens.ts).
    const state = {
      claimId: r.body.claimId,
      practiceId,
      patientId: "",
      serviceDate: s.dos,
      totalChargeCents: s.charge,
    };
    await ClaimEntity.patch({ tenantId, claimId: r.body.claimId })
      .set({ ...s.set, ...screenKeys(tenantId, { ...state, ...s.set } as ScreenState).set } as any)
      .composite({ practiceId, serviceDate: s.dos })
      .go();
  }
  // September's ledger: c5 paid 50.00 less a 10.00 reversal, c5 contractual 10.00, c3 denied (CO-50 150.00).
  await entry("c5", "2026-09", "2026-09-02", "insurance_payment", 5_000);
  await entry("c5", "2026-09", "2026-09-20", "insurance_payment", -1_000);
  await entry("c5", "2026-09", "2026-09-02", "contractual_adjustment", 1_000, { group: "CO", reason: "45" });
  await entry("c3", "2026-09", "2026-09-10", "contractual_adjustment", 15_000, { group: "CO", reason: "50" });
  // October's: c2 paid 120.00, contractual 30.00, coinsurance 50.00 (the patient's share, not money);
  // the patient paid 10.00, 2.00 was refunded; a 3.00 PLB recoupment.
  await entry("c2", "2026-10", "2026-10-06", "insurance_payment", 12_000);
  await entry("c2", "2026-10", "2026-10-06", "contractual_adjustment", 3_000, { group: "CO", reason: "45" });
  await entry("c2", "2026-10", "2026-10-06", "coinsurance", 5_000, { group: "PR", reason: "2" });
  await entry("c2", "2026-10", "2026-10-20", "patient_payment", 1_000);
  await entry("c2", "2026-10", "2026-10-25", "refund", -200);
  await entry("PLB-x", "2026-10", "2026-10-06", "provider_adjustment", -300);
});

it("ages A/R by payer from the date of service and from submission, patient balances apart", async () => {
  const r = await call("GET", `/v1/reports/ar-aging?asOf=2026-10-31&practiceId=${practiceId}`, { key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const [pr] = r.body.practices;
  // From DOS: c1 11 days, c6 67 days (payer A); c4 143 days (payer B); c2's patient 40.00 at 46 days.
  expect(pr.fromServiceDate.insurance.buckets).toEqual({
    "0-30": 10_000,
    "31-60": 0,
    "61-90": 7_000,
    "91-120": 0,
    "120+": 8_000,
  });
  expect(pr.fromServiceDate.insurance.totalCents).toBe(25_000);
  expect(pr.fromServiceDate.insurance.byPayer).toEqual([
    {
      payerId: payer.A,
      payerName: "Payer A",
      buckets: { "0-30": 10_000, "31-60": 0, "61-90": 7_000, "91-120": 0, "120+": 0 },
      totalCents: 17_000,
      deniedCents: 0,
    },
    {
      payerId: payer.B,
      payerName: "Payer B",
      buckets: { "0-30": 0, "31-60": 0, "61-90": 0, "91-120": 0, "120+": 8_000 },
      totalCents: 8_000,
      deniedCents: 0,
    },
  ]);
  expect(pr.fromServiceDate.patient).toEqual({
    buckets: { "0-30": 0, "31-60": 4_000, "61-90": 0, "91-120": 0, "120+": 0 },
    totalCents: 4_000,
  });
  // From submission c4 is 103 days old, not 143.
  expect(pr.fromSubmission.insurance.buckets).toEqual({
    "0-30": 10_000,
    "31-60": 0,
    "61-90": 7_000,
    "91-120": 8_000,
    "120+": 0,
  });

  const csv = await call("GET", `/v1/reports/ar-aging?asOf=2026-10-31&practiceId=${practiceId}&format=csv`, { key });
  expect(csv.headers.get("content-type")).toContain("text/csv");
  const rows = (csv.body as string).trim().split("\r\n");
  expect(rows[0]).toBe(
    "practice_id,practice,basis,balance,payer_id,payer,days_0-30,days_31-60,days_61-90,days_91-120,days_120+,total_cents",
  );
  expect(rows).toContain(
    `${practiceId},Lakeside Family Medicine PC,submission,insurance,${payer.B},Payer B,0,0,0,8000,0,8000`,
  );
});

it("reports collections by month with the net collection rate", async () => {
  const r = await call("GET", `/v1/reports/collections?from=2026-09&to=2026-10&practiceId=${practiceId}`, { key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const [sep, oct] = r.body.practices[0].months;
  // Cash by posting month. September: charges 200.00 (c2, by date of service); payments 50.00 - 10.00 = 40.00.
  // The net collection rate is on the services of the month, with what was posted to them to date:
  // c2's payments 120 + 10 - 2 = 128.00 over 200 - 30 (its CO-45) = 170.00 -> 75.29%.
  expect(sep).toEqual({
    month: "2026-09",
    chargesCents: 20_000,
    insurancePaymentsCents: 5_000,
    patientPaymentsCents: 0,
    refundsCents: 0,
    recoupmentsCents: -1_000,
    paymentsCents: 4_000,
    contractualAdjustmentsCents: 1_000,
    denialAdjustmentsCents: 15_000,
    otherAdjustmentsCents: 0,
    deniedWrittenOffCents: 0,
    netCollectionRatePercent: 75.29,
    netCollectionRate: {
      basis: "date_of_service",
      chargesCents: 20_000,
      paymentsCents: 12_800,
      contractualAdjustmentsCents: 3_000,
      percent: 75.29,
    },
  });
  // October: charges 100.00 (c1); payments posted 120 + 10 - 2 - 3 = 125.00. c1 has nothing posted yet: 0 / 100 = 0%,
  // where mixing bases (October's payments over October's services) gave 178.57%.
  expect(oct).toMatchObject({
    chargesCents: 10_000,
    paymentsCents: 12_500,
    patientPaymentsCents: 1_000,
    refundsCents: -200,
    recoupmentsCents: -300,
    contractualAdjustmentsCents: 3_000,
    netCollectionRatePercent: 0,
  });
  expect(r.body.bases).toMatchObject({
    charges: "date_of_service",
    payments: "posting_month",
    netCollectionRate: "date_of_service",
  });
  const csv = await call("GET", `/v1/reports/collections?from=2026-09&to=2026-10&practiceId=${practiceId}&format=csv`, {
    key,
  });
  expect((csv.body as string).split("\r\n")[1]).toBe(
    `${practiceId},Lakeside Family Medicine PC,2026-09,20000,5000,0,0,-1000,4000,1000,15000,0,0,75.29`,
  );
});

it("reports clean claims, first-pass resolution, denials by payer and reason, days in A/R and days to payment", async () => {
  const r = await call("GET", `/v1/reports/claims?from=2026-06-01&to=2026-10-31&practiceId=${practiceId}`, { key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const pr = r.body.practices[0];
  // answered: c1 c2 c3 c5 c6 (c4 awaits its answer); clean: c1 c2 -> 2/5
  // adjudicated: c2 c3 c5; paid on the first submission: c2 -> 1/3; denied: c3 -> 1/3
  expect(pr.counts).toEqual({ answered: 5, clean: 2, adjudicated: 3, paidFirstPass: 1, denied: 1, paid: 2 });
  expect(pr.cleanClaimRatePercent).toBe(40);
  expect(pr.firstPassResolutionRatePercent).toBe(33.33);
  expect(pr.denialRatePercent).toBe(33.33);
  // Highest denial rate first.
  expect(pr.denialsByPayer).toEqual([
    { payerId: payer.B, payerName: "Payer B", adjudicated: 1, denied: 1, denialRatePercent: 100 },
    { payerId: payer.A, payerName: "Payer A", adjudicated: 2, denied: 0, denialRatePercent: 0 },
  ]);
  expect(pr.denialsByReason).toEqual([
    {
      group: "CO",
      reason: "50",
      description: expect.stringContaining("medical necessity"),
      claims: 1,
      amountCents: 15_000,
    },
  ]);
  // A/R 100 + 40 + 80 + 70 = 290.00 over 650.00 charged in 153 days (4.2484/day) -> 68.3 days
  expect(pr.arCents).toBe(29_000);
  expect(pr.daysInAR).toBe(68.3);
  // c2: 09-16 -> 10-06 = 20 days; c5: 08-03 -> 09-02 = 30 days
  expect(pr.averageDaysToPayment).toBe(25);
});

it("shows a practice key its own practice only, and refuses bad ranges with a problem", async () => {
  const practiceKey = await newKey(key, "practice", otherPracticeId);
  const r = await call("GET", "/v1/reports/ar-aging?asOf=2026-10-31", { key: practiceKey });
  expect(r.body.practices.map((p: any) => p.practiceId)).toEqual([otherPracticeId]);
  expect(
    (
      await call("GET", `/v1/reports/claims?from=2026-06-01&to=2026-10-31&practiceId=${practiceId}`, {
        key: practiceKey,
      })
    ).body.practices.map((p: any) => p.practiceId),
  ).toEqual([otherPracticeId]);
  const bad = await call("GET", "/v1/reports/collections?from=2026-10&to=2026-01", { key });
  expect(bad.status).toBe(422);
  expect(bad.headers.get("content-type")).toContain("application/problem+json");
  expect((await call("GET", "/v1/reports/collections?from=2026-1&to=2026-02", { key })).status).toBe(422);
  const other = await newTenant("Other Co");
  expect(
    (await call("GET", `/v1/reports/ar-aging?practiceId=${practiceId}`, { key: other.ownerKey })).body.practices,
  ).toEqual([]);
});
