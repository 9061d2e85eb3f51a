/**
 * Sending a practice's ready claims, however many, answers at once: the request records a batch
 * run and queues it; the batch-run worker takes the claims chunk by chunk (one queue message a
 * chunk) into batches. A retry with the same Idempotency-Key gets the first answer, also after
 * the first request died, and never a day-long refusal.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { IdempotencyEntity, requestHash } from "@claimledger/core/idempotency/idempotency.ts";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { processBatchRun } from "@claimledger/core/batch/run.service.ts";
import { BatchRunEntity } from "@claimledger/core/batch/batch.entity.ts";
import { injectedFaults, setFaults } from "@claimledger/core/shared/faults.ts";
import { handler as batchRunHandler } from "../src/queue/batch-run.ts";
import { call, samples } from "./http.ts";
import { daysAgo, practiceSetUp } from "./cycle.ts";

const CHUNK = 130;
const CLAIMS = 250;
let s: Awaited<ReturnType<typeof practiceSetUp>>;
const chunkBefore = process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS;

beforeAll(async () => {
  // A small chunk, so a few hundred claims need several chunks (the deployed default is 980).
  process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS = String(CHUNK);
  s = await practiceSetUp();
  await readyClaims(s, CLAIMS);
}, 120_000);

/** `n` ready claims of one patient of the practice: visits on n/2 days, two visit codes (each its own claim). */
async function readyClaims(s: Awaited<ReturnType<typeof practiceSetUp>>, n: number) {
  const patientId = (
    await call("POST", `/v1/practices/${s.practiceId}/patients`, { key: s.key, body: samples.patient(s.payerId) })
  ).body.patientId;
  const days = Math.ceil(n / 2);
  const encounters = Array.from({ length: n }, (_, i) => ({
    externalId: `V-${i}`,
    patientId,
    renderingProviderId: s.providerId,
    placeOfService: "11",
    serviceDate: daysAgo(1 + (i % days)),
    diagnoses: ["I10"],
    lines: [{ procedureCode: i < days ? "99213" : "99214", chargeCents: 12_000, diagnosisPointers: [1] }],
  }));
  for (let i = 0; i < n; i += 125) {
    const part = encounters.slice(i, i + 125);
    const res = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
      key: s.key,
      body: { encounters: part },
    });
    expect(res.body.accepted, JSON.stringify(res.body.results?.find((r: any) => r.outcome !== "accepted"))).toBe(
      part.length,
    );
  }
}

afterAll(() => {
  if (chunkBefore === undefined) delete process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS;
  else process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS = chunkBefore;
});

