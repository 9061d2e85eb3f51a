import { addDays } from "../shared/dates.ts";

/**
 * Business days, on `YYYY-MM-DD` dates: Monday to Friday. Weekends only: the repo holds no table
 * of US federal holidays, so a holiday counts as a business day (a claim sent before Thanksgiving
 * reaches the follow-up queue a day sooner than a payer closed that day would answer).
 */
export function isBusinessDay(date: string): boolean {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
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
