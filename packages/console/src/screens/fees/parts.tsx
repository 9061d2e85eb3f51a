import { TextField } from "../../ui/fields";
import { SelectField } from "../../ui/fields";
import { todayLocal } from "../../ui/format";
import { monthsBack } from "../home/kpis";

/** The period the report screens read: whole months, from the first of `from` to the end of `to`. */
export interface Period {
  from: string;
  to: string;
}

/** The last three months, this one included. */
export function defaultPeriod(now = new Date()): Period {
  const months = monthsBack(3, now);
  return { from: months[0]!, to: months[months.length - 1]! };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The period named in the query string (`from`, `to` as YYYY-MM), or the default. */
export function periodOf(query: URLSearchParams): Period {
  const d = defaultPeriod();
  const from = query.get("from") ?? "";
  const to = query.get("to") ?? "";
  return { from: MONTH.test(from) ? from : d.from, to: MONTH.test(to) ? to : d.to };
}

/** The period as dates of service: the 1st of `from` to the last day of `to`, never after today. */
export function periodDates(p: Period, today = todayLocal()): { from: string; to: string } {
  const [y, m] = p.to.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const from = `${p.from}-01`;
  const to = last > today && from <= today ? today : last;
  return { from, to };
}

/** A report's CSV: the same query with format=csv (the API answers it as an attachment). */
export function csvHref(path: string, q: Record<string, string | undefined>) {
  const s = new URLSearchParams({ format: "csv" });
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  return `${path}?${s}`;
}

export function Download({ href }: { href: string }) {
  return (
    <a className="btn" href={href} download>
      Download CSV
    </a>
  );
}

/** From and to month, and the practice (company users see every practice, or pick one). */
export function PeriodPicker({
  period,
  onChange,
  practiceId,
  onPractice,
  practices,
  error,
  children,
}: {
  period: Period;
  onChange: (p: Period) => void;
  practiceId: string;
  onPractice: (id: string) => void;
  practices: Map<string, string>;
  error?: unknown;
  children?: React.ReactNode;
}) {
  return (
    <div className="row report-filters">
      <TextField
        label="From month"
        name="from"
        type="month"
        value={period.from}
        onChange={(e) => e.target.value && onChange({ ...period, from: e.target.value })}
        error={error}
      />
      <TextField
        label="To month"
        name="to"
        type="month"
        value={period.to}
        onChange={(e) => e.target.value && onChange({ ...period, to: e.target.value })}
        error={error}
      />
      <SelectField
        label="Practice"
        name="practiceId"
        value={practiceId}
        onChange={(e) => onPractice(e.target.value)}
        options={[{ value: "", label: "All practices" }, ...[...practices].map(([value, label]) => ({ value, label }))]}
      />
      {children ? <div className="row-action">{children}</div> : null}
    </div>
  );
}

/** "58.2" (a percent the API rounded) -> "58.2%". */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${v}%`);
/** Average days, one decimal. */
export const days = (v: number | null | undefined) => (v === null || v === undefined ? "—" : v.toFixed(1));
