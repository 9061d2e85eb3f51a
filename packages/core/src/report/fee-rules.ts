import { usd } from "../shared/money.ts";

/**
 * Fee advice, pure: what a code's charge does against what its payers allow, and the fee it
 * suggests, each suggestion with the rule that made it in plain words. Amounts are integer cents
 * per unit of the code.
 *
 * - Charge below allowed: some payer allows more than the charge, and a payer pays the lesser of
 *   the two, so its payment is capped by the charge. Suggested: the highest allowed, rounded up
 *   to whole dollars.
 * - Charge far above allowed: more than FAR_ABOVE_PERCENT of the highest any payer allows.
 *   Suggested: FAR_ABOVE_PERCENT of the highest allowed, rounded up to whole dollars.
 * - Denial rate stands out: at least MIN_LINES lines, and at least twice the practice's rate and
 *   DENIAL_MARGIN_POINTS points above it. No fee change: coding and documentation first.
 */
export const FAR_ABOVE_PERCENT = 300;
export const DENIAL_MARGIN_POINTS = 10;
export const MIN_LINES = 5;

/** Half-up division of non-negative integers (cents / count). */
export const divHalfUp = (num: number, den: number) => Math.floor((2 * num + den) / (2 * den));
/** Rounded up to whole dollars. */
export const wholeDollarsUp = (cents: number) => Math.ceil(cents / 100) * 100;

export interface PayerAllowed {
  payerId: string;
  payerName: string;
  /** Allowed for one unit: the contract in force, else the average allowed per unit of the period's lines. */
  allowedCents: number;
  source: "contract" | "observed";
}

export interface CodeFacts {
  procedureCode: string;
  /** The practice's charge for one unit, and where it came from. */
  chargeCents: number;
  chargeSource: "fee_schedule" | "average_billed";
  payers: PayerAllowed[];
  lines: number;
  deniedLines: number;
  /** Lines whose allowed amount equals (or exceeds) their charge: the payer's payment was capped by it. */
  cappedLines: number;
  /** Sum over the period's lines with a contract above their charge: contract x units - charge. */
  leftOnTableCents: number;
}

export type FeeFinding = "charge_below_allowed" | "charge_far_above_allowed" | "denial_rate_high";

export interface Advice {
  findings: FeeFinding[];
  highestAllowedCents: number | null;
  highestPayer: string | null;
  chargePercentOfHighest: number | null;
  denialRatePercent: number | null;
  suggestedFeeCents: number;
  rule: string;
}

const pct1 = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

export function adviseCode(f: CodeFacts, practiceDenialRatePercent: number | null, asOf: string): Advice {
  const findings: FeeFinding[] = [];
  const top = [...f.payers].sort(
    (a, b) => b.allowedCents - a.allowedCents || a.payerName.localeCompare(b.payerName),
  )[0];
  const denialRate = pct1(f.deniedLines, f.lines);
  const base = practiceDenialRatePercent ?? 0;
  const denialHigh =
    f.lines >= MIN_LINES && denialRate !== null && denialRate >= 2 * base && denialRate >= base + DENIAL_MARGIN_POINTS;
  const denialNote = denialHigh
    ? ` Its denial rate, ${denialRate}% of ${f.lines} lines, stands out against the practice's ${base}%: check coding, modifiers and documentation with the payers before anything else.`
    : "";
  const charge = `the charge of ${usd(f.chargeCents)}${f.chargeSource === "average_billed" ? " (the average billed per unit: no fee schedule entry)" : ""}`;
  if (!top) {
    if (denialHigh) findings.push("denial_rate_high");
    return {
      findings,
      highestAllowedCents: null,
      highestPayer: null,
      chargePercentOfHighest: null,
      denialRatePercent: denialRate,
      suggestedFeeCents: f.chargeCents,
      rule: `Keep ${charge}: no payer's allowed amount is known for this code (no contract schedule, no paid line in the period).${denialNote}`,
    };
  }
  const ratio = pct1(f.chargeCents, top.allowedCents);
  const from =
    top.source === "contract"
      ? `${top.payerName}'s contract in force on ${asOf}`
      : `${top.payerName}'s average allowed per unit in the period`;
  let suggested = f.chargeCents;
  let rule: string;
  if (f.chargeCents < top.allowedCents) {
    findings.push("charge_below_allowed");
    suggested = wholeDollarsUp(top.allowedCents);
    rule = `Raise ${charge} to ${usd(suggested)}: ${top.payerName} allows ${usd(top.allowedCents)} (${from}), and a payer pays the lesser of the charge and its allowed amount, so every claim to it is capped at the charge. The suggestion is the highest allowed amount of any payer, rounded up to whole dollars.`;
  } else if (f.chargeCents * 100 > FAR_ABOVE_PERCENT * top.allowedCents) {
    findings.push("charge_far_above_allowed");
    suggested = wholeDollarsUp(Math.ceil((top.allowedCents * FAR_ABOVE_PERCENT) / 100));
    rule = `Consider lowering ${charge} to ${usd(suggested)}: it is ${ratio}% of the most any payer allows (${usd(top.allowedCents)}, ${from}). Payers pay their own amounts whatever the charge, so a charge over ${FAR_ABOVE_PERCENT}% of the highest brings in nothing more and inflates patient and self-pay bills. The suggestion is ${FAR_ABOVE_PERCENT}% of the highest allowed, rounded up to whole dollars.`;
  } else {
    rule = `Keep ${charge}: it is at or above what every payer allows (highest ${usd(top.allowedCents)}, ${from}) and within ${FAR_ABOVE_PERCENT}% of it.`;
  }
  if (denialHigh) findings.push("denial_rate_high");
  return {
    findings,
    highestAllowedCents: top.allowedCents,
    highestPayer: top.payerId,
    chargePercentOfHighest: ratio,
    denialRatePercent: denialRate,
    suggestedFeeCents: suggested,
    rule: rule + denialNote,
  };
}
