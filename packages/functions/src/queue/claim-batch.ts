import { processBatch, claimBatchMessages } from "@claimledger/core/batch/index.ts";
import { sqsHandler } from "./sqs.ts";

/** ClaimBatchQueue consumer: 837P build, S3 archive, submission, claims submitted. */
export const handler = sqsHandler("claim-batch", claimBatchMessages.parse, async ({ tenantId, batchId }) => {
  await processBatch(tenantId, batchId);
});
