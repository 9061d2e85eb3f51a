import { expect, it } from "vitest";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import type { Adjudication, SandboxClaim } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { call, newKey, newTenant } from "./http.ts";
import { closeMonth, getClaim, ledger, upload, visit, world, type World } from "./era.ts";

/**
 * Money with no home. The payer pays 180.00 for a claim we cannot find (a patient control number
 * and member id we never sent, a date of service none of ours has): it waits in suspense until a
 * biller applies it, splits it, refunds it or keeps it, and every cent is accounted for.
 */
function strangersClaim(claimId: string, paidCents: number): { claim: SandboxClaim; result: Adjudication } {
  // 99214 185.00: paid 120.00 + CO-45 65.00; 93000 75.00: paid 60.00 + CO-45 15.00 (or nothing paid: all CO-45).
  const lines = [
    { lineId: "X1", procedureCode: "99214", modifiers: [], units: 1, chargeCents: 18_500, serviceDate: "2026-10-07" },
    { lineId: "X2", procedureCode: "93000", modifiers: [], units: 1, chargeCents: 7_500, serviceDate: "2026-10-07" },
  ];
  const claim: SandboxClaim = {
    claimId,
    payerId: "BPH01",
    memberId: "NOBODY42",
    claimFilingIndicator: "CI",
    totalChargeCents: 26_000,
    lines,
  };
  const paid = paidCents ? [12_000, 6_000] : [0, 0];
  const result: Adjudication = {
    claimId,
    status: "1",
    chargeCents: 26_000,
    paidCents: paid[0]! + paid[1]!,
    patientResponsibilityCents: 0,
    payerClaimControlNumber: `ICN${claimId}`,
    lines: lines.map((line, i) => ({
      line,
      allowedCents: paid[i]!,
      paidCents: paid[i]!,
      adjustments: [{ group: "CO", reason: "45", amountCents: line.chargeCents - paid[i]! }],
      remarks: [],
    })),
  };
  return { claim, result };
}

const itemOf = async (w: World, pcn: string) =>
  (await call("GET", "/v1/suspense?status=open", { key: w.key })).body.items.find(
    (i: any) => i.patientControlNumber === pcn,
  );
const allocate = (w: World, itemId: string, version: number, allocations: object[], key = w.key) =>
  call("POST", `/v1/suspense/${itemId}/allocations`, {
    key,
    body: { allocations },
    headers: { "if-match": `"${version}"` },
  });

