import { expect, it } from "vitest";
import { call, newKey, newTenant, samples } from "./http.ts";
import { PRIMARY, SECONDARY, era, getClaim, ledger, submit, upload, visit, world, type World } from "./era.ts";

/**
 * Patient money taken before the payer answers: held as credit on the visit, applied to the share
 * when the last payer sets it, and what is left over shown as an overpayment to refund. The visit
 * is era.ts's 260.00 (99214 185.00, 93000 75.00); PRIMARY leaves the patient 55.00 (copay 25.00 +
 * coinsurance 15.00 + 15.00), SECONDARY then leaves 15.00 (coinsurance 10.00 + 5.00).
 */
const balanceOf = async (w: World) =>
  (await call("GET", `/v1/practices/${w.practiceId}/patients/${w.patientId}/balance`, { key: w.key })).body;
const pay = (w: World, kind: string, claimId: string, amountCents: number, paymentDate: string) =>
  call("POST", "/v1/payments", {
    key: w.key,
    body: {
      practiceId: w.practiceId,
      kind,
      method: "card",
      paymentDate,
      amountCents,
      allocations: [{ claimId, amountCents }],
    },
  });
const kinds = async (w: World, claimId: string) =>
  (await ledger(w, claimId)).items
    .filter((e: any) => !["insurance_payment", "contractual_adjustment", "copay", "coinsurance"].includes(e.kind))
    .map((e: any) => [e.kind, e.amountCents])
    // In the order they were written (entry ids lead with the posting's file hash or the payment id).
    .sort((a: any, b: any) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]));
const ORDER = [
  "patient_deposit",
  "cob_prior_payer",
  "cob_transfer",
  "credit_transfer",
  "credit_applied",
  "patient_payment",
  "credit_refund",
  "refund",
];

it("holds a desk payment taken before the 835 as credit, applies it to the share, and shows the rest as an overpayment to refund", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");

  // At the desk, before the payer answered: 70.00. Nothing is owed yet, so all of it is held as credit.
  const desk = await pay(w, "patient", claimId, 7_000, "2026-10-05");
  expect(desk.status, JSON.stringify(desk.body)).toBe(201);
  expect(desk.body.heldAsCreditCents).toBe(7_000);
  const held = await balanceOf(w);
  expect(held).toMatchObject({ balanceCents: 0, creditCents: 7_000, overpaymentCents: 0 });
  expect(held.claims).toEqual([
    expect.objectContaining({ claimId, status: "awaiting_payer", creditCents: 7_000, patientBalanceCents: 0 }),
  ]);

  // The 835 sets the share at 55.00: 55.00 of the 70.00 pays it; 70 - 55 = 15.00 is left over.
  await upload(w, await era(w, 0, 9101, "2026-10-20", [{ claimId, status: "1", lines: PRIMARY }]));
  const claim = await getClaim(w, claimId);
  expect(claim.balances).toMatchObject({
    patientResponsibilityCents: 5_500,
    patientPaidCents: 5_500,
    patientBalanceCents: 0,
    patientCreditCents: 1_500,
  });
  expect(await kinds(w, claimId)).toEqual([
    ["patient_deposit", 7_000],
    ["credit_applied", 5_500],
  ]);
  const applied = (await ledger(w, claimId)).items.find((e: any) => e.kind === "credit_applied");
  expect(applied).toMatchObject({ actor: "system:835", depositDate: "2026-10-20" });
  // The claim's history (its audit trail) says who applied what, and why.
  const history = (await call("GET", `/v1/claims/${claimId}/history`, { key: w.key })).body.items;
  expect(history).toContainEqual(
    expect.objectContaining({
      actor: "system:835",
      reason: "credit_applied 5500 cents: the patient's held credit paid the share the payer set",
    }),
  );
  const owed = await balanceOf(w);
  expect(owed).toMatchObject({ balanceCents: 0, creditCents: 1_500, overpaymentCents: 1_500 });
  expect(owed.claims[0]).toMatchObject({ status: "open", patientPaidCents: 5_500, overpaymentCents: 1_500 });

  // A refund larger than 15.00 held + 55.00 paid = 70.00 is refused; the 15.00 overpayment is refunded out of credit.
  expect((await pay(w, "refund", claimId, 7_001, "2026-10-22")).status).toBe(422);
  const refund = await pay(w, "refund", claimId, 1_500, "2026-10-22");
  expect(refund.status, JSON.stringify(refund.body)).toBe(201);
  expect(await balanceOf(w)).toMatchObject({ balanceCents: 0, creditCents: 0, overpaymentCents: 0 });
  expect((await kinds(w, claimId)).at(-1)).toEqual(["credit_refund", -1_500]);
  expect((await getClaim(w, claimId)).balances).toMatchObject({ patientPaidCents: 5_500, patientCreditCents: 0 });

  // October's patient collections: the 70.00 when it was taken, less the 15.00 refunded = 55.00, once
  // (applying the credit moved no money).
  const col = (
    await call("GET", `/v1/reports/collections?from=2026-10&to=2026-10&practiceId=${w.practiceId}`, { key: w.key })
  ).body.practices[0].months[0];
  expect(col).toMatchObject({ patientPaymentsCents: 7_000, refundsCents: -1_500 });
});

