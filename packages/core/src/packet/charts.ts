import { scaleBand, scaleLinear } from "d3-scale";
import { line, curveMonotoneX } from "d3-shape";
import type { PacketKpis, PacketMonth } from "./packet.schema.ts";

/**
 * The packet's chart geometry and verdicts, pure: d3-scale maps the figures to the page, d3-shape
 * writes the trend line as an SVG path that the PDF draws as a vector path. Coordinates are in
 * points from the chart's top-left corner, y downwards (SVG's convention).
 */

export interface Bar {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Tick {
  y: number;
  label: string;
}

/** Dollars for an axis: $0, $800, $1.2k, $15k, $1.5M. */
export function axisDollars(cents: number): string {
  const d = cents / 100;
  if (Math.abs(d) >= 1_000_000) return `$${+(d / 1_000_000).toFixed(1)}M`;
  if (Math.abs(d) >= 1_000) return `$${+(d / 1_000).toFixed(1)}k`;
  return `$${Math.round(d)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const monthLabel = (m: string) => MONTHS[Number(m.slice(5, 7)) - 1]!;
export const monthName = (m: string) =>
  `${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

/**
 * Collections by month as bars, with the trend (the average of the last three months) as a smooth
 * line over them. Negative months (more refunded than collected) draw as an empty bar at zero.
 */
export function collectionsChart(months: PacketMonth[], width: number, height: number) {
  const x = scaleBand<string>()
    .domain(months.map((m) => m.month))
    .range([0, width])
    .paddingInner(0.28)
    .paddingOuter(0.14);
  const trend = months.map((m, i) => {
    const window = months.slice(Math.max(0, i - 2), i + 1);
    return { month: m.month, cents: window.reduce((s, w) => s + Math.max(0, w.collectedCents), 0) / window.length };
  });
  const top = Math.max(1, ...months.map((m) => m.collectedCents), ...trend.map((t) => t.cents));
  const y = scaleLinear().domain([0, top]).range([height, 0]).nice(4);
  const bars: (Bar & { month: string; label: string })[] = months.map((m) => {
    const v = Math.max(0, m.collectedCents);
    return {
      month: m.month,
      label: m.month.endsWith("-01") ? `${monthLabel(m.month)} ${m.month.slice(2, 4)}` : monthLabel(m.month),
      x: x(m.month)!,
      y: y(v),
      w: x.bandwidth(),
      h: height - y(v),
    };
  });
  const path =
    line<{ month: string; cents: number }>()
      .x((t) => x(t.month)! + x.bandwidth() / 2)
      .y((t) => y(t.cents))
      .curve(curveMonotoneX)(trend) ?? "";
  const ticks: Tick[] = y.ticks(4).map((v) => ({ y: y(v), label: axisDollars(v) }));
  return { bars, trendPath: path, ticks };
}

/** A/R aging: one stacked bar per bucket, insurance below and patient above. */
export function agingChart(
  buckets: readonly string[],
  insurance: number[],
  patient: number[],
  width: number,
  height: number,
) {
  const x = scaleBand<string>().domain(buckets).range([0, width]).paddingInner(0.35).paddingOuter(0.2);
  const top = Math.max(1, ...buckets.map((_, i) => (insurance[i] ?? 0) + (patient[i] ?? 0)));
  const y = scaleLinear().domain([0, top]).range([height, 0]).nice(4);
  const bars = buckets.map((b, i) => {
    const ins = Math.max(0, insurance[i] ?? 0);
    const pat = Math.max(0, patient[i] ?? 0);
    return {
      bucket: b,
      totalCents: ins + pat,
      insurance: { x: x(b)!, y: y(ins), w: x.bandwidth(), h: height - y(ins) },
      patient: { x: x(b)!, y: y(ins + pat), w: x.bandwidth(), h: y(ins) - y(ins + pat) },
    };
  });
  const ticks: Tick[] = y.ticks(4).map((v) => ({ y: y(v), label: axisDollars(v) }));
  return { bars, ticks };
}

export type Verdict = "met" | "watch" | "not_met" | "no_data";

/**
 * The benchmarks billing companies use (DOMAIN.md, "Figures billing companies live by"), each with
 * its verdict: met, watch (inside the range the benchmark gives, e.g. a denial rate of 5 to 10%),
 * or not met.
 */
export function kpiRows(k: PacketKpis) {
  const pct = (v: number | null) => (v === null ? "no data" : `${v.toFixed(1)}%`);
  const verdict = (v: number | null, good: (v: number) => boolean, watch: (v: number) => boolean): Verdict =>
    v === null ? "no_data" : good(v) ? "met" : watch(v) ? "watch" : "not_met";
  return [
    {
      name: "Clean claim rate",
      value: pct(k.cleanClaimRatePercent),
      benchmark: "95% and up",
      verdict: verdict(
        k.cleanClaimRatePercent,
        (v) => v >= 95,
        () => false,
      ),
    },
    {
      name: "Denial rate",
      value: pct(k.denialRatePercent),
      benchmark: "under 5 to 10%",
      verdict: verdict(
        k.denialRatePercent,
        (v) => v < 5,
        (v) => v < 10,
      ),
    },
    {
      name: "Days in A/R",
      value: k.daysInAR === null ? "no data" : `${k.daysInAR.toFixed(1)} days`,
      benchmark: "under 40 to 50 days",
      verdict: verdict(
        k.daysInAR,
        (v) => v < 40,
        (v) => v < 50,
      ),
    },
    {
      name: "Net collection rate",
      value: pct(k.netCollectionRatePercent),
      benchmark: "95% and up",
      verdict: verdict(
        k.netCollectionRatePercent,
        (v) => v >= 95,
        () => false,
      ),
    },
  ];
}

export const VERDICT_TEXT: Record<Verdict, string> = {
  met: "Met",
  watch: "Watch",
  not_met: "Not met",
  no_data: "No data yet",
};
