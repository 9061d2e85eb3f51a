/**
 * X12: reading a large 835 and building 837Ps, against node-x12 (the X12 library on npm) and,
 * for reading, against the floor of tokenizing in JavaScript (`text.split(seg).map(s =>
 * s.split(el))`, which produces untyped strings only). Peak memory is measured in fresh child
 * processes.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { build837P, build837PSegments, iterate835, type Build837PInput } from "../../packages/x12/src/index.ts";
import { synthetic835 } from "../../packages/x12/test/synthetic-835.ts";
import { batches837 } from "../lib/x12-inputs.ts";
import { runChild } from "../lib/child.ts";
import { fig, median, seeded, timeRuns, type Figure, type FigureModule } from "../lib/figure.ts";

const nodeX12 = createRequire(import.meta.url)("node-x12") as {
  X12Parser: new (strict?: boolean) => { parse(text: string): unknown };
  X12Generator: new (jsen: unknown, options?: unknown) => { toString(): string };
  X12Interchange: new (options?: unknown) => any;
  JSEDINotation: new (header: string[], options?: unknown) => any;
};

const MB = 1e6;
const OPTIONS = {
  elementDelimiter: "*",
  segmentTerminator: "~",
  subElementDelimiter: ":",
  repetitionDelimiter: "^",
  endOfLine: "\n",
  format: true,
};

/** Our element values as node-x12 takes them: strings, composites joined with ":". */
const strings = (els: readonly unknown[]) =>
  els.map((e) => (e === undefined ? "" : Array.isArray(e) ? e.map((c) => c ?? "").join(":") : String(e)));

/** ISA01-ISA16 and GS01-GS08 of an input, for node-x12's headers. */
function headers(input: Build837PInput) {
  const ic = input.interchange;
  const d = ic.date ?? new Date();
  const ymd = d.toISOString().slice(0, 10).replace(/-/g, "");
  const hm = d.toISOString().slice(11, 16).replace(":", "");
  const isa = [
    "00",
    "          ",
    "00",
    "          ",
    "ZZ",
    ic.senderId.padEnd(15),
    "ZZ",
    ic.receiverId.padEnd(15),
    ymd.slice(2),
    hm,
    "^",
    "00501",
    String(ic.controlNumber).padStart(9, "0"),
    "0",
    ic.usage ?? "P",
    ":",
  ];
  const gs = ["HC", ic.senderId, ic.receiverId, ymd, hm, String(input.groupControlNumber), "X", "005010X222A1"];
  return { isa, gs };
}

/** node-x12's generator (JS EDI Notation -> X12Generator.toString(), which also re-parses to validate). */
function nodeX12Generator(input: Build837PInput): string {
  const { isa, gs } = headers(input);
  const jsen = new nodeX12.JSEDINotation(isa, OPTIONS);
  const group = jsen.addFunctionalGroup(gs);
  for (const t of input.transactions) {
    const tx = group.addTransaction(["837", t.controlNumber, "005010X222A1"]);
    for (const s of build837PSegments(t)) tx.addSegment(s[0], strings(s.slice(1)));
  }
  return new nodeX12.X12Generator(jsen, OPTIONS).toString();
}

/** node-x12's object model written directly (X12Interchange.toString(), no validation). */
function nodeX12Serializer(input: Build837PInput): string {
  const { isa, gs } = headers(input);
  const ic = new nodeX12.X12Interchange(OPTIONS);
  ic.setHeader(isa);
  const group = ic.addFunctionalGroup();
  group.setHeader(gs);
  for (const t of input.transactions) {
    const tx = group.addTransaction();
    tx.setHeader(["837", t.controlNumber, "005010X222A1"]);
    for (const s of build837PSegments(t)) tx.addSegment(s[0], strings(s.slice(1)));
  }
  return ic.toString();
}

