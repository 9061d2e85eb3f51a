import { addDays } from "../shared/dates.ts";

/**
 * Business days, on `YYYY-MM-DD` dates: Monday to Friday, except the US federal holidays as
 * observed, when payers and clearinghouses are closed. The holidays are those of 5 U.S.C. § 6103(a)
 * (as listed by the US courts, e.g. https://www.okwb.uscourts.gov/holidays): New Year's Day
 * (January 1), Birthday of Martin Luther King, Jr. (third Monday in January), Washington's Birthday
 * (third Monday in February), Memorial Day (last Monday in May), Juneteenth National Independence
 * Day (June 19), Independence Day (July 4), Labor Day (first Monday in September), Columbus Day
 * (second Monday in October), Veterans Day (November 11), Thanksgiving Day (fourth Thursday in
 * November) and Christmas Day (December 25). A fixed-date holiday on a Saturday is observed the
 * Friday before, on a Sunday the Monday after (the same page). Juneteenth is a holiday from 2021.
 */

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The `n`th `day` (0 Sunday .. 6 Saturday) of a month; n = -1 for the last. */
function nth(y: number, m: number, day: number, n: number): string {
  if (n > 0) return iso(y, m, 1 + ((day - weekday(y, m, 1) + 7) % 7) + (n - 1) * 7);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return iso(y, m, last - ((weekday(y, m, last) - day + 7) % 7));
}

/** A fixed-date holiday as observed: Saturday -> the Friday before, Sunday -> the Monday after. */
function observed(y: number, m: number, d: number): string {
  const w = weekday(y, m, d);
  return addDays(iso(y, m, d), w === 6 ? -1 : w === 0 ? 1 : 0);
}

const cache = new Map<number, Set<string>>();

/** The federal holidays observed in calendar year `y`. */
export function federalHolidays(y: number): Set<string> {
  let set = cache.get(y);
  if (!set) {
    set = new Set([
      observed(y, 1, 1), // on a Saturday, observed in the year before (below)
      nth(y, 1, 1, 3),
      nth(y, 2, 1, 3),
      nth(y, 5, 1, -1),
      ...(y >= 2021 ? [observed(y, 6, 19)] : []),
      observed(y, 7, 4),
      nth(y, 9, 1, 1),
      nth(y, 10, 1, 2),
      observed(y, 11, 11),
      nth(y, 11, 4, 4),
      observed(y, 12, 25),
    ]);
    // Next New Year's Day on a Saturday is observed on Friday December 31 of this year.
    const next = observed(y + 1, 1, 1);
    if (next.startsWith(String(y))) set.add(next);
    cache.set(y, set);
  }
  return set;
}

export function isBusinessDay(date: string): boolean {
  const d = date.slice(0, 10);
  const day = new Date(`${d}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !federalHolidays(Number(d.slice(0, 4))).has(d);
}

/** The date `n` business days after `date` (n >= 0; from a Saturday, 1 business day is the Monday). */
export function addBusinessDays(date: string, n: number): string {
  let d = date.slice(0, 10);
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isBusinessDay(d)) left--;
  }
  return d;
}

/** Business days after `from` up to and including `to` (0 when `to` is not later). */
export function businessDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to.slice(0, 10); d = addDays(d, 1)) if (isBusinessDay(d)) n++;
  return n;
}
