import { expect, it } from "vitest";
import { checkX12, parseX12 } from "@claimledger/x12";
import { ClaimBatchEntity } from "@claimledger/core/batch/batch.entity.ts";
import { readEdi } from "@claimledger/core/shared/storage.ts";
import { pdfText } from "@claimledger/core/shared/pdf.ts";
import { call } from "./http.ts";
import { PRIMARY, SECONDARY, era, getClaim, ledger, rerun, submit, upload, visit, world, type World } from "./era.ts";

/**
 * Coordination of benefits with the figures. A 260.00 visit (99214 185.00, 93000 75.00):
 * the primary pays 100.00 with CO-45 105.00 and leaves 55.00; the secondary pays 40.00 with
 * OA-23 205.00 and leaves 15.00. The patient owes 15.00, not 55 + 15 = 70.00, and the visit is
 * charged once, 260.00, not 520.00.
 */
const balanceOf = async (w: World) =>
  (await call("GET", `/v1/practices/${w.practiceId}/patients/${w.patientId}/balance`, { key: w.key })).body;
const statement = async (w: World) =>
  (await call("POST", `/v1/practices/${w.practiceId}/patients/${w.patientId}/statements`, { key: w.key })).body;
const aging = async (w: World) =>
  (await call("GET", `/v1/reports/ar-aging?asOf=2026-11-30&practiceId=${w.practiceId}`, { key: w.key })).body
    .practices[0].fromServiceDate;