const readyCount = async () => {
  let n = 0;
  let cursor: string | null = null;
  do {
    const q: string = `/v1/claims?practiceId=${s.practiceId}&status=ready&limit=100${cursor ? `&cursor=${cursor}` : ""}`;
    const page = (await call("GET", q, { key: s.key })).body;
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
};

/** The batch-run queue through its Lambda handler, as SQS drives it, until the run is done. */
async function workRun(runId: string) {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("BatchRunQueue");
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const run = (await call("GET", `/v1/claim-batch-runs/${runId}`, { key: s.key })).body;
    if (run.status === "done") return run;
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of res.Messages ?? []) {
      const out = await batchRunHandler({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as never);
      if (out.batchItemFailures.length === 0)
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
  throw new Error(`batch run ${runId} not done in time`);
}

it("answers a practice's send at once with a batch run and batches every ready claim through the queue, in chunks", async () => {
  const headers = { "idempotency-key": "send-all-1" };
  const started = Date.now();
  const res = await call("POST", "/v1/claim-batches", { key: s.key, body: { practiceId: s.practiceId }, headers });
  const took = Date.now() - started;
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toMatchObject({ status: "running", claims: 0, batchIds: [], chunkClaims: CHUNK });
  // The request moved no claim itself: all 250 are still ready when it answers.
  expect(await readyCount()).toBe(CLAIMS);
  expect(took).toBeLessThan(5_000);

  // The same key again, while the run works and after: the first answer, not a second run.
  const again = await call("POST", "/v1/claim-batches", { key: s.key, body: { practiceId: s.practiceId }, headers });
  expect([again.status, again.body, again.headers.get("idempotent-replayed")]).toEqual([202, res.body, "true"]);

  const run = await workRun(res.body.runId);
  // 250 claims in chunks of 130: 130 (batches of 98 + 32), 120 (98 + 22), then a chunk finding none.
  expect(run).toMatchObject({ status: "done", claims: CLAIMS, chunks: 2 });
  const batches = await Promise.all(
    run.batchIds.map(async (id: string) => (await call("GET", `/v1/claim-batches/${id}`, { key: s.key })).body),
  );
  expect(batches.map((b) => b.claimIds.length).sort((a, b) => b - a)).toEqual([98, 98, 32, 22]);
  const inBatches = batches.flatMap((b) => b.claimIds);
  expect(new Set(inBatches).size).toBe(CLAIMS);
  expect(await readyCount()).toBe(0);
  expect(batches.every((b) => b.status === "queued" && b.practiceId === s.practiceId)).toBe(true);

  // Each batch goes on to the clearinghouse as any batch does.
  expect(await processBatch(s.tenantId, batches[0].batchId)).toBe("submitted");
  const after = await call("POST", "/v1/claim-batches", { key: s.key, body: { practiceId: s.practiceId }, headers });
  expect([after.status, after.body.runId]).toEqual([202, res.body.runId]);
});

it("answers a retry of a send still running with a 409 and Retry-After, and a retry after the first died with the first's run", async () => {
  const keyId = (await call("GET", "/v1/api-keys", { key: s.key })).body.items[0].keyId;
  const body = { practiceId: s.practiceId };
  const pending = (key: string, leaseUntil: number) =>
    IdempotencyEntity.put({
      tenantId: s.tenantId,
      scope: `${keyId}:${key}`,
      requestHash: requestHash("POST", "/v1/claim-batches", JSON.stringify(body)),
      state: "pending",
      createdAt: new Date().toISOString(),
      leaseUntil,
      expiresAt: Math.floor(Date.now() / 1000) + 86_400,
    }).go();

  // The first request is still running (its lease is live): come back shortly, not in a day.
  await pending("send-busy-1", Date.now() + 30_000);
  const busy = await call("POST", "/v1/claim-batches", {
    key: s.key,
    body,
    headers: { "idempotency-key": "send-busy-1" },
  });
  expect(busy.status).toBe(409);
  expect(Number(busy.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(Number(busy.headers.get("retry-after"))).toBeLessThanOrEqual(2);

  // The first request created its run, then died before its answer was kept (API Gateway timed it out).
  const headers = { "idempotency-key": "send-died-1" };
  const first = await call("POST", "/v1/claim-batches", { key: s.key, body, headers });
  expect(first.status).toBe(202);
  await pending("send-died-1", Date.now() - 1_000);
  // Past the lease the retry runs, finds the run its key made, and answers with it: no second run.
  const retry = await call("POST", "/v1/claim-batches", { key: s.key, body, headers });
  expect([retry.status, retry.headers.get("idempotent-replayed"), retry.body.runId]).toEqual([
    202,
    null,
    first.body.runId,
  ]);
  const replay = await call("POST", "/v1/claim-batches", { key: s.key, body, headers });
  expect([replay.status, replay.headers.get("idempotent-replayed"), replay.body.runId]).toEqual([
    202,
    "true",
    first.body.runId,
  ]);
});

it("batches every claim once, and counts it once, when each chunk is delivered twice at once under conflicts and throttles", async () => {
  const t = await practiceSetUp();
  await readyClaims(t, 60);
  process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS = "25";
  const res = await call("POST", "/v1/claim-batches", { key: t.key, body: { practiceId: t.practiceId } });
  process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS = String(CHUNK);
  expect(res.status).toBe(202);
  const { runId } = res.body;
  const state = async () => (await BatchRunEntity.get({ tenantId: t.tenantId, runId }).go({ consistent: true })).data!;
  const before = injectedFaults();
  setFaults({ conflict: 0.3, throttle: 0.1, seed: 77 });
  try {
    // The message of the chunk the run is at, twice at once, until the run is done (as SQS would).
    for (let delivery = 0; delivery < 40 && (await state()).status === "running"; delivery++) {
      const chunk = (await state()).chunks;
      await Promise.allSettled([0, 1].map(() => processBatchRun(t.tenantId, runId, chunk)));
    }
  } finally {
    setFaults({ conflict: 0, throttle: 0 });
  }
  expect(injectedFaults().conflicts - before.conflicts).toBeGreaterThan(0);
  const run = (await call("GET", `/v1/claim-batch-runs/${runId}`, { key: t.key })).body;
  // 60 claims in chunks of 25: 25, 25, 10, then the empty chunk that ends the run.
  expect(run).toMatchObject({ status: "done", claims: 60, chunks: 3 });
  expect((await state()).unsent ?? []).toEqual([]);
  const batches = await Promise.all(
    run.batchIds.map(async (id: string) => (await call("GET", `/v1/claim-batches/${id}`, { key: t.key })).body),
  );
  const listed = batches.flatMap((b) => b.claimIds as string[]);
  // Each claim is in exactly one batch, and that batch is the one the claim names.
  expect([listed.length, new Set(listed).size]).toEqual([60, 60]);
  const claims = await Promise.all(
    listed.map(async (id) => (await call("GET", `/v1/claims/${id}`, { key: t.key })).body),
  );
  const batchOf = new Map(batches.flatMap((b) => b.claimIds.map((c: string) => [c, b.batchId])));
  expect(claims.filter((c) => c.status !== "queued" || c.batchId !== batchOf.get(c.claimId))).toEqual([]);
});
