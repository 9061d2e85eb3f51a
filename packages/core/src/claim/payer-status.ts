import { z } from "zod";
import { ENTITY_CODES, STATUS_CATEGORIES, STATUS_CODES, describe, statusClass } from "@claimledger/x12";

/**
 * What the payer last said about a claim in answer to a status inquiry (276/277), and when we
 * asked. Kept on the claim's hot item, packed under short names (every move rewrites the item);
 * the words are the X12 tables', put back when it is read. It never changes the claim's status.
 */
export interface PayerStatus {
  /** When we last asked (a 276 left), how many times, in which file. */
  askedAt?: string;
  inquiries?: number;
  inquiryFile?: string;
  /** When the payer's answer (a 277) was applied, and which file it came in (first 16 of its SHA-256). */
  answeredAt?: string;
  answerFile?: string;
  /** STC01: category (P1, F1, R3...) and its class, status code, entity, STC02 date. */
  category?: string;
  categoryDescription?: string;
  statusClass?:
    | "acknowledgement"
    | "pending"
    | "finalized"
    | "request-for-information"
    | "error"
    | "data-search-unsuccessful"
    | "unknown";
  code?: string;
  codeDescription?: string;
  entity?: string;
  statusDate?: string;
  payerClaimControlNumber?: string;
  /** STC05 paid, STC06 adjudication date, STC08/STC09 check or EFT date and number. */
  paidCents?: number;
  adjudicationDate?: string;
  checkDate?: string;
  checkNumber?: string;
  message?: string;
  /** The payer asks for something (category R): a task for a biller, with the payer's words. */
  needsAction: boolean;
  actionText?: string;
}

const SHORT = {
  askedAt: "a",
  inquiries: "n",
  inquiryFile: "f",
  answeredAt: "r",
  answerFile: "h",
  category: "c",
  code: "s",
  entity: "e",
  statusDate: "d",
  payerClaimControlNumber: "k",
  paidCents: "p",
  adjudicationDate: "j",
  checkDate: "q",
  checkNumber: "x",
  message: "m",
  needsAction: "na",
  actionText: "t",
} as const satisfies Partial<Record<keyof PayerStatus, string>>;
type Stored = keyof typeof SHORT;

/** The stored form: short names, no words (they are the tables'). */
export function packPayerStatus(ps: PayerStatus): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, short] of Object.entries(SHORT)) {
    const v = ps[k as Stored];
    if (v !== undefined) out[short] = v;
  }
  return out;
}

/** The stored form read back, with the words and the category's class. */
export function unpackPayerStatus(raw: Record<string, unknown>): PayerStatus {
  const str = (short: string) => (typeof raw[short] === "string" ? (raw[short] as string) : undefined);
  const num = (short: string) => (typeof raw[short] === "number" ? (raw[short] as number) : undefined);
  const out: PayerStatus = { needsAction: raw[SHORT.needsAction] === true };
  for (const k of STRINGS) {
    const v = str(SHORT[k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of NUMBERS) {
    const v = num(SHORT[k]);
    if (v !== undefined) out[k] = v;
  }
  if (out.category !== undefined) {
    out.categoryDescription = describe(STATUS_CATEGORIES, out.category);
    out.statusClass = statusClass(out.category);
  }
  if (out.code !== undefined) out.codeDescription = describe(STATUS_CODES, out.code);
  return out;
}

const STRINGS = [
  "askedAt",
  "inquiryFile",
  "answeredAt",
  "answerFile",
  "category",
  "code",
  "entity",
  "statusDate",
  "payerClaimControlNumber",
  "adjudicationDate",
  "checkDate",
  "checkNumber",
  "message",
  "actionText",
] as const;
const NUMBERS = ["inquiries", "paidCents"] as const;

/** The words of an entity code in a status (85 billing provider, QC patient...). */
export const entityWords = (code: string) => describe(ENTITY_CODES, code);

export const payerStatusView = z
  .object({
    askedAt: z.string().optional(),
    inquiries: z.number().int().optional(),
    inquiryFile: z.string().optional(),
    answeredAt: z.string().optional(),
    answerFile: z.string().optional(),
    category: z.string().optional(),
    categoryDescription: z.string().optional(),
    statusClass: z
      .enum([
        "acknowledgement",
        "pending",
        "finalized",
        "request-for-information",
        "error",
        "data-search-unsuccessful",
        "unknown",
      ])
      .optional(),
    code: z.string().optional(),
    codeDescription: z.string().optional(),
    entity: z.string().optional(),
    statusDate: z.string().optional(),
    payerClaimControlNumber: z.string().optional(),
    paidCents: z.number().int().optional(),
    adjudicationDate: z.string().optional(),
    checkDate: z.string().optional(),
    checkNumber: z.string().optional(),
    message: z.string().optional(),
    needsAction: z.boolean(),
    actionText: z.string().optional(),
  })
  .describe(
    "What the payer last said about the claim in a 277 claim status response, and when we asked (276). It never changes the claim's status: finalized means the 835 should follow, pending that we ask again later, request-for-information that a biller must act (needsAction).",
  ) satisfies z.ZodType<PayerStatus>;
