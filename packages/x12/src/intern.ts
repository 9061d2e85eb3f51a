/**
 * Allocation savers for readers of large files: short codes are interned (one string per distinct
 * code) and CCYYMMDD dates are converted once per distinct date.
 */
import { isCalendarDate } from "./dates.ts";

const INTERNED = new Map<number, string>();
const MAX_INTERNED = 65536;
const DATES = new Map<number, string | null>();
const MAX_DATES = 8192;

/** text[start, end) as a string; for up to 4 ASCII characters, the same string object every time. */
export function internRange(text: string, start: number, end: number): string {
  const len = end - start;
  if (len === 0) return "";
  if (len > 4) return text.slice(start, end);
  let key = len;
  for (let i = 0; i < len; i++) {
    const ch = text.charCodeAt(start + i);
    if (ch > 127) return text.slice(start, end);
    key |= ch << (3 + 7 * i);
  }
  let v = INTERNED.get(key);
  if (v === undefined) {
    v = text.slice(start, end);
    if (INTERNED.size < MAX_INTERNED) INTERNED.set(key, v);
  }
  return v;
}

/** text[start, end) as CCYYMMDD: "YYYY-MM-DD"; undefined when empty; null when not a calendar date. */
export function dateRange(text: string, start: number, end: number): string | undefined | null {
  if (start === end) return undefined;
  if (end - start !== 8) return null;
  let key = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    key = key * 10 + d;
  }
  let v = DATES.get(key);
  if (v === undefined) {
    const y = Math.floor(key / 10000);
    const m = Math.floor(key / 100) % 100;
    const d = key % 100;
    const s = String(key).padStart(8, "0");
    v = isCalendarDate(y, m, d) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6)}` : null;
    if (DATES.size >= MAX_DATES) DATES.clear();
    DATES.set(key, v);
  }
  return v;
}
