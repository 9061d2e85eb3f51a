import type { Collections } from "../ledger/index.ts";
import type { ContractTerm, Practice } from "../practice/index.ts";
import type { Address } from "../shared/schema.ts";
import type { InvoiceStatus } from "./invoice.entity.ts";
import type { FeeLine } from "./fee.ts";

/** An invoice as computed, stored and rendered (JSON, CSV, PDF). */
export interface InvoiceBody {
  invoiceId: string;
  number?: string;
  status: InvoiceStatus;
  period: string;
  company: { name: string; address?: Address; email?: string; phone?: string; paymentInstructions?: string };
  practice: { practiceId: string; name: string; address?: Practice["address"] };
  contract: ContractTerm;
  collections: Collections & { countedCents: number };
  /** Collections of months already invoiced, posted after those invoices were finalized, by deposit month. */
  priorPeriod: { countedCents: number; months: { month: string; collections: Collections }[] };
  activity: { claimsSubmitted: number; statementsSent: number; setupDue: boolean };
  lines: FeeLine[];
  totalCents: number;
  entryCount: number;
  computedAt: string;
  finalizedAt?: string;
  dueDate?: string;
}
