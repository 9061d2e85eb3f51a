import { createHash } from "node:crypto";
import { BatchRunEntity } from "./batch.entity.ts";
import {
  chunksByPractice,
  enqueueBatch,
  MAX_CLAIMS_PER_BATCH,
  newBatchItems,
  writeQueuedHistory,
} from "./batch.service.ts";
import type { BatchInput } from "./batch.service.ts";
import { batchRunMessages } from "./messages.ts";
import { readyClaimsUpTo, type Claim } from "../claim/index.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { notFound } from "../shared/errors.ts";
import { log } from "../shared/log.ts";
import { sendMessage } from "../shared/queue.ts";
import { isConditionFailure, TransactionConflict, transactWrite, tx } from "../shared/transact.ts";

/** A run's batch holds one claim fewer than a batch by ids: its transaction also carries the run's counts (100 items). */
export const RUN_BATCH_CLAIMS = MAX_CLAIMS_PER_BATCH - 1;
/** Claims one chunk (one queue message) batches by default: ten batches, a few seconds of work. */
export const DEFAULT_CHUNK_CLAIMS = RUN_BATCH_CLAIMS * 10;

/** Claims per chunk: CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS when set (tests, the bench), else the default. */
function chunkClaims(): number {
  const v = Number(process.env.CLAIMLEDGER_BATCH_RUN_CHUNK_CLAIMS ?? DEFAULT_CHUNK_CLAIMS);
  return Number.isInteger(v) && v > 0 ? v : DEFAULT_CHUNK_CLAIMS;
}

type Run = NonNullable<Awaited<ReturnType<ReturnType<typeof BatchRunEntity.get>["go"]>>["data"]>;

/** A run as the API shows it. */
function view({ tenantId: _t, unsent: _u, sentChunk: _s, ...r }: Run) {
  return r;
}

/**
 * The run id of a request: derived from its idempotency key when it has one, so a retry of a
 * request that died after creating its run (past the key's lease) finds that run and answers with
 * it instead of starting a second; a fresh id otherwise.
 */
export function batchRunId(tenantId: string, idempotencyScope?: string): string {
  if (!idempotencyScope) return newId("bjr");
  return `bjr_${createHash("sha256").update(`${tenantId}\n${idempotencyScope}`).digest("hex").slice(0, 28)}`;
}

/**
 * Starts a batch run: records it and queues its first chunk; the claims are selected and moved
 * by the batch-run worker, so the request answers at once whatever the number of ready claims.
 */
export async function createBatchRun(p: Principal, input: BatchInput, idempotencyScope?: string) {
  authorize(p, "batch.create");
  const runId = batchRunId(p.tenantId, idempotencyScope);
  const at = now();
  try {
    await BatchRunEntity.create({
      tenantId: p.tenantId,
      runId,
      status: "running",
      practiceId: input.practiceId,
      payerId: input.payerId,
      limit: input.limit,
      chunkClaims: chunkClaims(),
      claims: 0,
      batchIds: [],
      chunks: 0,
      sentChunk: -1,
      createdBy: actorOf(p),
      createdAt: at,
      updatedAt: at,
    }).go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    // The same request again (its first attempt died after creating the run): answer with the run.
  }
  const run = await readRun(p.tenantId, runId);
  if (run.status === "running" && run.sentChunk < run.chunks) await sendChunk(run, run.chunks);
  return view(await readRun(p.tenantId, runId));
}

export async function getBatchRun(p: Principal, runId: string) {
  authorize(p, "batch.list");
  const { data } = await BatchRunEntity.get({ tenantId: p.tenantId, runId }).go();
  if (!data) throw notFound("Batch run");
  return view(data);
}

async function readRun(tenantId: string, runId: string): Promise<Run> {
  const { data } = await BatchRunEntity.get({ tenantId, runId }).go({ consistent: true });
  if (!data) throw new Error(`batch run ${runId} not found`);
  return data;
}

/** Queues chunk `chunk` of the run, then records that it went (so a lost send is made good, and only once). */
async function sendChunk(run: Run, chunk: number) {
  await sendMessage("BatchRunQueue", batchRunMessages, { tenantId: run.tenantId, runId: run.runId, chunk });
  await BatchRunEntity.patch({ tenantId: run.tenantId, runId: run.runId })
    .set({ sentChunk: chunk })
    .where((a, op) => op.lt(a.sentChunk, chunk))
    .go()
    .catch((err: unknown) => {
      if (!isConditionFailure(err)) throw err;
    });
}