it("bills the patient what the secondary left, holds the primary's share as pending secondary, and counts the charge once", async () => {
  const w = await world(2);
  const primaryId = await visit(w, "2026-10-05");
  const first = await upload(
    w,
    await era(w, 0, 8101, "2026-10-20", [{ claimId: primaryId, status: "1", lines: PRIMARY }]),
  );

  // The primary: paid, 260 - 100 - 105 - 55 = 0 left with it; its 55.00 moved to the secondary claim.
  const primary = await getClaim(w, primaryId);
  expect(primary.status).toBe("paid"); // no 277CA came first: the 835 moves the claim on
  expect(primary.balances).toMatchObject({
    insurancePaidCents: 10_000,
    adjustedCents: 10_500,
    patientResponsibilityCents: 5_500,
    transferredCents: 5_500,
    patientBalanceCents: 0,
    insuranceBalanceCents: 0,
  });
  const secondaryId = primary.secondaryClaimId;
  const secondary = await getClaim(w, secondaryId);
  expect(secondary).toMatchObject({
    status: "ready",
    doc: {
      primaryClaimId: primaryId,
      coverage: { order: "secondary", clearinghousePayerId: "MCDIL" },
      priorPayer: { paidCents: 10_000 },
    },
  });
  // It is owed the 55.00 the primary left: 260 - 205 resolved by the primary.
  expect(secondary.balances).toMatchObject({ priorPayerCents: 20_500, insuranceBalanceCents: 5_500 });
  expect(
    (await ledger(w, primaryId)).items.filter((e: any) => e.kind === "cob_transfer").map((e: any) => e.amountCents),
  ).toEqual([5_500]);

  // Pending secondary: not owed by the patient, not on a statement, shown as such.
  const pending = await balanceOf(w);
  expect(pending).toMatchObject({ balanceCents: 0, pendingSecondaryCents: 5_500 });
  expect(pending.claims).toEqual([
    expect.objectContaining({
      claimIds: [primaryId, secondaryId],
      status: "pending_secondary",
      pendingSecondaryCents: 5_500,
      patientBalanceCents: 0,
    }),
  ]);
  expect(await statement(w)).toMatchObject({ amountDueCents: 0, visits: [], pendingSecondaryCents: 5_500 });
  // A/R: 55.00 with the secondary payer (not 260.00, not twice), nothing with the patient.
  const before = await aging(w);
  expect(before.insurance.totalCents).toBe(5_500);
  expect(before.insurance.byPayer.map((r: any) => [r.payerId, r.totalCents])).toEqual([[w.payers[1], 5_500]]);
  expect(before.patient.totalCents).toBe(0);

  // A re-run of the primary's file posts nothing and makes no second secondary claim.
  expect(await rerun(w, first)).toMatchObject({ posted: 0, skipped: 1 });
  const all = (await call("GET", `/v1/claims?practiceId=${w.practiceId}`, { key: w.key })).body.items;
  expect(all.map((c: any) => c.claimId).sort()).toEqual([primaryId, secondaryId].sort());

  // The secondary is sent and pays 40.00, OA-23 205.00, patient share 15.00.
  await submit(w, [secondaryId]);
  await upload(w, await era(w, 1, 8102, "2026-11-10", [{ claimId: secondaryId, status: "2", lines: SECONDARY }]));
  const paid = await getClaim(w, secondaryId);
  expect(paid.status).toBe("paid"); // OA-23 with no payment on it is not a denial
  // 260 - 205 (OA-23) - 40 - 15 = 0 with insurance; the patient owes 15.00.
  expect(paid.balances).toMatchObject({
    insurancePaidCents: 4_000,
    adjustedCents: 0,
    deniedCents: 0,
    patientResponsibilityCents: 1_500,
    insuranceBalanceCents: 0,
    patientBalanceCents: 1_500,
  });
  expect(
    (await ledger(w, secondaryId)).items
      .filter((e: any) => e.reason === "23")
      .map((e: any) => [e.kind, e.group, e.amountCents]),
  ).toEqual([
    ["prior_payer_adjustment", "OA", 14_500],
    ["prior_payer_adjustment", "OA", 6_000],
  ]);

  // The patient owes 15.00: insurance paid 100 + 40 = 140.00 of 260.00.
  const owed = await balanceOf(w);
  expect(owed).toMatchObject({ balanceCents: 1_500, pendingSecondaryCents: 0 });
  expect(owed.claims).toEqual([
    expect.objectContaining({
      claimId: secondaryId,
      chargeCents: 26_000,
      insurancePaidCents: 14_000,
      patientResponsibilityCents: 1_500,
      patientBalanceCents: 1_500,
      status: "open",
    }),
  ]);
  const stmt = await statement(w);
  expect(stmt.amountDueCents).toBe(1_500);
  const text = pdfText(Buffer.from(await (await fetch(stmt.pdfUrl)).arrayBuffer()));
  expect(text).toContain("Amount due: $15.00");
  const after = await aging(w);
  expect([after.insurance.totalCents, after.patient.totalCents]).toEqual([0, 1_500]);

  // Collections: October's services were charged 260.00 once. October posted 100.00 and CO-45 105.00;
  // November 40.00 and OA-23, which is neither a denial nor another adjustment.
  // Net collection rate of October's services: (100 + 40) / (260 - 105) = 140 / 155 = 90.32%.
  const col = (
    await call("GET", `/v1/reports/collections?from=2026-10&to=2026-11&practiceId=${w.practiceId}`, { key: w.key })
  ).body;
  expect(col.bases).toMatchObject({
    charges: "date_of_service",
    payments: "posting_month",
    netCollectionRate: "date_of_service",
  });
  const [oct, nov] = col.practices[0].months;
  expect(oct).toMatchObject({
    chargesCents: 26_000,
    insurancePaymentsCents: 10_000,
    contractualAdjustmentsCents: 10_500,
    denialAdjustmentsCents: 0,
    otherAdjustmentsCents: 0,
    netCollectionRatePercent: 90.32,
  });
  expect(nov).toMatchObject({
    chargesCents: 0,
    insurancePaymentsCents: 4_000,
    denialAdjustmentsCents: 0,
    otherAdjustmentsCents: 0,
    netCollectionRatePercent: null,
  });

  // Claims: no denial anywhere; A/R 15.00 over 260.00 charged in October's 31 days (8.3871/day) -> 1.8 days.
  const perf = (
    await call("GET", `/v1/reports/claims?from=2026-10-01&to=2026-10-31&practiceId=${w.practiceId}`, { key: w.key })
  ).body.practices[0];
  expect(perf).toMatchObject({
    denialRatePercent: 0,
    denialsByReason: [],
    arCents: 1_500,
    deniedOpenCents: 0,
    daysInAR: 1.8,
  });
  const queue = (await call("GET", `/v1/work-queues/denials?practiceId=${w.practiceId}`, { key: w.key })).body.items;
  expect(queue).toEqual([]);

  // The patient pays the 15.00 on the claim the balance names: nothing is owed any more.
  const pay = await call("POST", "/v1/payments", {
    key: w.key,
    body: {
      practiceId: w.practiceId,
      kind: "patient",
      method: "card",
      paymentDate: "2026-11-20",
      amountCents: 1_500,
      allocations: [{ claimId: owed.claims[0].claimId, amountCents: 1_500 }],
    },
  });
  expect(pay.status, JSON.stringify(pay.body)).toBe(201);
  expect((await balanceOf(w)).balanceCents).toBe(0);
});

