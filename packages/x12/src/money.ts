/**
 * Money as integer cents. X12 decimal strings ("123.4", "-6173.5", "0", ".5") are parsed exactly
 * with digit arithmetic, never through floating point.
 */
import { X12Error } from "./errors.ts";

/** Largest amount handled exactly (cents), far above any X12 R18 money element in practice. */
const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Parses text[start, end) as an X12 decimal into integer cents; NaN when it is not a decimal or
 * has non-zero digits beyond the cents. No substring is allocated.
 */
export function centsIn(text: string, start: number, end: number): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */) {
      negative = true;
      i++;
    } else if (c === 43 /* + */) {
      i++;
    }
  }
  let whole = 0;
  let digits = 0;
  while (i < end) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    digits++;
    i++;
  }
  let frac = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46 /* . */) return NaN;
    i++;
    let places = 0;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      if (places < 2) frac = frac * 10 + d;
      else if (d !== 0) return NaN;
      places++;
      digits++;
      i++;
    }
    if (places === 1) frac *= 10;
  }
  if (digits === 0 || whole > 90_071_992_547_409) return NaN;
  const cents = whole * 100 + frac;
  if (cents > MAX_CENTS) return NaN;
  return negative && cents !== 0 ? -cents : cents;
}

/** True when the string is an X12 decimal that converts exactly to cents. */
export function isCents(text: string): boolean {
  return !Number.isNaN(centsIn(text, 0, text.length));
}

/** Parses an X12 decimal string into integer cents; throws X12Error for anything else. */
export function parseCents(text: string): number {
  const cents = centsIn(text, 0, text.length);
  if (Number.isNaN(cents)) {
    throw new X12Error({
      code: "invalid-amount",
      message: `"${text}" is not an X12 amount with at most two decimal places`,
      segment: "",
      segmentIndex: 0,
    });
  }
  return cents;
}

/**
 * Writes integer cents as an X12 decimal with trailing zeros suppressed:
 * 12340 -> "123.4", 12300 -> "123", 5 -> "0.05", -617350 -> "-6173.5".
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new X12Error({
      code: "invalid-amount",
      message: `${cents} is not an integer number of cents`,
      segment: "",
      segmentIndex: 0,
    });
  }
  const negative = cents < 0;
  const abs = negative ? -cents : cents;
  const whole = Math.floor(abs / 100);
  const rem = abs - whole * 100;
  let out = String(whole);
  if (rem !== 0) out += rem % 10 === 0 ? `.${rem / 10}` : rem < 10 ? `.0${rem}` : `.${rem}`;
  return negative ? `-${out}` : out;
}
