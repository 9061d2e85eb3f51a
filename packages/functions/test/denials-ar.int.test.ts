import { expect, it } from "vitest";
import { todayIn } from "@claimledger/core/claim/scrub.service.ts";
import { call, newKey, samples } from "./http.ts";
import { closeMonth, era, getClaim, ledger, upload, visit, world, type World } from "./era.ts";

/**
 * A denial stays in A/R until a person works it. The 260.00 visit is denied CO-16 (claim lacks
 * information, RARC MA130): 185.00 and 75.00 on its two lines. The payer's CAS is on the ledger as
 * sent, and the 260.00 stays owed, in the "denied" bucket, until the biller writes 200.00 off with
 * a reason and bills the other 60.00 to the patient.
 */
it("keeps a CO-16 denial open in insurance A/R until a biller writes it off or bills the patient", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");
  await deny(w, claimId);

  const denied = await getClaim(w, claimId);
  expect(denied.status).toBe("denied");
  expect(denied.balances).toMatchObject({
    insurancePaidCents: 0,
    adjustedCents: 0,
    deniedCents: 26_000,
    insuranceBalanceCents: 26_000,
  });
  expect(
    (await ledger(w, claimId)).items.map((e: any) => [e.kind, e.group, e.reason, e.amountCents, e.remarks]),
  ).toEqual([
    ["contractual_adjustment", "CO", "16", 18_500, ["MA130"]],
    ["contractual_adjustment", "CO", "16", 7_500, ["MA130"]],
  ]);

  // A/R on 2026-10-31: 26 days from the date of service, all of it denied-open, shown apart.
  const aging = async () =>
    (await call("GET", `/v1/reports/ar-aging?asOf=2026-10-31&practiceId=${w.practiceId}`, { key: w.key })).body
      .practices[0].fromServiceDate;
  const open = await aging();
  expect(open.insurance).toMatchObject({
    totalCents: 26_000,
    denied: { totalCents: 26_000, buckets: { "0-30": 26_000 } },
  });
  expect(open.insurance.byPayer).toEqual([
    expect.objectContaining({ payerId: w.payers[0], totalCents: 26_000, deniedCents: 26_000 }),
  ]);
  const perf = async () =>
    (await call("GET", `/v1/reports/claims?from=2026-10-01&to=2026-10-31&practiceId=${w.practiceId}`, { key: w.key }))
      .body.practices[0];
  expect(await perf()).toMatchObject({ arCents: 26_000, deniedOpenCents: 26_000, denialRatePercent: 100 });
  const queue = (await call("GET", `/v1/work-queues/denials?practiceId=${w.practiceId}`, { key: w.key })).body.items;
  expect(queue.map((g: any) => [g.group, g.reason, g.amountCents])).toEqual([["CO", "16", 26_000]]);

  // Only a person with the right role, with a reason, for no more than is open.
  const resolve = (key: string, body: object) => call("POST", `/v1/claims/${claimId}/denial-resolution`, { key, body });
  const practiceKey = await newKey(w.key, "practice", w.practiceId);
  const viewerKey = await newKey(w.key, "viewer");
  const billerKey = await newKey(w.key, "biller");
  expect((await resolve(practiceKey, { resolution: "write_off", reason: "past the appeal window" })).status).toBe(403);
  expect((await resolve(viewerKey, { resolution: "write_off", reason: "past the appeal window" })).status).toBe(403);
  expect((await resolve(billerKey, { resolution: "write_off" })).status).toBe(422);
  expect((await resolve(billerKey, { resolution: "write_off", amountCents: 26_001, reason: "too much" })).status).toBe(
    422,
  );

  // 200.00 written off: 260 - 200 = 60.00 still denied-open.
  const off = await resolve(billerKey, {
    resolution: "write_off",
    amountCents: 20_000,
    reason: "past the appeal window",
  });
  expect(off.status, JSON.stringify(off.body)).toBe(201);
  expect(off.body.balances).toMatchObject({ adjustedCents: 20_000, deniedCents: 6_000, insuranceBalanceCents: 6_000 });
  // The rest billed to the patient: nothing with insurance, 60.00 with the patient.
  const toPatient = await resolve(billerKey, {
    resolution: "bill_patient",
    reason: "non-covered service, patient signed an ABN",
  });
  expect(toPatient.body).toMatchObject({
    amountCents: 6_000,
    balances: { deniedCents: 0, insuranceBalanceCents: 0, patientBalanceCents: 6_000 },
  });
  expect((await resolve(billerKey, { resolution: "write_off", reason: "again" })).status).toBe(409);

  // Audited: each resolution is a ledger entry naming who and why, and a history event.
  const entries = (await ledger(w, claimId)).items.filter((e: any) => e.kind.startsWith("denial_"));
  expect(entries.map((e: any) => [e.kind, e.amountCents, e.note, e.actor])).toEqual(
    expect.arrayContaining([
      ["denial_write_off", 20_000, "past the appeal window", expect.stringMatching(/^key:key_/)],
      ["denial_to_patient", 6_000, "non-covered service, patient signed an ABN", expect.stringMatching(/^key:key_/)],
    ]),
  );
  const history = (await call("GET", `/v1/claims/${claimId}/history`, { key: w.key })).body.items;
  expect(history.filter((h: any) => h.kind === "denial_action").map((h: any) => h.reason)).toEqual([
    "write_off 20000 cents: past the appeal window",
    "bill_patient 6000 cents: non-covered service, patient signed an ABN",
  ]);

  // A/R: the denied bucket is empty; the patient owes 60.00. The queue has nothing left to work.
  const worked = await aging();
  expect([worked.insurance.totalCents, worked.insurance.denied.totalCents, worked.patient.totalCents]).toEqual([
    0, 0, 6_000,
  ]);
  expect(await perf()).toMatchObject({ arCents: 6_000, deniedOpenCents: 0 });
  expect((await call("GET", `/v1/work-queues/denials?practiceId=${w.practiceId}`, { key: w.key })).body.items).toEqual(
    [],
  );

  // A patient payment dated 40 days ahead (in the practice's time zone) is refused, naming the date.
  const ahead = new Date(Date.now() + 40 * 86_400_000);
  const future = todayIn(samples.practice.timeZone, ahead);
  const pay = await call("POST", "/v1/payments", {
    key: w.key,
    body: {
      practiceId: w.practiceId,
      kind: "patient",
      method: "cash",
      paymentDate: future,
      amountCents: 1_000,
      allocations: [{ claimId, amountCents: 1_000 }],
    },
  });
  expect(pay.status).toBe(422);
  expect(pay.body.errors).toEqual([{ path: "paymentDate", message: expect.stringContaining(future) }]);
  const today = todayIn(samples.practice.timeZone);
  const now = await call("POST", "/v1/payments", {
    key: w.key,
    body: {
      practiceId: w.practiceId,
      kind: "patient",
      method: "cash",
      paymentDate: today,
      amountCents: 1_000,
      allocations: [{ claimId, amountCents: 1_000 }],
    },
  });
  expect(now.status, JSON.stringify(now.body)).toBe(201);
});

