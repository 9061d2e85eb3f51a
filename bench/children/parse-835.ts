/**
 * Child process of the 835 figures: parses FILE one way and prints one JSON line with its time,
 * the claims it saw and the process's peak resident memory, so each way is measured
 * in a fresh process. Modes: stream (stream835 over a 64 KB-chunk file stream, the reader
 * post835 feeds from S3), whole (the file read into one string, iterate835), node-x12 (the whole
 * string through node-x12's X12Parser).
 *
 *   node bench/children/parse-835.ts MODE FILE
 */
import { createReadStream, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { iterate835, stream835 } from "../../packages/x12/src/index.ts";

const [mode, file] = process.argv.slice(2) as [string, string];
const t = performance.now();
let claims = 0;
if (mode === "stream") {
  for await (const e of stream835(createReadStream(file, { highWaterMark: 64 * 1024 })))
    if (e.type === "claim") claims++;
} else if (mode === "whole") {
  for (const e of iterate835(readFileSync(file, "utf8"))) if (e.type === "claim") claims++;
} else if (mode === "node-x12") {
  const { X12Parser } = createRequire(import.meta.url)("node-x12");
  const interchange = new X12Parser(true).parse(readFileSync(file, "utf8"));
  for (const g of interchange.functionalGroups)
    for (const tx of g.transactions) for (const s of tx.segments) if (s.tag === "CLP") claims++;
} else if (mode !== "idle") {
  throw new Error(`unknown mode ${mode}`);
}
const ms = performance.now() - t;
console.log(
  JSON.stringify({ mode, ms, claims, peakRssMB: peakRssMB(), heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 }),
);

/**
 * This process's peak RSS. On Linux from VmHWM, which starts afresh at exec; ru_maxrss does not
 * (it keeps the peak of the parent's image forked before the exec).
 */
function peakRssMB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}
