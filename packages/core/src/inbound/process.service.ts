import { InboundFileEntity } from "./inbound.entity.ts";
import { apply277, apply999 } from "./acks.service.ts";
import { finishRun, planPosting, remittanceChunkMessages, type PostSummary } from "../remittance/index.ts";
import { readEdi, streamEdi } from "../shared/storage.ts";
import { sendMessages } from "../shared/queue.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";
import { isTransient, transactWrite, tx } from "../shared/transact.ts";
import { eventPut } from "../event/index.ts";
import { applyEligibilityFile } from "../eligibility/index.ts";
import { applyStatusResponse, isStatusResponse } from "../claimstatus/index.ts";

/** An 835 handed on to be posted chunk by chunk: the file is `posting` until its last chunk. */
interface Posting {
  posting: { runId: string; chunks: number };
}

/** Handlers by transaction set (ST01); each reads the archived file its own way. */
export const inboundHandlers: Record<
  string,
  (tenantId: string, file: { key: string; sha256: string }) => Promise<unknown>
> = {
  "999": async (tenantId, f) => apply999(tenantId, await readEdi(f.key)),
  // A 277 is a claim acknowledgment (277CA, 005010X214) or a status response to our 276 (005010X212).
  "277": async (tenantId, f) => {
    const text = await readEdi(f.key);
    return isStatusResponse(text) ? applyStatusResponse(tenantId, text, f.sha256) : apply277(tenantId, text);
  },
  // 271s answer the 270 files sent in batch (real-time answers are recorded when they come).
  "271": async (tenantId, f) => applyEligibilityFile(tenantId, await readEdi(f.key), f.key),
  // 835s can be large: streamed from S3 (balance first), cut into chunks that post side by side.
  "835": async (tenantId, f): Promise<PostSummary | Posting> => {
    const { runId, chunks } = await planPosting(tenantId, f.sha256, () => streamEdi(f.key));
    if (chunks === 0) return finishRun(tenantId, f.sha256, runId);
    // Marked before the chunks are sent: the chunk that finishes the run checks the run is the file's.
    await InboundFileEntity.patch({ tenantId, sha256: f.sha256 })
      .set({ status: "posting", postingRun: { runId, chunks } })
      .remove(["error"])
      .go();
    await queueChunks(tenantId, f.sha256, runId, chunks);
    return { posting: { runId, chunks } };
  },
};

async function queueChunks(tenantId: string, sha256: string, runId: string, chunks: number) {
  await sendMessages(
    "RemittanceChunkQueue",
    remittanceChunkMessages,
    Array.from({ length: chunks }, (_, chunk) => ({ tenantId, sha256, runId, chunk })),
  );
}

const isPosting = (v: unknown): v is Posting => typeof v === "object" && v !== null && "posting" in v;
/** A 277 status response's summary: its claims' own events are claim.status_received. */
const isStatusSummary = (v: unknown) =>
  typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "status";

/** The last chunk of an 835's posting run is done: the file is processed, with the run's summary. */
export async function inboundPosted(tenantId: string, sha256: string, runId: string, summary: PostSummary) {
  await InboundFileEntity.patch({ tenantId, sha256 })
    .set({ status: "processed", summary, processedAt: now() })
    .remove(["error"])
    .where((a, op) => op.eq(a.postingRun.runId, runId))
    .go()
    .catch((err: unknown) => {
      // A later run of the file took over (it was retried): that run reports.
      if (!/conditional request failed/i.test((err as Error).message)) throw err;
    });
}

/** A chunk that cannot post as it is: the file is failed with the reason, and can be retried once fixed. */
export async function inboundPostingFailed(tenantId: string, sha256: string, runId: string, error: string) {
  await InboundFileEntity.patch({ tenantId, sha256 })
    .set({ status: "failed", error: error.slice(0, 1000) })
    .where((a, op) => op.eq(a.postingRun.runId, runId))
    .go()
    .catch((err: unknown) => {
      if (!/conditional request failed/i.test((err as Error).message)) throw err;
    });
}

/**
 * The inbound-file worker's job: read the archived file, apply it, record the outcome. While it
 * runs the file says `processing`, since when, and which attempt; a crash leaves it so, honestly,
 * until SQS redelivers it (or an operator requeues it past the worker's time limit). A file that
 * cannot be applied as it is is kept and marked failed with the reason, and can be processed again;
 * a passing failure (DynamoDB contention or throttling) is thrown for SQS to redeliver. Every step of
 * applying a file is idempotent, so an attempt that died part-way is finished, never doubled.
 */
export async function processInbound(
  tenantId: string,
  sha256: string,
): Promise<"processed" | "posting" | "skipped" | "failed"> {
  const { data: file } = await InboundFileEntity.get({ tenantId, sha256 }).go();
  if (!file || file.status === "processed") return "skipped";
  // Redelivered after its chunks were queued (all or some): queue them again; a chunk done is a no-op.
  if (file.status === "posting" && file.postingRun?.runId && file.postingRun.chunks) {
    await queueChunks(tenantId, sha256, file.postingRun.runId, file.postingRun.chunks);
    return "posting";
  }
  const handler = inboundHandlers[file.kind ?? ""];
  await InboundFileEntity.patch({ tenantId, sha256 })
    .set({ status: "processing", processingSince: now() })
    .add({ attempts: 1 })
    .go();
  try {
    if (!handler) throw new Error(`no handler for X12 transaction set ${file.kind}`);
    const summary = await handler(tenantId, { key: file.key, sha256 });
    if (isPosting(summary)) return "posting";
    const at = now();
    const processed = InboundFileEntity.patch({ tenantId, sha256 })
      .set({ status: "processed", summary, processedAt: at })
      .remove(["error"])
      .params();
    // A 277CA is one event for the file (its claims' own are claim.accepted / claim.rejected); a
    // 999's event is its batch's (batch.service.ts), an 835's its remittances', a 277 status
    // response's its claims' (claim.status_received).
    const event =
      file.kind === "277" && !isStatusSummary(summary)
        ? [eventPut(tenantId, { type: "ack.277ca.received", ids: { inboundFileId: sha256 }, status: "processed" }, at)]
        : [];
    await transactWrite([tx.update(processed), ...event]);
    return "processed";
  } catch (err) {
    // DynamoDB contention or throttling past the retries: SQS redelivers the message; the file stays `processing`.
    if (isTransient(err)) {
      log("warn", "inbound file interrupted, to be redelivered", {
        tenantId,
        sha256,
        kind: file.kind,
        error: (err as Error).name,
      });
      throw err;
    }
    const error = (err as Error).message.slice(0, 1000);
    await InboundFileEntity.patch({ tenantId, sha256 }).set({ status: "failed", error }).go();
    log("warn", "inbound file failed", { tenantId, sha256, kind: file.kind, error });
    return "failed";
  }
}
