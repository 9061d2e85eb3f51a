import type { CsvColumn } from "./columns.ts";

/** Cell readers. Each takes a trimmed, non-blank cell and returns the value or a message. */

export type CellValue = string | number | boolean | number[];
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (message: string): Read<never> => ({ ok: false, message });

/** Echoes a cell in a message, shortened so a stray paste does not flood the report. */
export function quote(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

/**
 * Dollars -> integer cents by string arithmetic, never through a float: "125" -> 12500,
 * "125.5" -> 12550, "0.07" -> 7. Commas, currency signs and signs are refused.
 */
export function parseMoneyCents(raw: string): Read<number> {
  const s = raw.trim();
  if (s.includes(","))
    return bad(`must not contain commas; write ${quote(s.replace(/,/g, ""))} (dollars, up to 2 decimals)`);
  if (/^[-+]/.test(s)) return bad(`must be a non-negative amount in dollars, got ${quote(s)}`);
  if (/^[$€£]/.test(s)) return bad(`must be written without a currency sign, e.g. ${quote(s.slice(1))}`);
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === "" && !m[2])) return bad(`must be dollars with up to 2 decimals, e.g. "125.00", got ${quote(s)}`);
  const whole = m[1] ?? "";
  const frac = m[2];
  if (frac !== undefined && frac.length === 0) return bad(`must not end with a decimal point, got ${quote(s)}`);
  if (frac !== undefined && frac.length > 2) return bad(`must have at most 2 decimals (cents), got ${quote(s)}`);
  const digits = `${whole}${(frac ?? "").padEnd(2, "0")}`.replace(/^0+(?=\d)/, "");
  // 15 digits stay below Number.MAX_SAFE_INTEGER, so the conversion of the digit string is exact.
  if (digits.length > 15) return bad(`is too large, got ${quote(s)}`);
  return ok(Number.parseInt(digits, 10));
}

/** YYYY-MM-DD or MM/DD/YYYY (one-digit month and day allowed) -> YYYY-MM-DD, calendar-checked. */
export function parseDate(raw: string): Read<string> {
  const s = raw.trim();
  let y: string, mo: string, d: string;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (iso) [, y = "", mo = "", d = ""] = iso;
  else if (us) [, mo = "", d = "", y = ""] = us;
  else return bad(`must be a date YYYY-MM-DD or MM/DD/YYYY, got ${quote(s)}`);
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1) {
    return bad(`is not a calendar date, got ${quote(s)}`);
  }
  return ok(`${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Y / N, either case. */
export function parseFlag(raw: string): Read<boolean> {
  const s = raw.trim().toUpperCase();
  if (s === "Y") return ok(true);
  if (s === "N") return ok(false);
  return bad(`must be Y or N, got ${quote(raw.trim())}`);
}

/** "1,2", "1:2", "1, 2" or letters "A,B" (CMS-1500 style) -> [1, 2]; 1 to 4 distinct pointers 1-12. */
export function parsePointers(raw: string): Read<number[]> {
  const s = raw.trim();
  const parts = s.split(/\s*[,:]\s*/);
  const out: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^\d{1,2}$/.test(p)) n = Number(p);
    else if (/^[A-La-l]$/.test(p)) n = p.toUpperCase().charCodeAt(0) - 64;
    else return bad(`must be diagnosis numbers separated by , or : (e.g. "1,2"), got ${quote(s)}`);
    if (n < 1 || n > 12) return bad(`must point at diagnoses 1 to 12, got ${quote(s)}`);
    if (out.includes(n)) return bad(`must not repeat a diagnosis, got ${quote(s)}`);
    out.push(n);
  }
  if (out.length > 4) return bad(`must hold at most 4 pointers, got ${quote(s)}`);
  return ok(out);
}

/** A positive decimal number such as "1", "2.5". */
export function parsePositiveNumber(raw: string): Read<number> {
  const s = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(s) || Number(s) <= 0) return bad(`must be a positive number, got ${quote(s)}`);
  return ok(Number(s));
}

/** Reads one non-blank cell according to its column's kind. */
export function readCell(col: CsvColumn, raw: string): Read<CellValue> {
  const s = raw.trim();
  switch (col.kind) {
    case "text":
      return ok(s);
    case "upper":
      return ok(s.toUpperCase());
    case "zip":
      return ok(/^\d{5}-\d{4}$/.test(s) ? s.replace("-", "") : s);
    case "date":
      return parseDate(s);
    case "money":
      return parseMoneyCents(s);
    case "flag":
      return parseFlag(s);
    case "pointers":
      return parsePointers(s);
    case "number":
      return parsePositiveNumber(s);
    case "enum": {
      const values = col.values ?? [];
      const hit = values.find((v) => v.toUpperCase() === s.toUpperCase());
      return hit === undefined
        ? bad(
            `must be one of ${values.length > 10 ? "the two-letter US state codes" : values.join(", ")}, got ${quote(s)}`,
          )
        : ok(hit);
    }
  }
}

/** Compares two read values (the readers return canonical forms, so equal meaning is equal text). */
export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
