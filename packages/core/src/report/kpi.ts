import { isContractual, type Balances } from "../ledger/index.ts";

/**
 * The figures' bases, pure. HFMA's MAP Keys measure the net collection rate on one population:
 * the services of a period (by date of service), with the payments and contractual adjustments
 * posted to those services so far, whenever they were posted. Mixing charges by date of service
 * with adjustments by posting month is what made a month's rate negative.
 */
export const BASES = {
  charges: "date_of_service",
  payments: "posting_month",
  adjustments: "posting_month",
  netCollectionRate: "date_of_service",
  daysInAR: "date_of_service",
} as const;

// What ends in patientPaidCents (claimCohort): payments, refunds of them, credit applied, agency recoveries.
const PAYMENT_KINDS = new Set([
  "insurance_payment",
  "patient_payment",
  "refund",
  "credit_applied",
  "collection_recovery",
]);

/** Payments (refunds and takebacks net) and contractual adjustments among a cohort's claim entries. */
export function cohortTotals(entries: { kind: string; group?: string; reason?: string; amountCents: number }[]) {
  let paymentsCents = 0;
  let contractualAdjustmentsCents = 0;
  for (const e of entries) {
    if (PAYMENT_KINDS.has(e.kind)) paymentsCents += e.amountCents;
    else if (e.kind === "contractual_adjustment" && isContractual(e.group, e.reason))
      contractualAdjustmentsCents += e.amountCents;
  }
  return { paymentsCents, contractualAdjustmentsCents };
}

/** Net collection rate in percent (two decimals), or null when nothing collectible was charged. */
export function netCollectionRate(
  paymentsCents: number,
  chargesCents: number,
  contractualAdjustmentsCents: number,
): number | null {
  const collectible = chargesCents - contractualAdjustmentsCents;
  if (collectible <= 0) return null;
  return Math.round((paymentsCents / collectible) * 10_000) / 100;
}

/**
 * The same from a claim's running balances, when they carry the contractual figure: its payments
 * (refunds net) and the contract's adjustments it made itself (not a secondary's repeat of the
 * primary's). Undefined for balances written before they kept it: read the claim's entries then.
 */
export function claimCohort(
  b: Balances | undefined,
): { paymentsCents: number; contractualAdjustmentsCents: number } | undefined {
  if (!b || b.contractualCents === undefined) return undefined;
  return {
    paymentsCents: b.insurancePaidCents + (b.patientPaidCents ?? 0),
    contractualAdjustmentsCents: b.contractualCents - (b.restatedContractualCents ?? 0),
  };
}
