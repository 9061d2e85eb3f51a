/**
 * The local stack made as strict as DynamoDB: with transaction conflicts and throttles injected,
 * batch workers and 835 postings run at the same time and every cent still lands once.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { injectedFaults, setFaults } from "@claimledger/core/shared/faults.ts";
import { sandboxReceived } from "@claimledger/core/clearinghouse/sandbox/sandbox.ts";
import { readActivity } from "@claimledger/core/invoice/activity.ts";
import { dynamo } from "@claimledger/core/shared/aws.ts";
import { call } from "./http.ts";
import { pollNow } from "./poll.ts";
import { acceptedClaims, batchReady, encounterFor, practiceSetUp, sandboxClaim } from "./cycle.ts";

afterAll(() => setFaults({ conflict: 0, throttle: 0 }));
beforeAll(() => setFaults({ conflict: 0, throttle: 0 }));

it("posts five 835s of one practice at once under conflicts and throttles: every file processed, every claim's money exact", async () => {
  const s = await acceptedClaims(10);
  const groups = [0, 2, 4, 6, 8].map((k) => s.claims.slice(k, k + 2));
  const expected = new Map(s.claims.map((c) => [c.claimId, adjudicate(sandboxClaim(c.doc))]));
  const files = groups.map((g, i) =>
    build835(
      "BPH01",
      "BLUE PRAIRIE",
      g.map((c) => ({ claim: sandboxClaim(c.doc), result: expected.get(c.claimId)! })),
      9100 + i,
      "X",
      new Date(),
    ),
  );
  const shas: string[] = [];
  for (const f of files)
    shas.push(
      (
        await call("POST", "/v1/remittances", {
          key: s.key,
          raw: f,
          headers: { "content-type": "application/edi-x12" },
        })
      ).body.sha256,
    );

  const before = injectedFaults();
  setFaults({ conflict: 0.35, throttle: 0.15, seed: 12 });
  const outcomes = await Promise.all(shas.map((sha) => applyInbound(s.tenantId, sha)));
  setFaults({ conflict: 0, throttle: 0 });
  const after = injectedFaults();
  expect(outcomes).toEqual(["processed", "processed", "processed", "processed", "processed"]);
  // The faults were really met: some transactions were cancelled, some writes throttled.
  expect(after.conflicts - before.conflicts).toBeGreaterThan(0);
  expect(after.throttles - before.throttles).toBeGreaterThan(0);

  for (const c of s.claims) {
    const want = expected.get(c.claimId)!;
    const ledger = (await call("GET", `/v1/claims/${c.claimId}/ledger`, { key: s.key })).body;
    const paid = ledger.items
      .filter((e: any) => e.kind === "insurance_payment")
      .reduce((t: number, e: any) => t + e.amountCents, 0);
    // Each claim is paid what the payer model decided, once: 20000 cents charged, paid as adjudicated.
    expect(paid, c.claimId).toBe(want.paidCents);
    expect(ledger.balances.chargeCents).toBe(20000);
  }
  expect((await call("GET", "/v1/remittances", { key: s.key })).body.items.map((r: any) => r.status)).toEqual(
    Array(5).fill("posted"),
  );
});

it("runs batch workers at once under conflicts and throttles: each claim submitted once, in one 837P", async () => {
  const s = await practiceSetUp();
  for (let i = 0; i < 6; i++)
    expect(
      (await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, i) })).status,
    ).toBe(201);
  const ids = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items.map(
    (c: any) => c.claimId,
  );
  const a = await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: ids.slice(0, 3) } });
  const b = await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: ids.slice(3) } });
  const batches = [a.body.batches[0].batchId, b.body.batches[0].batchId];
  setFaults({ conflict: 0.35, throttle: 0.15, seed: 34 });
  // Each batch twice at once, as a redelivered message would be.
  const results = await Promise.allSettled([...batches, ...batches].map((id) => processBatch(s.tenantId, id)));
  setFaults({ conflict: 0, throttle: 0 });
  expect(results.filter((r) => r.status === "fulfilled" && r.value === "submitted").length).toBeGreaterThanOrEqual(1);
  // A run that lost a race is redelivered; run each batch once more, as SQS would.
  for (const id of batches) await processBatch(s.tenantId, id);
  const claims = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items;
  expect(claims.map((c: any) => c.status)).toEqual(Array(6).fill("submitted"));
  for (const c of claims) expect(c.submissions, c.claimId).toBe(1);
  for (const id of batches)
    expect((await call("GET", `/v1/claim-batches/${id}`, { key: s.key })).body.status).toBe("submitted");
});

it("leaves a file interrupted by contention to SQS's redelivery instead of marking it failed, and finishes it exactly once", async () => {
  const s = await acceptedClaims(2);
  const [a] = s.claims;
  const result = adjudicate(sandboxClaim(a!.doc));
  const text = build835("BPH01", "BLUE PRAIRIE", [{ claim: sandboxClaim(a!.doc), result }], 9201, "X", new Date());
  const { sha256 } = (
    await call("POST", "/v1/remittances", { key: s.key, raw: text, headers: { "content-type": "application/edi-x12" } })
  ).body;
  // Every transaction cancelled for a concurrent one, past the retries: the attempt gives up.
  setFaults({ conflict: 1, throttle: 0, seed: 5 });
  await expect(applyInbound(s.tenantId, sha256)).rejects.toThrow(/TransactionConflict/);
  setFaults({ conflict: 0, throttle: 0 });
  const file = (await call("GET", `/v1/inbound-files/${sha256}`, { key: s.key })).body;
  expect([file.status, file.attempts, file.error]).toEqual(["posting", 1, undefined]);
  // SQS's redelivery: it posts, once.
  expect(await applyInbound(s.tenantId, sha256)).toBe("processed");
  const paid = (await call("GET", `/v1/claims/${a!.claimId}/ledger`, { key: s.key })).body.items.filter(
    (e: any) => e.kind === "insurance_payment",
  );
  expect(paid.reduce((t: number, e: any) => t + e.amountCents, 0)).toBe(result.paidCents);
});

it("never marks failed, nor sends again, a batch the clearinghouse already has when moving its claims is interrupted", async () => {
  const s = await practiceSetUp();
  for (let i = 0; i < 2; i++)
    await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, i) });
  const batchId = (await batchReady(s, { practiceId: s.practiceId })).batchIds[0]!;
  // Every claim move cancelled past its retries, after the file went out.
  setFaults({ conflict: 1, throttle: 0, seed: 9 });
  await expect(processBatch(s.tenantId, batchId)).rejects.toThrow(/submitted; moving its claims was interrupted/);
  setFaults({ conflict: 0, throttle: 0 });
  const batch = (await call("GET", `/v1/claim-batches/${batchId}`, { key: s.key })).body;
  expect(batch.status).toBe("submitted");
  // The redelivery only finishes moving the claims.
  expect(await processBatch(s.tenantId, batchId)).toBe("skipped");
  const claims = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items;
  expect(claims.map((c: any) => [c.status, c.submissions])).toEqual([
    ["submitted", 1],
    ["submitted", 1],
  ]);
  // The clearinghouse got one interchange: one 999 and one 277CA come back, not two of each.
  const files = (await pollNow(s.key)).files.map((f: any) => f.kind).sort();
  expect(files).toEqual(["277", "999"]);
});

it("sends several batches of one practice at once under conflicts and throttles: each 837P reaches the clearinghouse once, each claim is submitted and counted once", async () => {
  const s = await practiceSetUp();
  for (let i = 0; i < 9; i++)
    expect(
      (await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, i) })).status,
    ).toBe(201);
  const ids: string[] = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items.map(
    (c: any) => c.claimId,
  );
  const batches: string[] = [];
  for (let i = 0; i < 9; i += 3)
    batches.push(
      (await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: ids.slice(i, i + 3) } })).body.batches[0]
        .batchId,
    );
  const month = new Date().toISOString().slice(0, 7);
  const before = injectedFaults();
  setFaults({ conflict: 0.35, throttle: 0.15, seed: 56 });
  try {
    // Three batches of the one practice, each delivered twice at once (SQS delivers at least once).
    await Promise.allSettled([...batches, ...batches].map((id) => processBatch(s.tenantId, id)));
    // What threw is redelivered, faults still on, up to the queue's five receives.
    for (const id of batches)
      for (let receive = 0; receive < 5; receive++) {
        try {
          await processBatch(s.tenantId, id);
          break;
        } catch {
          // redelivered
        }
      }
  } finally {
    setFaults({ conflict: 0, throttle: 0 });
  }
  expect(injectedFaults().conflicts - before.conflicts).toBeGreaterThan(0);
  expect(injectedFaults().throttles - before.throttles).toBeGreaterThan(0);

  const shown = await Promise.all(
    batches.map(async (id) => (await call("GET", `/v1/claim-batches/${id}`, { key: s.key })).body),
  );
  // No batch failed: each is submitted, and the clearinghouse received each 837P exactly once.
  expect(shown.map((b) => b.status)).toEqual(["submitted", "submitted", "submitted"]);
  expect((await sandboxReceived(s.tenantId)).sort()).toEqual(shown.map((b) => b.fileName).sort());
  const claims = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items;
  expect(claims.map((c: any) => [c.status, c.submissions])).toEqual(Array(9).fill(["submitted", 1]));
  // Nine first submissions this month, nine on the invoice's per-claim count (1 + 1 + ... once per claim).
  expect((await readActivity(s.tenantId, s.practiceId, month))["claims-submitted"]).toBe(9);

  // A late redelivery of every batch changes nothing: no second file, no second count.
  for (const id of batches) expect(await processBatch(s.tenantId, id)).toBe("skipped");
  expect(await sandboxReceived(s.tenantId)).toHaveLength(3);
  expect((await readActivity(s.tenantId, s.practiceId, month))["claims-submitted"]).toBe(9);
});

it("moves the claims of two batches of one practice without one item in common: nothing for concurrent batches to conflict on", async () => {
  const s = await practiceSetUp();
  for (let i = 0; i < 4; i++)
    expect(
      (await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, i) })).status,
    ).toBe(201);
  const ids: string[] = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items.map(
    (c: any) => c.claimId,
  );
  const a = (await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: ids.slice(0, 2) } })).body
    .batches[0].batchId;
  const b = (await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: ids.slice(2) } })).body.batches[0]
    .batchId;
  // Every item each batch's transactions write, as DynamoDB sees them (pk + sk).
  let seen = new Set<string>();
  const stack = dynamo().middlewareStack;
  stack.add(
    (next: any) => async (args: any) => {
      for (const t of args.input.TransactItems ?? []) {
        const op = t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck;
        const k = op.Item ?? op.Key;
        seen.add(`${k.pk}|${k.sk}`);
      }
      return next(args);
    },
    { step: "initialize", name: "recordTransactItems" },
  );
  try {
    expect(await processBatch(s.tenantId, a)).toBe("submitted");
    const ofA = seen;
    seen = new Set();
    expect(await processBatch(s.tenantId, b)).toBe("submitted");
    const shared = [...seen].filter((k) => ofA.has(k));
    // The old per-practice "claims-submitted" counter was in every first submission of both.
    expect(shared).toEqual([]);
    expect(ofA.size).toBeGreaterThan(0);
  } finally {
    stack.remove("recordTransactItems");
  }
  expect((await readActivity(s.tenantId, s.practiceId, new Date().toISOString().slice(0, 7)))["claims-submitted"]).toBe(
    4,
  );
});
