/** Calendar-date arithmetic on `YYYY-MM-DD` (UTC midnights: a date of service has no time zone). The one place days are counted. */
export const DAY_MS = 86_400_000;

/** The `YYYY-MM-DD` of an instant, in UTC. */
export const isoDateOf = (d: Date): string => d.toISOString().slice(0, 10);

/** Whole days from `from` to `to` (positive when `to` is later). Takes dates or ISO timestamps (their dates count). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY_MS,
  );
}

/** The date `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return isoDateOf(new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * DAY_MS));
}

/** Today's date where the practice is: timely filing and "not in the future" are practice-local. */
export function todayIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