it("follows the same rule through a tertiary payer: the patient owes what the third payer left", async () => {
  const w = await world(3);
  const primaryId = await visit(w, "2026-10-06");
  await upload(w, await era(w, 0, 8201, "2026-10-20", [{ claimId: primaryId, status: "1", lines: PRIMARY }]));
  const secondaryId = (await getClaim(w, primaryId)).secondaryClaimId;
  await submit(w, [secondaryId]);
  await upload(w, await era(w, 1, 8202, "2026-11-10", [{ claimId: secondaryId, status: "2", lines: SECONDARY }]));

  // The secondary left 15.00: it moves on to the tertiary claim (260 - 245 resolved before it).
  const secondary = await getClaim(w, secondaryId);
  expect(secondary.balances).toMatchObject({
    patientResponsibilityCents: 1_500,
    transferredCents: 1_500,
    patientBalanceCents: 0,
  });
  const tertiaryId = secondary.secondaryClaimId;
  const tertiary = await getClaim(w, tertiaryId);
  expect(tertiary).toMatchObject({
    doc: {
      primaryClaimId: secondaryId,
      coverage: { order: "tertiary", clearinghousePayerId: "PSUP3" },
      priorPayer: { paidCents: 4_000 },
    },
  });
  expect(tertiary.balances).toMatchObject({ priorPayerCents: 24_500, insuranceBalanceCents: 1_500 });
  expect(await balanceOf(w)).toMatchObject({ balanceCents: 0, pendingSecondaryCents: 1_500 });

  // Its 837P names both payers before it (2320 SBR P and S, each with its claim control number) and the claim's own as tertiary.
  const batchId = await submit(w, [tertiaryId]);
  const x12 = await readEdi((await ClaimBatchEntity.get({ tenantId: w.tenantId, batchId }).go()).data!.fileKey!);
  expect(checkX12(x12).errors).toEqual([]);
  const segs = parseX12(x12).interchanges[0]!.groups[0]!.transactions[0]!.segments;
  expect(segs.filter((x) => x.id === "SBR").map((x) => x.elements[1])).toEqual(["T", "P", "S"]);
  expect(segs.filter((x) => x.id === "AMT" && x.elements[1] === "D").map((x) => x.elements[2])).toEqual(["100", "40"]);
  expect(segs.filter((x) => x.id === "SVD")).toHaveLength(4);
  // The tertiary pays 10.00 with OA-23 245.00 and leaves 5.00.
  await upload(
    w,
    await era(w, 2, 8203, "2026-11-15", [
      {
        claimId: tertiaryId,
        status: "3",
        lines: [
          // 99214: paid 7.00, OA-23 175.00 (145 + 30), coinsurance 3.00 (7 + 175 + 3 = 185)
          {
            paid: 700,
            cas: [
              ["OA", "23", 17_500],
              ["PR", "2", 300],
            ],
          },
          // 93000: paid 3.00, OA-23 70.00 (60 + 10), coinsurance 2.00 (3 + 70 + 2 = 75)
          {
            paid: 300,
            cas: [
              ["OA", "23", 7_000],
              ["PR", "2", 200],
            ],
          },
        ],
      },
    ]),
  );
  // Paid 100 + 40 + 10 = 150.00; the patient owes 5.00, not 55 + 15 + 5 = 75.00.
  const owed = await balanceOf(w);
  expect(owed).toMatchObject({ balanceCents: 500, pendingSecondaryCents: 0 });
  expect(owed.claims).toEqual([
    expect.objectContaining({
      claimId: tertiaryId,
      claimIds: [primaryId, secondaryId, tertiaryId],
      insurancePaidCents: 15_000,
      patientBalanceCents: 500,
    }),
  ]);
  expect((await statement(w)).amountDueCents).toBe(500);
  const after = await aging(w);
  expect([after.insurance.totalCents, after.patient.totalCents]).toEqual([0, 500]);
  // Charged once: 260.00, not 780.00. (100 + 40 + 10) / (260 - 105) = 150 / 155 = 96.77%.
  const [oct] = (
    await call("GET", `/v1/reports/collections?from=2026-10&to=2026-10&practiceId=${w.practiceId}`, { key: w.key })
  ).body.practices[0].months;
  expect(oct).toMatchObject({ chargesCents: 26_000, netCollectionRatePercent: 96.77 });
});