it("keeps the credit waiting while a secondary payer is pending, and applies it to what the last payer leaves", async () => {
  const w = await world(2);
  const primaryId = await visit(w, "2026-10-06");
  // A 25.00 copay at the desk, held.
  expect((await pay(w, "patient", primaryId, 2_500, "2026-10-06")).body.heldAsCreditCents).toBe(2_500);

  // The primary leaves 55.00, which moves to the secondary claim; the 25.00 credit moves with it and waits.
  await upload(w, await era(w, 0, 9201, "2026-10-20", [{ claimId: primaryId, status: "1", lines: PRIMARY }]));
  const secondaryId = (await getClaim(w, primaryId)).secondaryClaimId;
  expect(await kinds(w, primaryId)).toEqual([
    ["patient_deposit", 2_500],
    ["cob_transfer", 5_500],
    ["credit_transfer", -2_500],
  ]);
  expect(await kinds(w, secondaryId)).toEqual([
    ["cob_prior_payer", 20_500],
    ["credit_transfer", 2_500],
  ]);
  const pending = await balanceOf(w);
  expect(pending).toMatchObject({
    balanceCents: 0,
    pendingSecondaryCents: 5_500,
    creditCents: 2_500,
    overpaymentCents: 0,
  });
  expect(pending.claims[0]).toMatchObject({ status: "pending_secondary", claimId: secondaryId });

  // The secondary leaves 15.00: 15.00 of the 25.00 pays it, 25 - 15 = 10.00 is left over to refund.
  await submit(w, [secondaryId]);
  await upload(w, await era(w, 1, 9202, "2026-11-10", [{ claimId: secondaryId, status: "2", lines: SECONDARY }]));
  expect((await getClaim(w, secondaryId)).balances).toMatchObject({
    patientResponsibilityCents: 1_500,
    patientPaidCents: 1_500,
    patientBalanceCents: 0,
    patientCreditCents: 1_000,
  });
  expect(await balanceOf(w)).toMatchObject({
    balanceCents: 0,
    pendingSecondaryCents: 0,
    creditCents: 1_000,
    overpaymentCents: 1_000,
  });

  // A desk payment named on the primary after the share moved on lands on the secondary claim, where the share is.
  const later = await pay(w, "refund", primaryId, 1_000, "2026-11-12");
  expect(later.status, JSON.stringify(later.body)).toBe(201);
  expect((await kinds(w, secondaryId)).at(-1)).toEqual(["credit_refund", -1_000]);
  expect(await balanceOf(w)).toMatchObject({ creditCents: 0, overpaymentCents: 0 });
});

it("takes a desk payment from the front desk at any time: what is owed first, oldest visit first, the rest held on the newest visit", async () => {
  const w = await world(1);
  const older = await visit(w, "2026-10-05");
  const newer = await visit(w, "2026-10-12");
  // Only the older visit is adjudicated: the patient owes 55.00 on it; the newer is still with the payer.
  await upload(w, await era(w, 0, 9301, "2026-10-20", [{ claimId: older, status: "1", lines: PRIMARY }]));
  const frontDesk = await newKey(w.key, "practice", w.practiceId);
  const path = `/v1/practices/${w.practiceId}/patients/${w.patientId}/desk-payments`;
  // 80.00: 55.00 pays the older visit, 80 - 55 = 25.00 is held as credit on the newer one.
  const paid = await call("POST", path, {
    key: frontDesk,
    body: { amountCents: 8_000, method: "cash", paymentDate: "2026-10-21" },
  });
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  expect(paid.body).toMatchObject({
    heldAsCreditCents: 2_500,
    allocations: [
      { claimId: older, amountCents: 5_500 },
      { claimId: newer, amountCents: 2_500 },
    ],
  });
  // Named on the newer visit: 10.00 more held there (25 + 10 = 35.00).
  const named = await call("POST", path, {
    key: frontDesk,
    body: { amountCents: 1_000, method: "card", paymentDate: "2026-10-21", claimId: newer },
  });
  expect(named.body.heldAsCreditCents).toBe(1_000);
  const b = await balanceOf(w);
  expect(b).toMatchObject({ balanceCents: 0, creditCents: 3_500, overpaymentCents: 0 });
  expect(b.claims.find((v: any) => v.claimId === newer)).toMatchObject({
    status: "awaiting_payer",
    creditCents: 3_500,
  });

  // A viewer may not take money; another practice's front desk does not see the patient; nor does another company.
  const viewer = await newKey(w.key, "viewer");
  const body = { amountCents: 100, method: "cash", paymentDate: "2026-10-21" };
  expect((await call("POST", path, { key: viewer, body })).status).toBe(403);
  const otherPractice = (
    await call("POST", "/v1/practices", { key: w.key, body: { ...samples.practice, npi: "1861474595" } })
  ).body.practiceId;
  expect((await call("POST", path, { key: await newKey(w.key, "practice", otherPractice), body })).status).toBe(404);
  expect((await call("POST", path, { key: (await newTenant()).ownerKey, body })).status).toBe(404);
});
