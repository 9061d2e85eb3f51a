/** Display formatting. Money arrives as integer cents and is only ever formatted, never computed in floats. */
const dollars = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 123456 -> "$1,234.56"; -500 -> "-$5.00". Integer arithmetic only. */
export function money(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "—";
  const neg = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const whole = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, "0");
  return `${neg ? "-" : ""}$${dollars.format(whole)}.${rest}`;
}

/** Whole dollars for chart axes: 123456 -> "$1,235"; large values -> "$12.3k". */
export function moneyShort(cents: number): string {
  const d = Math.round(cents / 100);
  if (Math.abs(d) >= 1_000_000) return `$${(d / 1_000_000).toFixed(1)}M`;
  if (Math.abs(d) >= 10_000) return `$${(d / 1000).toFixed(1)}k`;
  return `$${dollars.format(d)}`;
}

/** Basis points -> "6.50%". */
export function bp(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  return `${(v / 100).toFixed(2)}%`;
}

/** A ratio 0..1 -> "93.4%". */
export function pct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${(v * 100).toFixed(1)}%`;
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : dollars.format(n);
}

/** ISO timestamp -> "Dec 1, 2026, 14:05". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", hour12: false });
}

/** "2026-11-03" -> "Nov 3, 2026" (no time zone shift: dates of service are plain dates). */
export function date(ymd: string | null | undefined): string {
  if (!ymd) return "—";
  const [y, m, d] = ymd.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return ymd;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
}

/** "2026-11" -> "Nov 2026". */
export function month(ym: string): string {
  const [y, m] = ym.split("-").map(Number);
  if (!y || !m) return ym;
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-US", {
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** The month before today's, "YYYY-MM" (what month close usually closes). */
export function lastMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function label(s: string): string {
  const t = s.replace(/[-_]/g, " ");
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** "1,234.5" or "$12" -> cents, exactly (no floats); undefined when it is not an amount. */
export function parseMoney(text: string): number | undefined {
  const t = text.replace(/[$,\s]/g, "");
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** Cents -> "1234.50" for an input box. */
export const centsInput = (c: number | undefined) =>
  c === undefined ? "" : `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

/** "6.5" -> 650 basis points, exactly. */
export function parsePercentBps(text: string): number | undefined {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(text.trim().replace(/%$/, ""));
  if (!m) return undefined;
  const v = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return v <= 10000 ? v : undefined;
}

/** Today on this computer, YYYY-MM-DD (due dates are plain dates). */
export function todayLocal(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
