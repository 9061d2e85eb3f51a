import { runPracticeInvoice, invoiceRunMessages } from "@claimledger/core/invoice/index.ts";
import { sqsHandler } from "./sqs.ts";
import { queues } from "../../../../infra/resources.ts";

/** InvoiceRunQueue consumer: drafts (or recomputes) one practice's invoice for the run's month. */
export const handler = sqsHandler("invoice-run", invoiceRunMessages.parse, async (message, record) => {
  const attempt = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  await runPracticeInvoice(message, attempt >= queues.invoiceRuns.maxReceiveCount);
});
