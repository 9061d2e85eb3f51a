import { runPracticeInvoice, invoiceQueueMessages } from "@claimledger/core/invoice/index.ts";
import { writePacket } from "@claimledger/core/packet/index.ts";
import { sqsHandler } from "./sqs.ts";
import { queues } from "../../../../infra/resources.ts";

/**
 * InvoiceRunQueue consumer: drafts (or recomputes) one practice's invoice for the run's month, or
 * draws a finalized invoice's month-end packet (charts and tables: pdf-lib and d3 live in this
 * worker's bundle, never in the API's).
 */
export const handler = sqsHandler("invoice-run", invoiceQueueMessages.parse, async (message, record) => {
  if ("packet" in message) {
    await writePacket(message);
    return;
  }
  const attempt = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  await runPracticeInvoice(message, attempt >= queues.invoiceRuns.maxReceiveCount);
});
