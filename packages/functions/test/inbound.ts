import { processInbound } from "@claimledger/core/inbound/process.service.ts";
import { InboundFileEntity } from "@claimledger/core/inbound/inbound.entity.ts";
import { runChunk } from "../src/queue/remittance-chunk.ts";

/**
 * Applies an inbound file as the workers would: the inbound-file worker's job, then, for an 835
 * handed on in chunks, each chunk's job in turn (what the remittance-chunk worker does with the
 * messages; the messages themselves stay queued, each a no-op once its chunk is done). Answers
 * the file's status at the end, or throws what a worker would leave to SQS.
 */
export async function applyInbound(tenantId: string, sha256: string): Promise<string> {
  const outcome = await processInbound(tenantId, sha256);
  if (outcome !== "posting") return outcome;
  const file = async () => (await InboundFileEntity.get({ tenantId, sha256 }).go({ consistent: true })).data!;
  const { runId, chunks } = (await file()).postingRun as { runId: string; chunks: number };
  for (let chunk = 0; chunk < chunks; chunk++) {
    while ((await runChunk({ tenantId, sha256, runId, chunk })) === "continue");
  }
  return (await file()).status;
}
