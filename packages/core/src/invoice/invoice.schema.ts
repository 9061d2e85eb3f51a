import { z } from "zod";
import { collectionsView } from "../ledger/index.ts";
import { contractTerm } from "../practice/index.ts";
import { address } from "../shared/schema.ts";
import { INVOICE_STATUSES } from "./invoice.entity.ts";
import type { FeeLine } from "./fee.ts";

const cents = z.number().int();

export const feeLineView: z.ZodType<FeeLine> = z.object({
  kind: z.enum(["percentage", "prior_period", "minimum", "monthly_fee", "per_claim", "per_statement", "setup"]),
  description: z.string(),
  amountCents: cents,
});

/** An invoice as computed, stored and rendered (JSON, CSV, PDF): the one description of its body. */
export const invoiceBody = z.object({
  invoiceId: z.string(),
  number: z.string().optional(),
  status: z.enum(INVOICE_STATUSES),
  period: z.string(),
  company: z.object({
    name: z.string(),
    address: address.optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    paymentInstructions: z.string().optional(),
  }),
  practice: z.object({ practiceId: z.string(), name: z.string(), address: address.optional() }),
  contract: contractTerm,
  collections: collectionsView.extend({ countedCents: cents }),
  /** Collections of months already invoiced, posted after those invoices were finalized, by deposit month. */
  priorPeriod: z.object({
    countedCents: cents,
    months: z.array(z.object({ month: z.string(), collections: collectionsView })),
  }),
  activity: z.object({
    claimsSubmitted: z.number().int(),
    statementsSent: z.number().int(),
    setupDue: z.boolean(),
    /** Payments posted into the month: each claim's payment from one remittance, each patient payment (absent on invoices before it was counted). */
    paymentsPosted: z.number().int().optional(),
  }),
  lines: z.array(feeLineView),
  totalCents: cents,
  entryCount: z.number().int(),
  computedAt: z.string(),
  finalizedAt: z.string().optional(),
  dueDate: z.string().optional(),
});
export type InvoiceBody = z.infer<typeof invoiceBody>;

/** The invoice as the API shows it: its body, where it is kept, and 15-minute links to its files once finalized. */
export const invoiceView = invoiceBody
  .extend({
    practiceId: z.string(),
    slot: z.string(),
    version: z.number().int(),
    jsonUrl: z.string().optional(),
    csvUrl: z.string().optional(),
    pdfUrl: z.string().optional(),
    packetUrl: z
      .string()
      .optional()
      .describe("The month-end packet for the physician (finalized invoices, once the worker has drawn it)"),
  })
  .describe(
    "The invoice: collections, prior-period collections, lines, total, and 15-minute jsonUrl/csvUrl/pdfUrl/packetUrl links",
  );

/** A month-close run: how many practices it queued, and how they went. */
export const invoiceRunView = z.object({
  runId: z.string(),
  period: z.string(),
  practices: z.number(),
  done: z.number(),
  failed: z.number(),
  status: z.string(),
  startedAt: z.string(),
  errors: z.array(z.object({ practiceId: z.string(), message: z.string() })),
});

/** One line of an invoice list. */
export const invoiceSummaryView = z.object({
  practiceId: z.string(),
  practiceName: z.string(),
  period: z.string(),
  slot: z.string(),
  invoiceId: z.string(),
  number: z.string().optional(),
  status: z.enum(INVOICE_STATUSES),
  collectedCents: cents,
  priorPeriodCents: cents,
  totalCents: cents,
  computedAt: z.string(),
  finalizedAt: z.string().optional(),
});