it("invoices a flat monthly fee, alone or beside the percentage", async () => {
  // A $750.00 retainer alone: October's invoice is 750.00 whatever was collected.
  const alone = await world(1, { effectiveFrom: "2026-01-01", monthlyFeeCents: 75_000 });
  const a = await closeMonth(alone, "2026-10");
  expect(a.lines.map((l: any) => [l.kind, l.amountCents])).toEqual([["monthly_fee", 75_000]]);
  expect(a.totalCents).toBe(75_000);
  // Beside 5%: nothing collected -> 0.00 percentage + 250.00 = 250.00.
  const beside = await world(1, { effectiveFrom: "2026-01-01", percentBps: 500, monthlyFeeCents: 25_000 });
  const b = await closeMonth(beside, "2026-10");
  expect(b.lines.map((l: any) => [l.kind, l.amountCents])).toEqual([
    ["percentage", 0],
    ["monthly_fee", 25_000],
  ]);
  expect(b.totalCents).toBe(25_000);
  // A contract with no fee at all is refused.
  const none = await call("POST", "/v1/practices", {
    key: alone.key,
    body: { ...samples.practice, contracts: [{ effectiveFrom: "2026-01-01" }] },
  });
  expect(none.status).toBe(422);
});

/** The denial 835: CLP02 4, nothing paid, CO-16 on each line with MA130. */
async function deny(w: World, claimId: string) {
  const lines = [
    { paid: 0, cas: [["CO", "16", 18_500]] as ["CO", string, number][], remarks: ["MA130"] },
    { paid: 0, cas: [["CO", "16", 7_500]] as ["CO", string, number][], remarks: ["MA130"] },
  ];
  await upload(w, await era(w, 0, 8401, "2026-10-20", [{ claimId, status: "4", lines }]));
}