/**
 * The batch-run worker's job for one message: chunk `chunk` of the run. It takes up to the run's
 * chunk size of ready claims into batches (each batch, its claims' moves and the run's counts in
 * one transaction), queues each batch, marks the chunk done and queues the next; a chunk that finds
 * no ready claim ends the run. Every step is safe to run twice: a message for a chunk already done
 * does nothing (or sends the next one if that send was lost), two deliveries of one chunk take
 * each claim once (the moves are conditional on the claim being ready), and a batch whose message
 * may not have gone is kept in `unsent` until it has.
 */
export async function processBatchRun(
  tenantId: string,
  runId: string,
  chunk: number,
): Promise<"done" | "continued" | "skipped"> {
  const run = await readRun(tenantId, runId);
  if (run.status === "done") return "skipped";
  if (chunk < run.chunks) {
    if (run.sentChunk < run.chunks) await sendChunk(run, run.chunks);
    return "skipped";
  }
  if (chunk > run.chunks) return "skipped"; // not sent by us: the run's own next message comes
  await sendUnsent(run);
  const want = Math.min(run.chunkClaims, run.limit === undefined ? Infinity : run.limit - run.claims);
  const ready =
    want > 0 ? await readyClaimsUpTo(tenantId, { practiceId: run.practiceId, payerId: run.payerId }, want) : [];
  if (ready.length === 0) {
    try {
      const at = now();
      await BatchRunEntity.patch({ tenantId, runId })
        .set({ status: "done", finishedAt: at, updatedAt: at })
        .where((a, op) => `${op.eq(a.status, "running")} AND ${op.eq(a.chunks, chunk)}`)
        .go();
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return "skipped";
    }
    log("info", "batch run done", { tenantId, runId, claims: run.claims, batches: run.batchIds.length });
    return "done";
  }
  for (const { practiceId, claims } of chunksByPractice(ready, RUN_BATCH_CLAIMS))
    await batchForRun(run, practiceId, claims);
  try {
    await BatchRunEntity.patch({ tenantId, runId })
      .set({ chunks: chunk + 1, updatedAt: now() })
      .where((a, op) => `${op.eq(a.status, "running")} AND ${op.eq(a.chunks, chunk)}`)
      .go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    return "skipped"; // another delivery of this chunk finished it and sends the next
  }
  await sendChunk(run, chunk + 1);
  return "continued";
}

/**
 * One batch of the run: the batch, its claims' moves and the run's counts in one transaction. A
 * claim that is no longer ready at the version read (another delivery took it, or the index was a
 * moment behind) is left out and the rest written; the batch then goes on the queue.
 */
async function batchForRun(run: Run, practiceId: string, claims: Claim[]) {
  const { tenantId, runId } = run;
  const batchId = newId("bat");
  const actor = run.createdBy;
  let left = claims;
  let at = now();
  for (;;) {
    if (left.length === 0) return;
    at = now();
    try {
      await transactWrite([
        ...newBatchItems(tenantId, { batchId, practiceId, payerId: run.payerId, actor, at, runId }, left),
        tx.update(
          BatchRunEntity.patch({ tenantId, runId })
            .add({ claims: left.length, unsent: [batchId] })
            .append({ batchIds: [batchId] })
            .set({ updatedAt: at })
            .where((a, op) => op.eq(a.status, "running"))
            .params(),
          "run",
        ),
      ]);
      break;
    } catch (err) {
      if (!(err instanceof TransactionConflict) || err.transient || err.failed("run")) throw err;
      const before = left.length;
      left = left.filter((c) => !err.failed(c.claimId));
      if (left.length === before) throw err;
    }
  }
  await writeQueuedHistory(tenantId, actor, left, batchId, at);
  await enqueueBatch(tenantId, batchId);
  await BatchRunEntity.patch({ tenantId, runId })
    .delete({ unsent: [batchId] })
    .go();
}

/** Batches a delivery that died wrote but may not have queued: queued now (a second message is harmless). */
async function sendUnsent(run: Run) {
  for (const batchId of run.unsent ?? []) {
    await enqueueBatch(run.tenantId, batchId);
    await BatchRunEntity.patch({ tenantId: run.tenantId, runId: run.runId })
      .delete({ unsent: [batchId] })
      .go();
  }
}
