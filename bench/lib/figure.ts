/**
 * What every figure module shares: the figure record written to bench/results.json, the
 * context a module runs in, and small statistics helpers.
 */
import type { BenchStack } from "./stack.ts";
import { seeded } from "../../packages/local/src/demo/client.ts";

/** One line of bench/results.json. `ratio` > 1 means ahead of the baseline, whatever the unit. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
}

/** A target from the issue, and whether this run met it (printed, and copied into the README). */
export interface Target {
  figure: string;
  target: string;
  met: boolean;
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  /** Scratch directory for generated inputs (removed at the end). */
  tmp: string;
  log(message: string): void;
  target(t: Target): void;
  /** The local stack (DynamoDB Local, fauxqs, the API over HTTP), started once on first use. */
  stack(): Promise<BenchStack>;
}

/** A module under bench/figures/: run.ts loads every one, in `order`. */
export interface FigureModule {
  title: string;
  order: number;
  run(ctx: BenchContext): Promise<Figure[]>;
}

/** Rounds to 4 significant digits (results are noisy well before that). */
export function round(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const digits = 4 - Math.ceil(Math.log10(Math.abs(v)));
  const f = 10 ** Math.max(0, Math.min(digits, 12));
  return Math.round(v * f) / f;
}

/**
 * A figure with its ratio: value / baseline when higher is better (throughput), baseline /
 * value when lower is better (latency, bytes, units, dollars).
 */
export function fig(
  name: string,
  value: number,
  unit: string,
  baseline: string,
  baselineValue: number,
  better: "higher" | "lower",
): Figure {
  const ratio = better === "higher" ? value / baselineValue : baselineValue / value;
  return { name, value: round(value), unit, baseline, baselineValue: round(baselineValue), ratio: round(ratio) };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

/** Milliseconds of each of `runs` calls of fn (after `warmup` unmeasured calls). */
export async function timeRuns(runs: number, fn: () => unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Deterministic PRNG (mulberry32), the demo's: the bench never calls Math.random. */
export { seeded };
export type Rng = ReturnType<typeof seeded>;
