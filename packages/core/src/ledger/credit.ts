import type { Balances } from "./balances.ts";

/**
 * A patient's held credit, pure. A payment taken before the payer answered (a copay or deposit at
 * the front desk), or beyond the share known, is held on the claim as credit (`patient_deposit`).
 * Once the last payer has set the patient's share, the credit pays it (`credit_applied`), and what
 * is left is an overpayment, to be refunded. A share taken back (a reversal) returns what had been
 * applied to it to credit, so the patient's money is never lost on the way.
 */

/**
 * What to apply from held credit to the patient's share now: positive to apply, negative to return
 * applied money to credit (the share fell below what the patient paid), 0 for nothing.
 */
export function creditToApply(b: Balances): number {
  const credit = b.patientCreditCents ?? 0;
  const owed = b.patientBalanceCents ?? b.patientResponsibilityCents;
  if (owed > 0 && credit > 0) return Math.min(owed, credit);
  if (owed < 0 && (b.patientPaidCents ?? 0) > 0) return -Math.min(-owed, b.patientPaidCents ?? 0);
  return 0;
}

/**
 * How a patient payment on a claim splits: up to what the patient owes there pays the share
 * (`patient_payment`), the rest is held as credit (`patient_deposit`).
 */
export function splitPatientPayment(b: Balances, amountCents: number): { paidCents: number; creditCents: number } {
  const owed = Math.max(0, b.patientBalanceCents ?? b.patientResponsibilityCents);
  const paidCents = Math.min(owed, amountCents);
  return { paidCents, creditCents: amountCents - paidCents };
}

/**
 * How a refund on a claim splits: out of held credit first (an overpayment), then out of what the
 * patient paid; undefined when it is more than both.
 */
export function splitRefund(
  b: Balances,
  amountCents: number,
): { fromCreditCents: number; fromPaidCents: number } | undefined {
  const fromCreditCents = Math.min(Math.max(0, b.patientCreditCents ?? 0), amountCents);
  const fromPaidCents = amountCents - fromCreditCents;
  if (fromPaidCents > Math.max(0, b.patientPaidCents ?? 0)) return undefined;
  return { fromCreditCents, fromPaidCents };
}
