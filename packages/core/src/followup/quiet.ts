import { daysBetween } from "../shared/dates.ts";
import { addBusinessDays } from "./business-days.ts";
import type { PayerStatusFacts } from "./payer-status.ts";

/**
 * When a claim that went to the payer has gone quiet, pure. A quiet claim is work: it is on the
 * follow-up queue until the payer answers.
 *
 * - `no_acknowledgement`: still `submitted` (no 999 or 277CA) two business days after it was sent;
 * - `no_payment`: no 835 once the payer's `expectedPaymentDays` (default 30) have passed since sending;
 * - `pended`, `returned`: a 277 said the payer pended it, or returned it for more information.
 *
 * Only `submitted` and `accepted` claims are read (the status index), so answered claims (paid,
 * denied, rejected) never are. Days count from the last time the claim was sent, in the practice's
 * own calendar (the scrubber's `todayIn`).
 */
export const QUIET_REASONS = ["no_acknowledgement", "no_payment", "pended", "returned"] as const;
export type QuietReason = (typeof QUIET_REASONS)[number];

/** Business days a clearinghouse and payer front end have to acknowledge a claim. */
export const ACK_BUSINESS_DAYS = 2;

export interface QuietFacts {
  status: string;
  /** The practice-local date the claim was last sent. */
  sentOn?: string;
  payerStatus?: PayerStatusFacts;
}

export function quietReason(f: QuietFacts, today: string, expectedPaymentDays: number): QuietReason | undefined {
  if ((f.status !== "submitted" && f.status !== "accepted") || !f.sentOn) return undefined;
  if (f.payerStatus?.state === "returned") return "returned";
  if (f.payerStatus?.state === "pended") return "pended";
  if (f.status === "submitted" && today >= addBusinessDays(f.sentOn, ACK_BUSINESS_DAYS)) return "no_acknowledgement";
  if (daysBetween(f.sentOn, today) >= expectedPaymentDays) return "no_payment";
  return undefined;
}

/** The reason in words, as the queue shows it. */
export function describeQuiet(
  reason: QuietReason,
  f: QuietFacts & { payerName?: string },
  today: string,
  expectedPaymentDays: number,
): string {
  const days = f.sentOn ? daysBetween(f.sentOn, today) : 0;
  const payer = f.payerName ?? "The payer";
  switch (reason) {
    case "no_acknowledgement":
      return `No 999 or 277CA ${days} days after sending (expected within ${ACK_BUSINESS_DAYS} business days)`;
    case "no_payment":
      return `${f.status === "accepted" ? "Accepted, but no" : "No"} 835 ${days} days after sending (${payer} pays in ${expectedPaymentDays})`;
    case "pended":
      return `Pended by the payer (277)${f.payerStatus?.description ? `: ${f.payerStatus.description}` : ""}`;
    case "returned":
      return `Returned by the payer for more information (277)${f.payerStatus?.description ? `: ${f.payerStatus.description}` : ""}`;
  }
}
