/** One EB segment of a 271 as a Benefit271, and the DTP and AAA helpers the reader shares. */
import { describe } from "../codes/ack-codes.ts";
import {
  BENEFIT_CODES,
  COVERAGE_LEVELS,
  DATE_QUALIFIERS,
  FOLLOW_UP_ACTIONS,
  INSURANCE_TYPES,
  QUANTITY_QUALIFIERS,
  REJECT_REASONS,
  TIME_PERIODS,
} from "../codes/eligibility.ts";
import { SERVICE_TYPES } from "../codes/service-types.ts";
import { isoDate } from "../dates.ts";
import { issue } from "../errors.ts";
import type { X12Issue } from "../errors.ts";
import { centsIn } from "../money.ts";
import type { Segment } from "../tokenizer.ts";
import type { Benefit271, Rejection271, RejectionLevel } from "./types271.ts";

export function el(s: Segment, n: number): string {
  return s.elements[n] ?? "";
}

const NETWORK = { Y: "in", N: "out", W: "both" } as const;

function decimal(s: Segment, n: number, issues: X12Issue[]): number | undefined {
  const v = el(s, n);
  if (v === "") return undefined;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(v)) {
    issues.push(issue("invalid-number", "EB", s.index, n, `"${v}" is not a number`));
    return undefined;
  }
  return Number(v);
}

/** Reads an EB segment; `repetition` splits EB03 (ISA11). */
export function benefitOf(s: Segment, repetition: string, issues: X12Issue[]): Benefit271 {
  const code = el(s, 1);
  const b: Benefit271 = {
    code,
    description: describe(BENEFIT_CODES, code),
    serviceTypes: [],
    dates: {},
    messages: [],
    relatedEntities: [],
  };
  const level = el(s, 2);
  if (level !== "") {
    b.coverageLevel = level;
    b.coverageLevelDescription = describe(COVERAGE_LEVELS, level);
  }
  const types = el(s, 3);
  if (types !== "") {
    const list = repetition === "" ? [types] : types.split(repetition);
    b.serviceTypes = list.filter((t) => t !== "").map((t) => ({ code: t, description: describe(SERVICE_TYPES, t) }));
  }
  if (el(s, 4) !== "") {
    b.insuranceType = el(s, 4);
    b.insuranceTypeDescription = describe(INSURANCE_TYPES, el(s, 4));
  }
  if (el(s, 5) !== "") b.planDescription = el(s, 5);
  if (el(s, 6) !== "") b.timePeriod = { code: el(s, 6), description: describe(TIME_PERIODS, el(s, 6)) };
  const amount = el(s, 7);
  if (amount !== "") {
    const cents = centsIn(amount, 0, amount.length);
    if (Number.isNaN(cents)) issues.push(issue("invalid-amount", "EB", s.index, 7, `"${amount}" is not an amount`));
    else b.amountCents = cents;
  }
  const percent = decimal(s, 8, issues);
  if (percent !== undefined) b.percent = percent;
  const qty = decimal(s, 10, issues);
  if (el(s, 9) !== "" && qty !== undefined)
    b.quantity = { qualifier: el(s, 9), description: describe(QUANTITY_QUALIFIERS, el(s, 9)), value: qty };
  if (el(s, 11) === "Y") b.authorizationRequired = true;
  else if (el(s, 11) === "N") b.authorizationRequired = false;
  const network = el(s, 12);
  if (network === "Y" || network === "N" || network === "W") b.network = NETWORK[network];
  return b;
}

/** A DTP's date: D8 as YYYY-MM-DD, RD8 as "YYYY-MM-DD/YYYY-MM-DD"; undefined (and an issue) when unreadable. */
export function dtpValue(s: Segment, issues: X12Issue[]): { from: string; to?: string } | undefined {
  const v = el(s, 3);
  if (el(s, 2) === "RD8") {
    const [a = "", b = ""] = v.split("-");
    const from = isoDate(a);
    const to = isoDate(b);
    if (from !== undefined && to !== undefined) return { from, to };
  } else {
    const d = isoDate(v);
    if (d !== undefined) return { from: d };
  }
  issues.push(issue("invalid-date", "DTP", s.index, 3, `"${v}" is not a date`));
  return undefined;
}

export function dateKey(qualifier: string): string {
  return Object.hasOwn(DATE_QUALIFIERS, qualifier) ? DATE_QUALIFIERS[qualifier]! : qualifier;
}

export function rejectionOf(s: Segment, level: RejectionLevel): Rejection271 {
  const r: Rejection271 = { level, code: el(s, 3), description: describe(REJECT_REASONS, el(s, 3)) };
  if (el(s, 4) !== "") {
    r.followUp = el(s, 4);
    r.followUpDescription = describe(FOLLOW_UP_ACTIONS, el(s, 4));
  }
  return r;
}
