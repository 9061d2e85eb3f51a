import type { Claim835 } from "@claimledger/x12";
import { isContractual, isDenialReason } from "../ledger/index.ts";

/**
 * Underpayment rules, pure. For each 835 service line of a primary claim:
 *
 * - allowed = AMT*B6 when the payer sent it, else the line charge less its CO contractual
 *   adjustments (CO-45, 42, 253);
 * - expected = the contracted amount per unit x the units billed, but never more than the line's
 *   charge (a payer pays the lesser of the charge and its schedule: a charge below the contract is
 *   fee advice, not an underpayment);
 * - a line is underpaid when expected - allowed is more than the tolerance.
 *
 * Denied lines (CLP02 4, or paid 0 with a denial reason and no patient share) are denials, worked
 * in the denials queue; they are never underpayments. Amounts are integer cents.
 */

/** Tolerance per line when neither the company nor the payer sets one: $1.00. */
export const DEFAULT_TOLERANCE_CENTS = 100;

type Svc = Claim835["lines"][number];

/** Cents x units (units have at most 3 decimals), rounded half-up to the cent in integer arithmetic. */
export function timesUnits(cents: number, units: number): number {
  const milli = Math.round(units * 1000);
  return Math.floor((cents * milli + 500) / 1000);
}

export function allowedOf(svc: Svc): number {
  if (svc.allowedCents !== undefined) return svc.allowedCents;
  const contractual = svc.adjustments
    .filter((a) => isContractual(a.group, a.reason))
    .reduce((s, a) => s + a.amountCents, 0);
  return svc.chargeCents - contractual;
}

export function isDeniedLine(clp: Pick<Claim835, "status">, svc: Svc): boolean {
  if (clp.status === "4") return true;
  return (
    svc.paidCents === 0 &&
    !svc.adjustments.some((a) => a.group === "PR") &&
    svc.adjustments.some((a) => isDenialReason(a.group, a.reason))
  );
}

/** One line's outcome, as the reports read it back. `expectedCents` is null without a contract for the code. */
export interface LineOutcome {
  lineId?: string;
  lineNumber?: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  allowedCents: number;
  paidCents: number;
  expectedCents: number | null;
  /** The contracted amount for one unit (null without a contract for the code). */
  contractedUnitCents: number | null;
  denied: boolean;
}

export interface OurLine {
  lineId: string;
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
}

/** A line's outcome: our line's code, units and charge when matched, else the 835's. */
export function lineOutcome(
  clp: Pick<Claim835, "status">,
  svc: Svc,
  ours: OurLine | undefined,
  contracted: number | undefined,
): LineOutcome {
  const units = ours?.units ?? svc.units ?? 1;
  const chargeCents = ours?.chargeCents ?? svc.chargeCents;
  const denied = isDeniedLine(clp, svc);
  const expected = contracted === undefined ? null : Math.min(timesUnits(contracted, units), chargeCents);
  return {
    ...(ours ? { lineId: ours.lineId, lineNumber: ours.lineNumber } : {}),
    procedureCode: ours?.procedureCode ?? (svc.originalProcedure ?? svc.procedure).code,
    modifiers: [...(ours?.modifiers ?? svc.procedure.modifiers)],
    units,
    chargeCents,
    allowedCents: denied ? 0 : allowedOf(svc),
    paidCents: svc.paidCents,
    expectedCents: expected,
    contractedUnitCents: contracted ?? null,
    denied,
  };
}

/** The shortfall of a line that is underpaid beyond the tolerance, else undefined. */
export function shortfallOf(o: LineOutcome, toleranceCents: number): number | undefined {
  if (o.denied || o.expectedCents === null) return undefined;
  const short = o.expectedCents - o.allowedCents;
  return short > toleranceCents ? short : undefined;
}
