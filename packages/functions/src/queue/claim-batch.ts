import { processBatch, claimBatchMessages } from "@claimledger/core/batch/index.ts";
import { useSftp } from "@claimledger/core/clearinghouse/index.ts";
import { openSftp } from "@claimledger/core/sftp/index.ts";
import { sqsHandler } from "./sqs.ts";

// This worker submits 837Ps to clearinghouses over SFTP; the API never does (ssh2 stays out of its bundle).
useSftp(openSftp);

/** ClaimBatchQueue consumer: 837P build, S3 archive, submission, claims submitted. */
export const handler = sqsHandler("claim-batch", claimBatchMessages.parse, async ({ tenantId, batchId }) => {
  await processBatch(tenantId, batchId);
});
