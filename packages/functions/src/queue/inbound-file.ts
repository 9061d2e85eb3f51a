import { processInbound, inboundMessages } from "@claimledger/core/inbound/index.ts";
import { sqsHandler } from "./sqs.ts";

/** InboundFileQueue consumer: applies a 999, 277CA or 835 that was archived in S3. */
export const handler = sqsHandler("inbound-file", inboundMessages.parse, async ({ tenantId, sha256 }) => {
  // A file that fails to parse is marked failed (kept, retryable by hand), not redelivered forever.
  await processInbound(tenantId, sha256);
});
