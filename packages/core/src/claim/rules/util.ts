import type { ClaimDocument, ClaimLine } from "../claim.types.ts";

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string | undefined): s is string {
  if (s === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

export { addDays, daysBetween } from "../../shared/dates.ts";

/** ICD-10-CM fiscal year of a date of service: 1 October starts the next year's code set. */
export function fiscalYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 10 ? y + 1 : y;
}

/** "$1,234.50": money as findings print it. */
export { usd as money } from "../../shared/money.ts";

export function isBlank(s: string | undefined | null): boolean {
  return s === undefined || s === null || s.trim() === "";
}

/** "Line 2" for a line at index 1 (by its line number when it has one). */
export function lineLabel(line: ClaimLine, index: number): string {
  return `Line ${Number.isInteger(line.lineNumber) && line.lineNumber > 0 ? line.lineNumber : index + 1}`;
}

/** "99213-25-59" or "99213": how fee schedules and billers name a code with its modifiers. */
export function codeWithModifiers(line: ClaimLine): string {
  return [line.procedureCode, ...line.modifiers].join("-");
}

export interface DatedPath {
  path: string;
  date: string;
}

/**
 * Every date of service on the claim, claim level first: serviceDate, serviceDateTo, then each
 * line's. With `distinct`, a line date equal to one already listed is skipped, so a problem with
 * the visit date is reported once, not once per line.
 */
export function serviceDates(claim: ClaimDocument, distinct: boolean): DatedPath[] {
  const out: DatedPath[] = [{ path: "serviceDate", date: claim.serviceDate }];
  if (claim.serviceDateTo !== undefined) out.push({ path: "serviceDateTo", date: claim.serviceDateTo });
  claim.lines.forEach((l, i) => {
    out.push({ path: `lines.${i}.serviceDate`, date: l.serviceDate });
    if (l.serviceDateTo !== undefined) out.push({ path: `lines.${i}.serviceDateTo`, date: l.serviceDateTo });
  });
  if (!distinct) return out;
  const seen = new Set<string>();
  return out.filter((d) => {
    if (seen.has(d.date)) return false;
    seen.add(d.date);
    return true;
  });
}
