/** X12 dates (CCYYMMDD, YYMMDD) and times as ISO strings. */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when y-m-d is a real calendar date. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && leap ? 29 : DAYS[m - 1]!;
  return d <= max;
}

/** "20240131" -> "2024-01-31"; undefined when not an 8-digit calendar date. */
export function isoDate(ccyymmdd: string): string | undefined {
  if (ccyymmdd.length !== 8) return undefined;
  for (let i = 0; i < 8; i++) {
    const c = ccyymmdd.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const y = Number(ccyymmdd.slice(0, 4));
  const m = Number(ccyymmdd.slice(4, 6));
  const d = Number(ccyymmdd.slice(6, 8));
  if (!isCalendarDate(y, m, d)) return undefined;
  return `${ccyymmdd.slice(0, 4)}-${ccyymmdd.slice(4, 6)}-${ccyymmdd.slice(6, 8)}`;
}

/** "2024-01-31" -> "20240131"; undefined when not a valid ISO calendar date. */
export function x12Date(iso: string): string | undefined {
  if (iso.length !== 10 || iso.charAt(4) !== "-" || iso.charAt(7) !== "-") return undefined;
  const compact = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return isoDate(compact) === undefined ? undefined : compact;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A Date as CCYYMMDD in UTC. */
export function dateCCYYMMDD(d: Date): string {
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}`;
}

/** A Date as HHMM in UTC. */
export function timeHHMM(d: Date): string {
  return `${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}