export const figure: FigureModule = {
  title: "X12: 835 parse and 837P build",
  order: 10,
  async run(ctx) {
    const out: Figure[] = [];
    const ours = ctx.quick ? 3 : 5;
    const base = 2;

    // 835 parse ------------------------------------------------------------------------------
    const claims835 = ctx.quick ? 2_000 : 100_000;
    const text = synthetic835(claims835);
    const bytes = Buffer.byteLength(text);
    const file = resolve(ctx.tmp, "synthetic.835");
    writeFileSync(file, text);
    ctx.log(`835: ${claims835.toLocaleString()} claims, ${(bytes / MB).toFixed(1)} MB`);

    let seen = 0;
    const parseMs = median(
      await timeRuns(ours, () => {
        seen = 0;
        for (const e of iterate835(text)) if (e.type === "claim") seen++;
      }),
    );
    if (seen !== claims835) throw new Error(`iterate835 saw ${seen} claims, expected ${claims835}`);
    const splitMs = median(await timeRuns(base, () => text.split("~").map((s) => s.split("*"))));
    const x12Ms = median(await timeRuns(base, () => new nodeX12.X12Parser(true).parse(text), 0));
    ctx.log(
      `835 parse: ours ${parseMs.toFixed(0)} ms, split floor ${splitMs.toFixed(0)} ms, node-x12 ${x12Ms.toFixed(0)} ms`,
    );
    const mbs = (ms: number) => bytes / MB / (ms / 1000);
    const cps = (ms: number) => claims835 / (ms / 1000);
    out.push(fig("x12.835.parse", mbs(parseMs), "MB/s", "node-x12 X12Parser.parse, same file", mbs(x12Ms), "higher"));
    out.push(
      fig(
        "x12.835.parse.claims",
        cps(parseMs),
        "claims/s",
        "node-x12 X12Parser.parse, same file",
        cps(x12Ms),
        "higher",
      ),
    );
    out.push(
      fig(
        "x12.835.parse.split-floor",
        mbs(parseMs),
        "MB/s",
        "text.split(seg).map(s => s.split(el)), same text",
        mbs(splitMs),
        "higher",
      ),
    );
    ctx.target({
      figure: "x12.835.parse",
      target: "at least 10x node-x12",
      met: x12Ms / parseMs >= 10,
      note: `${(x12Ms / parseMs).toFixed(1)}x`,
    });
    ctx.target({
      figure: "x12.835.parse.split-floor",
      target: "faster than the split floor while producing typed records",
      met: parseMs < splitMs,
      note: `${(splitMs / parseMs).toFixed(2)}x`,
    });

    // Peak memory, each in a fresh process. The stream gets a 32 MB heap cap: finishing at all
    // shows its memory does not grow with the file.
    const child = resolve(import.meta.dirname, "../children/parse-835.ts");
    const stream = await runChild(child, ["stream", file], ["--max-old-space-size=32"]);
    const whole = await runChild(child, ["whole", file]);
    const x12Mem = await runChild(child, ["node-x12", file]);
    const idle = await runChild(child, ["idle", file]);
    for (const r of [stream, whole, x12Mem])
      if (r.claims !== claims835) throw new Error(`${r.mode} child saw ${r.claims} claims`);
    ctx.log(
      `peak RSS: stream ${stream.peakRssMB.toFixed(0)} MB, whole ${whole.peakRssMB.toFixed(0)} MB, node-x12 ${x12Mem.peakRssMB.toFixed(0)} MB, idle node ${idle.peakRssMB.toFixed(0)} MB`,
    );
    out.push(
      fig(
        "x12.835.stream.peak-rss",
        stream.peakRssMB,
        "MB",
        "node-x12 parsing the file read whole (peak RSS)",
        x12Mem.peakRssMB,
        "lower",
      ),
    );
    out.push(
      fig(
        "x12.835.whole.peak-rss",
        whole.peakRssMB,
        "MB",
        "node-x12 parsing the file read whole (peak RSS)",
        x12Mem.peakRssMB,
        "lower",
      ),
    );
    ctx.target({
      figure: "x12.835.stream.peak-rss",
      target: "memory bounded when streamed",
      met: stream.peakRssMB < idle.peakRssMB + 64,
      note: `${stream.peakRssMB.toFixed(0)} MB peak with a 32 MB heap cap for a ${(bytes / MB).toFixed(0)} MB file; an idle Node process peaks at ${idle.peakRssMB.toFixed(0)} MB`,
    });

    // 837P build -----------------------------------------------------------------------------
    const claims837 = ctx.quick ? 2_000 : 100_000;
    const inputs = batches837(seeded(837), claims837);
    // node-x12 runs on the first of the same batches: its time per 99-claim interchange does not
    // depend on how many follow, and all 100,000 would take minutes.
    const baseClaims = ctx.quick ? claims837 : 20_000;
    const baseInputs = inputs.slice(0, Math.ceil(baseClaims / 99));
    const baseCount = baseInputs.reduce((s, i) => s + i.transactions[0]!.claims.length, 0);
    let built = 0;
    const buildMs = median(
      await timeRuns(ours, () => {
        built = 0;
        for (const input of inputs) built += build837P(input).length;
      }),
    );
    const genMs = median(await timeRuns(base, () => baseInputs.forEach(nodeX12Generator), 0));
    const serMs = median(await timeRuns(base, () => baseInputs.forEach(nodeX12Serializer), 0));
    const rate = claims837 / (buildMs / 1000);
    const genRate = baseCount / (genMs / 1000);
    const serRate = baseCount / (serMs / 1000);
    ctx.log(
      `837P: ${claims837.toLocaleString()} claims (${(built / MB).toFixed(1)} MB) in ${buildMs.toFixed(0)} ms; node-x12 ${baseCount.toLocaleString()} claims: generator ${genMs.toFixed(0)} ms, serializer ${serMs.toFixed(0)} ms`,
    );
    out.push(
      fig(
        "x12.837p.build",
        rate,
        "claims/s",
        "node-x12 X12Generator fed our 837P segments (it has no 837P model)",
        genRate,
        "higher",
      ),
    );
    out.push(
      fig(
        "x12.837p.build.serializer",
        rate,
        "claims/s",
        "node-x12 X12Interchange.toString fed our 837P segments (no validation)",
        serRate,
        "higher",
      ),
    );
    out.push(
      fig(
        "x12.837p.build.vs-835-parse",
        rate,
        "claims/s",
        "this project's 835 parse rate (the issue's fallback baseline)",
        cps(parseMs),
        "higher",
      ),
    );
    ctx.target({
      figure: "x12.837p.build",
      target: "at least 10x node-x12",
      met: rate / genRate >= 10,
      note: `${(rate / genRate).toFixed(1)}x its generator, ${(rate / serRate).toFixed(1)}x its bare serializer`,
    });
    return out;
  },
};
