import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { sqsHandler } from "./sqs.ts";

/** ClaimBatchQueue consumer: 837P build, S3 archive, submission, claims submitted. */
export const handler = sqsHandler("claim-batch", async (body) => {
  const { tenantId, batchId } = body as { tenantId: string; batchId: string };
  await processBatch(tenantId, batchId);
});
