import { expect, it } from "vitest";
import { todayIn } from "@claimledger/core/claim/index.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { era, getClaim, ledger, submit, upload, visit, world, type ClpSpec, type World } from "./era.ts";

/**
 * Denial resolutions carried out, on the 260.00 visit (99214 185.00, 93000 75.00). Each closes
 * the denied A/R on the claim with ledger entries; a write-off over the company's approval amount
 * waits for an owner.
 */
const today = todayIn(samples.practice.timeZone);
const resolve = (key: string, claimId: string, body: object) =>
  call("POST", `/v1/claims/${claimId}/denial-resolution`, { key, body });
const denied = (claimId: string, reason: string): ClpSpec => ({
  claimId,
  status: "4",
  lines: [
    { paid: 0, cas: [["CO", reason, 18_500]] },
    { paid: 0, cas: [["CO", reason, 7_500]] },
  ],
});
const aging = async (w: World) =>
  (await call("GET", `/v1/reports/ar-aging?practiceId=${w.practiceId}`, { key: w.key })).body.practices[0]
    .fromServiceDate.insurance;

it("a large write-off waits for an owner: the biller asks, the owner rejects one and approves the other; ledger and A/R follow", async () => {
  const w = await world(1);
  const tenant = await call("GET", "/v1/tenant", { key: w.key });
  const set = await call("PATCH", "/v1/tenant", {
    key: w.key,
    body: { writeOffApprovalCents: 10_000 },
    headers: { "if-match": `"${tenant.body.version}"` },
  });
  expect([set.status, set.body.writeOffApprovalCents]).toEqual([200, 10_000]);
  const biller = await newKey(w.key, "biller");
  expect((await call("PATCH", "/v1/tenant", { key: biller, body: { writeOffApprovalCents: 0 } })).status).toBe(403);
  const claimId = await visit(w, "2026-10-05");
  await upload(w, await era(w, 0, 8801, "2026-10-20", [denied(claimId, "29")]));

  // 260.00 is over the 100.00 the owner set: a request, nothing on the ledger yet.
  const asked = await resolve(biller, claimId, {
    resolution: "write_off",
    reasonCode: "timely_filing",
    reason: "filed late, no proof",
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  expect(asked.body.request).toMatchObject({
    status: "pending",
    amountCents: 26_000,
    thresholdCents: 10_000,
    reasonCode: "timely_filing",
  });
  expect((await getClaim(w, claimId)).balances).toMatchObject({ deniedCents: 26_000, adjustedCents: 0 });
  const pending = (await call("GET", "/v1/write-off-requests", { key: w.key })).body.items;
  expect(pending.map((r: any) => r.requestId)).toEqual([asked.body.request.requestId]);
  // Only an owner decides; a rejection needs a note and leaves the denial open.
  const first = asked.body.request.requestId;
  expect((await call("POST", `/v1/write-off-requests/${first}/approve`, { key: biller, body: {} })).status).toBe(403);
  expect((await call("POST", `/v1/write-off-requests/${first}/reject`, { key: w.key, body: {} })).status).toBe(422);
  const rejected = await call("POST", `/v1/write-off-requests/${first}/reject`, {
    key: w.key,
    body: { note: "appeal with the 999 first" },
  });
  expect(rejected.body).toMatchObject({ status: "rejected", decisionNote: "appeal with the 999 first" });
  expect((await getClaim(w, claimId)).balances.deniedCents).toBe(26_000);

  // 50.00 is under the amount: posted at once. 260 - 50 = 210.00 open, asked for; an owner approves it.
  const small = await resolve(biller, claimId, {
    resolution: "write_off",
    amountCents: 5_000,
    reasonCode: "small_balance",
    reason: "not worth the appeal",
  });
  expect(small.status, JSON.stringify(small.body)).toBe(201);
  expect(small.body.balances).toMatchObject({ deniedCents: 21_000, adjustedCents: 5_000 });
  const rest = await resolve(biller, claimId, {
    resolution: "write_off",
    reasonCode: "timely_filing",
    reason: "the 999 was lost",
  });
  expect(rest.body.request.amountCents).toBe(21_000);
  const second = rest.body.request.requestId;
  expect(
    (
      await call("POST", `/v1/write-off-requests/${second}/approve`, {
        key: w.key,
        body: {},
        headers: { "if-match": '"7"' },
      })
    ).status,
  ).toBe(412);
  const approved = await call("POST", `/v1/write-off-requests/${second}/approve`, {
    key: w.key,
    body: { note: "ok, no proof exists" },
    headers: { "if-match": '"1"' },
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  // Written off 50.00 + 210.00 = 260.00: nothing denied, nothing owed, the claim closed.
  expect(approved.body.resolution).toMatchObject({
    amountCents: 21_000,
    status: "closed",
    approvedBy: expect.stringMatching(/^key:/),
    balances: { deniedCents: 0, adjustedCents: 26_000, insuranceBalanceCents: 0 },
  });
  expect(approved.body.request).toMatchObject({ status: "approved", entryId: approved.body.resolution.entryId });
  expect((await call("POST", `/v1/write-off-requests/${second}/approve`, { key: w.key, body: {} })).status).toBe(409);
  // (Resolution entries have random ids, so the ledger lists them in no set order: by amount here.)
  const offs = (await ledger(w, claimId)).items
    .filter((e: any) => e.kind === "denial_write_off")
    .sort((x: any, y: any) => x.amountCents - y.amountCents);
  expect(offs.map((e: any) => [e.amountCents, e.reason])).toEqual([
    [5_000, "small_balance"],
    [21_000, "timely_filing"],
  ]);
  expect(offs[1].note).toMatch(/^the 999 was lost \(requested by key:key_\w+, approved by key:key_\w+\)$/);
  expect(await aging(w)).toMatchObject({ totalCents: 0, denied: { totalCents: 0 } });
  const month = today.slice(0, 7);
  const collections = (
    await call("GET", `/v1/reports/collections?from=${month}&to=${month}&practiceId=${w.practiceId}`, { key: w.key })
  ).body;
  expect(collections.practices[0].months[0].deniedWrittenOffCents).toBe(26_000);
  const events = (
    await call("GET", "/v1/events?types=write_off.requested,write_off.approved,write_off.rejected", { key: w.key })
  ).body.items;
  expect(events.map((e: any) => [e.type, e.ids.requestId])).toEqual([
    ["write_off.requested", first],
    ["write_off.rejected", first],
    ["write_off.requested", second],
    ["write_off.approved", second],
  ]);
  const audit = (await call("GET", `/v1/audit-events?subject=writeOff:${second}`, { key: w.key })).body.items;
  expect(audit.map((e: any) => e.action)).toEqual(["approved", "requested"]);
  // The denial's own task is done with it.
  const tasks = (await call("GET", `/v1/tasks?claimId=${claimId}&status=closed`, { key: w.key })).body.items;
  expect(tasks.map((t: any) => [t.kind, t.closedReason])).toEqual([["work_denial", "the denial was resolved"]]);
});

it("a corrected claim carries its fix and takes the denied amount; a rebill bills the other coverage and closes the denied claim", async () => {
  // Corrected: 99214 denied CO-4 (a modifier missing), 185.00; 93000 paid 60.00 + CO-45 15.00 = 75.00.
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");
  await upload(
    w,
    await era(w, 0, 8901, "2026-10-20", [
      {
        claimId,
        status: "1",
        lines: [
          { paid: 0, cas: [["CO", "4", 18_500]] },
          { paid: 6_000, cas: [["CO", "45", 1_500]] },
        ],
      },
    ]),
  );
  expect((await getClaim(w, claimId)).status).toBe("partially_paid");
  const fix = {
    lines: [
      { procedureCode: "99214", modifiers: ["25"], chargeCents: 18_500, diagnosisPointers: [1] },
      { procedureCode: "93000", chargeCents: 7_500, diagnosisPointers: [1] },
    ],
  };
  const corrected = await resolve(w.key, claimId, {
    resolution: "corrected_claim",
    fix,
    reason: "modifier 25 on the E/M",
  });
  expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
  // 260 - 60 paid - 15 adjusted - 185 moved = 0 left on the original.
  expect(corrected.body).toMatchObject({
    resolution: "corrected_claim",
    amountCents: 18_500,
    status: "corrected",
    balances: { deniedCents: 0, movedCents: 18_500, insuranceBalanceCents: 0 },
  });
  const replacement = await getClaim(w, corrected.body.newClaimId);
  expect(replacement).toMatchObject({ frequencyCode: "7", status: "ready", payerClaimControlNumber: "ICN89010" });
  expect(replacement.doc.lines.map((l: any) => l.modifiers)).toEqual([["25"], []]);
  expect((await getClaim(w, claimId)).replacedBy).toBe(corrected.body.newClaimId);
  const transfer = (await ledger(w, claimId)).items.find((e: any) => e.kind === "denial_transfer");
  expect(transfer).toMatchObject({
    amountCents: 18_500,
    note: `corrected claim ${corrected.body.newClaimId}: modifier 25 on the E/M`,
  });

  // Rebill: the primary payer denies it all CO-22 (another payer covers it); the patient's other coverage is billed.
  const v = await world(2);
  const deniedId = await visit(v, "2026-10-05");
  await upload(v, await era(v, 0, 8902, "2026-10-20", [denied(deniedId, "22")]));
  expect(
    (await resolve(v.key, deniedId, { resolution: "rebill", coverageId: "cov_nope", reason: "x y z" })).status,
  ).toBe(422);
  const rebilled = await resolve(v.key, deniedId, {
    resolution: "rebill",
    reason: "Medicaid is primary for this visit",
  });
  expect(rebilled.status, JSON.stringify(rebilled.body)).toBe(201);
  // All 260.00 moved to the new claim: 260 - 260 = 0 on the denied one, which closes.
  expect(rebilled.body).toMatchObject({
    amountCents: 26_000,
    status: "closed",
    balances: { deniedCents: 0, movedCents: 26_000, insuranceBalanceCents: 0 },
  });
  const next = await getClaim(v, rebilled.body.newClaimId);
  expect(next).toMatchObject({ payerId: v.payers[1], frequencyCode: "1", totalChargeCents: 26_000 });
  expect(next.doc).toMatchObject({
    rebilledFromClaimId: deniedId,
    coverage: { payerId: v.payers[1], order: "primary" },
  });
  expect(next.status, JSON.stringify(next.findings)).toBe("ready");
  expect(await getClaim(v, deniedId)).toMatchObject({ status: "closed", rebilledTo: next.claimId });
  // The visit is the new claim's now: the same encounter again is a duplicate of it.
  const again = await call("POST", `/v1/practices/${v.practiceId}/encounters`, {
    key: v.key,
    body: {
      patientId: v.patientId,
      renderingProviderId: v.providerId,
      placeOfService: "11",
      serviceDate: "2026-10-05",
      diagnoses: ["I10"],
      lines: [
        { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1] },
        { procedureCode: "93000", chargeCents: 7500, diagnosisPointers: [1] },
      ],
    },
  });
  expect([again.status, again.body.detail]).toEqual([409, expect.stringContaining(next.claimId)]);
  // Sent, it is insurance A/R under the other payer: 260.00, none of it denied.
  await submit(v, [next.claimId]);
  const ar = await aging(v);
  expect(ar).toMatchObject({ totalCents: 26_000, denied: { totalCents: 0 } });
  expect(ar.byPayer.map((b: any) => [b.payerId, b.totalCents])).toEqual([[v.payers[1], 26_000]]);
});

it("resolutions and approvals are the company's: another company gets 404, a practice key 403, an appeal's money is the appeal's", async () => {
  const w = await world(1);
  const claimId = await visit(w, "2026-10-05");
  await upload(w, await era(w, 0, 9001, "2026-10-20", [denied(claimId, "50")]));
  const other = await newTenant("Other Billing");
  expect((await resolve(other.ownerKey, claimId, { resolution: "bill_patient", reason: "not ours" })).status).toBe(404);
  const practice = await newKey(w.key, "practice", w.practiceId);
  expect((await resolve(practice, claimId, { resolution: "bill_patient", reason: "not ours" })).status).toBe(403);
  // An appeal holds 185.00 of line 1: only the other 75.00 may be written off now.
  const line1 = (await getClaim(w, claimId)).doc.lines[0].lineId;
  await call("POST", `/v1/claims/${claimId}/appeals`, { key: w.key, body: { lineIds: [line1], argument: ["needed"] } });
  expect(
    (await resolve(w.key, claimId, { resolution: "write_off", amountCents: 7_501, reason: "too much" })).status,
  ).toBe(422);
  const off = await resolve(w.key, claimId, { resolution: "write_off", reason: "line 2 not worth it" });
  expect([off.status, off.body.amountCents, off.body.balances.deniedCents]).toEqual([201, 7_500, 18_500]);
  const held = await resolve(w.key, claimId, { resolution: "bill_patient", reason: "the rest" });
  expect([held.status, held.body.detail]).toEqual([409, expect.stringContaining("held by its open appeals")]);
  expect((await call("GET", "/v1/write-off-requests", { key: other.ownerKey })).body.items).toEqual([]);
  expect((await call("POST", "/v1/write-off-requests/wor_nope/approve", { key: w.key, body: {} })).status).toBe(404);
});
