import { runPracticeInvoice, type InvoiceRunMessage } from "@claimledger/core/invoice/run.service.ts";
import { sqsHandler } from "./sqs.ts";
import { queues } from "../../../../infra/resources.ts";

/** InvoiceRunQueue consumer: drafts (or recomputes) one practice's invoice for the run's month. */
export const handler = sqsHandler("invoice-run", async (body, record) => {
  const attempt = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  await runPracticeInvoice(body as InvoiceRunMessage, attempt >= queues.invoiceRuns.maxReceiveCount);
});