it("a suspense payment split over two claims with the remainder kept, booked past a closed month; another refunded", async () => {
  const w = await world(1);
  const a = await visit(w, "2026-10-05");
  const b = await visit(w, "2026-10-06");
  await upload(
    w,
    build835(
      "BPH01",
      "BLUE PRAIRIE HEALTH",
      [strangersClaim("CLNOSUCHCLAIM1", 18_000), strangersClaim("CLNOSUCHCLAIM2", 18_000)],
      9101,
      "X",
      new Date("2026-10-25T12:00:00Z"),
    ),
  );
  const item = await itemOf(w, "CLNOSUCHCLAIM1");
  // 120.00 + 60.00 = 180.00 with no claim.
  expect(item).toMatchObject({
    paidCents: 18_000,
    remainingCents: 18_000,
    resolved: false,
    depositDate: "2026-10-25",
    payerKey: expect.any(String),
    version: 1,
  });
  // October is invoiced before anyone works it: what is applied now books into November.
  await closeMonth(w, "2026-10");

  // More than the item, a claim of another company, a stale version: refused, nothing written.
  expect((await allocate(w, item.itemId, 1, [{ kind: "apply", claimId: a, amountCents: 18_001 }])).status).toBe(422);
  const other = await world(1);
  const strangers = await visit(other, "2026-10-05");
  expect((await allocate(w, item.itemId, 1, [{ kind: "apply", claimId: strangers, amountCents: 100 }])).status).toBe(
    404,
  );
  expect((await allocate(w, item.itemId, 0, [{ kind: "keep", amountCents: 100, note: "hold it" }])).status).toBe(412);
  const viewer = await newKey(w.key, "viewer");
  expect(
    (await allocate(w, item.itemId, 1, [{ kind: "keep", amountCents: 100, note: "hold it" }], viewer)).status,
  ).toBe(403);

  // Split: 100.00 to claim A, 50.00 to claim B; 180 - 100 - 50 = 30.00 left.
  const split = await allocate(w, item.itemId, 1, [
    { kind: "apply", claimId: a, amountCents: 10_000 },
    { kind: "apply", claimId: b, amountCents: 5_000 },
  ]);
  expect(split.status, JSON.stringify(split.body)).toBe(200);
  expect(split.body).toMatchObject({ appliedCents: 15_000, remainingCents: 3_000, resolved: false, version: 2 });
  expect(split.body.allocations.map((x: any) => [x.kind, x.claimId, x.amountCents, x.month])).toEqual([
    ["apply", a, 10_000, "2026-11"],
    ["apply", b, 5_000, "2026-11"],
  ]);
  // Claim A: paid 100.00 of 260.00, 160.00 still with insurance; it was submitted, now paid.
  const claimA = await getClaim(w, a);
  expect([claimA.status, claimA.balances.insurancePaidCents, claimA.balances.insuranceBalanceCents]).toEqual([
    "paid",
    10_000,
    16_000,
  ]);
  const entry = (await ledger(w, a)).items.find((e: any) => e.kind === "insurance_payment");
  expect(entry).toMatchObject({
    amountCents: 10_000,
    month: "2026-11",
    depositDate: "2026-10-25",
    remittanceId: item.remittanceId,
    note: `from suspense item ${item.itemId}`,
  });

  // The rest kept, with a note: 100 + 50 + 30 = 180.00, all of it accounted for.
  const kept = await allocate(w, item.itemId, 2, [
    { kind: "keep", amountCents: 3_000, note: "payer to say which patient" },
  ]);
  expect(kept.body).toMatchObject({
    appliedCents: 15_000,
    refundedCents: 0,
    keptCents: 3_000,
    remainingCents: 0,
    resolved: true,
  });
  expect((await allocate(w, item.itemId, 3, [{ kind: "keep", amountCents: 1, note: "again" }])).status).toBe(409);

  // The second stranger's 180.00 goes back to the payer, with the check's number.
  const back = await itemOf(w, "CLNOSUCHCLAIM2");
  const refunded = await allocate(w, back.itemId, 1, [{ kind: "refund", amountCents: 18_000, reference: "CHK-7731" }]);
  expect(refunded.body).toMatchObject({
    refundedCents: 18_000,
    resolved: true,
    allocations: [expect.objectContaining({ reference: "CHK-7731", method: "check" })],
  });
  expect((await call("GET", "/v1/suspense?status=open", { key: w.key })).body.items).toEqual([]);

  // November's ledger has the 150.00 applied (100 + 50), not the 30.00 kept or the 180.00 refunded.
  const november = (await call("GET", `/v1/practices/${w.practiceId}/ledger?month=2026-11`, { key: w.key })).body.items;
  expect(
    november.filter((e: any) => e.kind === "insurance_payment").reduce((s: number, e: any) => s + e.amountCents, 0),
  ).toBe(15_000);
  const audit = (await call("GET", `/v1/audit-events?subject=suspense:${item.itemId}`, { key: w.key })).body.items;
  expect(audit.map((e: any) => e.note)).toEqual([
    "applied $0.00, refunded $0.00, kept $30.00",
    "applied $150.00, refunded $0.00, kept $0.00",
  ]);
  // Suspense is the company's: another company does not see it.
  const stranger = await newTenant("Elsewhere Billing");
  expect((await call("GET", `/v1/suspense/${item.itemId}`, { key: stranger.ownerKey })).status).toBe(404);
});
