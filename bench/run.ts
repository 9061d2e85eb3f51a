/**
 * `npm run bench` — ClaimLedger's benchmark. Every figure is a ratio against a baseline measured
 * in the same run (these machines are noisy; absolute times alone mean little). Prints a table and
 * writes bench/results.json: { date, machine, figures: [{ name, value, unit, baseline,
 * baselineValue, ratio }] }, ratio > 1 meaning ahead of the baseline.
 *
 *   npm run bench                      full sizes (a few minutes on 2 cores); writes bench/results.json
 *   npm run bench -- --quick           small sizes, what CI runs; writes bench/results.quick.json
 *   npm run bench -- --only=x12,api    only these modules (file names under bench/figures/)
 *   npm run bench -- --out=FILE        write the JSON elsewhere
 *
 * Figures live in bench/figures/*.ts, each exporting `figure: FigureModule`; this file loads
 * every one it finds, in `order`, so adding a figure is adding a file. Inputs are generated here,
 * deterministically (seeded); nothing is downloaded. Modules that need DynamoDB, S3, SQS or the
 * API share one local stack (DynamoDB Local + fauxqs in memory), started on first use.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchContext, Figure, FigureModule, Target } from "./lib/figure.ts";
import type { BenchStack } from "./lib/stack.ts";

process.env.CLAIMLEDGER_LOG ??= "silent";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const benchDir = import.meta.dirname;
const outFile = resolve(
  args.find((a) => a.startsWith("--out="))?.slice("--out=".length) ??
    resolve(benchDir, quick ? "results.quick.json" : "results.json"),
);

const cpu = cpus();
const machine = `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}, ${process.platform}-${process.arch}`;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const tmp = mkdtempSync(resolve(tmpdir(), "claimledger-bench-"));
const targets: Target[] = [];
let stack: Promise<BenchStack> | undefined;
const ctx: BenchContext = {
  quick,
  tmp,
  log: (m) => console.log(`  [${elapsed()}] ${m}`),
  target: (t) => targets.push(t),
  stack: () => (stack ??= import("./lib/stack.ts").then((m) => m.startBenchStack())),
};

const figuresDir = resolve(benchDir, "figures");
const modules: { file: string; module: FigureModule }[] = [];
for (const f of readdirSync(figuresDir)
  .filter((x) => x.endsWith(".ts"))
  .sort()) {
  const name = basename(f, ".ts");
  if (only && !only.includes(name)) continue;
  const mod = (await import(pathToFileURL(resolve(figuresDir, f)).href)) as { figure?: FigureModule };
  if (!mod.figure) throw new Error(`bench/figures/${f} does not export a figure module`);
  modules.push({ file: name, module: mod.figure });
}
modules.sort((a, b) => a.module.order - b.module.order);

console.log(`ClaimLedger bench${quick ? " (quick)" : ""}: ${machine}`);
const figures: Figure[] = [];
const failures: string[] = [];
try {
  for (const { file, module } of modules) {
    console.log(`\n${module.title} (${file})`);
    try {
      figures.push(...(await module.run(ctx)));
    } catch (err) {
      failures.push(file);
      console.error(`  FAILED: ${(err as Error).stack ?? err}`);
    }
  }
} finally {
  if (stack) await (await stack.catch(() => undefined))?.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : String(v));
const rows = figures.map((f) => [
  f.name,
  `${fmt(f.value)} ${f.unit}`,
  `${fmt(f.baselineValue)} ${f.unit}`,
  `${f.ratio}x`,
  f.baseline,
]);
const head = ["figure", "value", "baseline value", "ratio", "baseline"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
for (const r of rows) console.log(line(r));
if (targets.length) {
  console.log("\nTargets");
  for (const t of targets)
    console.log(`  ${t.met ? "met   " : "MISSED"}  ${t.figure}: ${t.target}${t.note ? ` (${t.note})` : ""}`);
}

writeFileSync(outFile, `${JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2)}\n`);
console.log(`\nWrote ${outFile} in ${elapsed()}${failures.length ? `; FAILED: ${failures.join(", ")}` : ""}`);
if (failures.length) process.exitCode = 1;
