import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";
import { period } from "../shared/schema.ts";

/** An invoice-run queue message: draft one practice's invoice for the run's month. */
export const invoiceRunMessages = queueMessage(
  "invoice run",
  z.strictObject({ tenantId: idOf("tnt"), runId: idOf("run"), practiceId: idOf("prc"), period }),
);
export type InvoiceRunMessage = z.infer<typeof invoiceRunMessages.schema>;
