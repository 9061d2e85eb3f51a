import { runPracticeInvoice, type InvoiceRunMessage } from "@claimledger/core/invoice/run.service.ts";
import { sqsHandler } from "./sqs.ts";

/** InvoiceRunQueue consumer: drafts (or recomputes) one practice's invoice for the run's month. */
export const handler = sqsHandler("invoice-run", async (body) => {
  await runPracticeInvoice(body as InvoiceRunMessage);
});
