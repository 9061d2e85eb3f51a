import type { Collections } from "../ledger/index.ts";

/**
 * The billing company's fee for one practice-month, pure: collections by category, the contract
 * in force (percent of collections in basis points, optional tiers, minimum, flat fees) -> the
 * invoice lines. Money is integer cents; the percentage fee is rounded half-up once, on its total.
 */
export interface Tier {
  /** Collections up to this amount (cents, within the month) are charged `percentBps`; omit on the last tier. */
  upToCents?: number;
  percentBps: number;
}

export interface FeeContract {
  /** Flat rate when there are no tiers. */
  percentBps: number;
  tiers?: Tier[];
  monthlyMinimumCents?: number;
  /** A flat monthly fee (retainer), alone or beside the percentage; not measured against the minimum. */
  monthlyFeeCents?: number;
  perClaimSubmittedCents?: number;
  perStatementCents?: number;
  oneOffSetupCents?: number;
  counts: { insurance: boolean; patient: boolean; interest: boolean };
}

export type { Collections };

export interface MonthCollections extends Collections {
  /** Collections of months already invoiced, posted after those invoices were finalized. */
  prior: Collections;
  claimsSubmitted: number;
  statementsSent: number;
  setupDue: boolean;
}

export interface FeeLine {
  kind: "percentage" | "prior_period" | "minimum" | "monthly_fee" | "per_claim" | "per_statement" | "setup";
  description: string;
  amountCents: number;
}

/** Collections that count under the contract: chosen kinds, refunds and recoupments netted. */
export function countedCollections(c: Collections, counts: FeeContract["counts"]): number {
  let total = 0;
  if (counts.insurance) total += c.insurancePaymentsCents + c.recoupmentsCents;
  if (counts.patient) total += c.patientPaymentsCents + c.refundsCents;
  if (counts.interest) total += c.interestCents;
  return total;
}

/** Half-up rounding of amount × bps / 10000, in integer arithmetic (exact for any cents total). */
export function percentOf(amountCents: number, bps: number): { cents: number; exactTimes10000: number } {
  const exact = amountCents * bps; // cents × 10^-4
  const sign = exact < 0 ? -1 : 1;
  const abs = Math.abs(exact);
  return { cents: sign * Math.floor((abs + 5000) / 10000), exactTimes10000: exact };
}

/** The percentage fee: tiered (each slice at its own rate) or flat; rounded once at the total. */
export function percentageFee(collectedCents: number, contract: Pick<FeeContract, "percentBps" | "tiers">): number {
  if (collectedCents <= 0) return percentOf(collectedCents, contract.percentBps).cents;
  if (!contract.tiers?.length) return percentOf(collectedCents, contract.percentBps).cents;
  let exact = 0;
  let floor = 0;
  for (const t of contract.tiers) {
    const ceiling = t.upToCents ?? Number.POSITIVE_INFINITY;
    const slice = Math.max(0, Math.min(collectedCents, ceiling) - floor);
    exact += slice * t.percentBps;
    floor = ceiling;
    if (collectedCents <= ceiling) break;
  }
  return Math.floor((exact + 5000) / 10000);
}

/**
 * The invoice lines. Late (prior-period) collections are billed on this invoice under this
 * month's contract: their line is fee(current + prior) - fee(current), so the percentage is still
 * rounded once on the total, and the minimum is measured against the whole percentage fee.
 */
export function invoiceLines(
  c: MonthCollections,
  contract: FeeContract,
): { collectedCents: number; priorPeriodCents: number; lines: FeeLine[]; totalCents: number } {
  const collectedCents = countedCollections(c, contract.counts);
  const priorPeriodCents = countedCollections(c.prior, contract.counts);
  const current = percentageFee(collectedCents, contract);
  const all = percentageFee(collectedCents + priorPeriodCents, contract);
  // A retainer-only contract (no percentage) prints no percentage line.
  const retainerOnly = contract.percentBps === 0 && !contract.tiers?.length && (contract.monthlyFeeCents ?? 0) > 0;
  const lines: FeeLine[] = retainerOnly
    ? []
    : [{ kind: "percentage", description: "Percentage of collections", amountCents: current }];
  if (priorPeriodCents !== 0) {
    lines.push({
      kind: "prior_period",
      description: "Prior-period adjustment: collections posted after their month was invoiced",
      amountCents: all - current,
    });
  }
  if (contract.monthlyMinimumCents !== undefined && all < contract.monthlyMinimumCents) {
    lines.push({
      kind: "minimum",
      description: "Monthly minimum fee adjustment",
      amountCents: contract.monthlyMinimumCents - all,
    });
  }
  if (contract.monthlyFeeCents)
    lines.push({ kind: "monthly_fee", description: "Monthly service fee", amountCents: contract.monthlyFeeCents });
  if (contract.perClaimSubmittedCents && c.claimsSubmitted) {
    lines.push({
      kind: "per_claim",
      description: `${c.claimsSubmitted} claims submitted`,
      amountCents: contract.perClaimSubmittedCents * c.claimsSubmitted,
    });
  }
  if (contract.perStatementCents && c.statementsSent) {
    lines.push({
      kind: "per_statement",
      description: `${c.statementsSent} patient statements`,
      amountCents: contract.perStatementCents * c.statementsSent,
    });
  }
  if (contract.oneOffSetupCents && c.setupDue)
    lines.push({ kind: "setup", description: "One-time setup", amountCents: contract.oneOffSetupCents });
  return { collectedCents, priorPeriodCents, lines, totalCents: lines.reduce((s, l) => s + l.amountCents, 0) };
}

/** The contract term as the fee math reads it, with the default counting rules. */
export function feeContractOf(
  term: Omit<FeeContract, "counts" | "percentBps"> & { percentBps?: number; counts?: FeeContract["counts"] },
): FeeContract {
  return {
    ...term,
    percentBps: term.percentBps ?? 0,
    counts: term.counts ?? { insurance: true, patient: true, interest: false },
  };
}
