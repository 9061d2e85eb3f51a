/**
 * Compact keys for the edit tables: a five-character procedure code (CPT or HCPCS, digits and
 * upper-case letters) as one base-36 integer (< 36^5, fits a Uint32), and a date as a day number
 * since 1990-01-01 (fits a Uint16 until 2169). The tables hold these in typed arrays instead of
 * millions of small JS objects.
 */

const BASE = 36;
const EPOCH = Date.UTC(1990, 0, 1);
const DAY = 86_400_000;

/** The code as an integer, or -1 when it is not five characters of 0-9/A-Z. */
export function codeKey(code: string): number {
  if (code.length !== 5) return -1;
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const c = code.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (d < 0) return -1;
    n = n * BASE + d;
  }
  return n;
}

/** The code an integer stands for (the inverse of codeKey). */
export function codeOfKey(key: number): string {
  let s = "";
  for (let i = 0; i < 5; i++) {
    const d = key % BASE;
    s = String.fromCharCode(d < 10 ? 48 + d : 55 + d) + s;
    key = Math.floor(key / BASE);
  }
  return s;
}

/** "20260101" or "2026-01-01" -> days since 1990-01-01 (1 and up), or undefined for anything else. */
export function dayNumber(date: string): number | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  const n = Math.round((t - EPOCH) / DAY);
  return n >= 1 && n <= 65_535 ? n : undefined;
}

/** Day number -> YYYY-MM-DD. */
export function dateOfDay(n: number): string {
  return new Date(EPOCH + n * DAY).toISOString().slice(0, 10);
}

/** "20260101" -> "2026-01-01"; undefined for "*", blank or a non-date. */
export function isoOfCmsDate(s: string): string | undefined {
  const t = s.trim();
  const n = dayNumber(t);
  return n === undefined ? undefined : dateOfDay(n);
}
