import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";
import { period } from "../shared/schema.ts";

/** An invoice-run queue message: draft one practice's invoice for the run's month. */
export const invoiceRunMessages = queueMessage(
  "invoice run",
  z.strictObject({ tenantId: idOf("tnt"), runId: idOf("run"), practiceId: idOf("prc"), period }),
);
export type InvoiceRunMessage = z.infer<typeof invoiceRunMessages.schema>;

/** Make the month-end packet of a finalized invoice (sent by finalize; the worker writes the PDF). */
export const invoicePacketMessages = queueMessage(
  "invoice packet",
  z.strictObject({
    tenantId: idOf("tnt"),
    practiceId: idOf("prc"),
    period,
    invoiceId: idOf("inv"),
    packet: z.literal(true),
  }),
);
export type InvoicePacketMessage = z.infer<typeof invoicePacketMessages.schema>;

/** What the invoice-run queue carries: a practice's draft for a run, or a finalized invoice's packet. */
export const invoiceQueueMessages = queueMessage(
  "invoice run",
  z.union([invoiceRunMessages.schema, invoicePacketMessages.schema]),
);
