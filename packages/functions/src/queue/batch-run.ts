import { processBatchRun, batchRunMessages } from "@claimledger/core/batch/index.ts";
import { sqsHandler } from "./sqs.ts";

/** BatchRunQueue consumer: one chunk of a batch run (ready claims into batches), then the next chunk queued. */
export const handler = sqsHandler("batch-run", batchRunMessages.parse, async ({ tenantId, runId, chunk }) => {
  await processBatchRun(tenantId, runId, chunk);
});
