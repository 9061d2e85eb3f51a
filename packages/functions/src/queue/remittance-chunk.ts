import { inboundPosted, inboundPostingFailed } from "@claimledger/core/inbound/index.ts";
import {
  postChunk,
  remittanceChunkMessages,
  type ChunkOutcome,
  type RemittanceChunkMessage,
} from "@claimledger/core/remittance/index.ts";
import { sendMessage } from "@claimledger/core/shared/queue.ts";
import { isTransient } from "@claimledger/core/shared/transact.ts";
import { log } from "@claimledger/core/shared/log.ts";
import { sqsHandler } from "./sqs.ts";

/**
 * RemittanceChunkQueue consumer: posts one chunk of an 835 (a few hundred claim payments) until
 * done or until the function's time is nearly up; then it saves its place and queues the chunk
 * again to go on. The chunk that completes the run marks the file processed.
 */
export const handler = sqsHandler("remittance-chunk", remittanceChunkMessages.parse, async (m, _record, context) => {
  const deadline = context ? Date.now() + context.getRemainingTimeInMillis() : Infinity;
  if ((await runChunk(m, deadline)) === "continue")
    await sendMessage("RemittanceChunkQueue", remittanceChunkMessages, m);
});

/**
 * One delivery's work. Contention and throttling are thrown for SQS to redeliver; anything else
 * fails the file with its reason (it can be retried once fixed) and the message is done.
 */
export async function runChunk(m: RemittanceChunkMessage, deadline = Infinity): Promise<ChunkOutcome["state"]> {
  let outcome: ChunkOutcome;
  try {
    outcome = await postChunk(m.tenantId, m.sha256, m.runId, m.chunk, deadline);
  } catch (err) {
    if (isTransient(err)) throw err;
    const error = `chunk ${m.chunk + 1}: ${(err as Error).message}`;
    log("warn", "835 chunk failed", { tenantId: m.tenantId, sha256: m.sha256, runId: m.runId, chunk: m.chunk, error });
    await inboundPostingFailed(m.tenantId, m.sha256, m.runId, error);
    return "done";
  }
  if (outcome.state === "finished") await inboundPosted(m.tenantId, m.sha256, m.runId, outcome.summary);
  return outcome.state;
}
