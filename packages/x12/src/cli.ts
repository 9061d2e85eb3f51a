#!/usr/bin/env node
/**
 * x12 command line: `x12 parse FILE`, `x12 check FILE [--json]`, `x12 --help`.
 * Exit codes: 0 fine, 1 structural errors found (check), 2 unreadable input or bad usage.
 */
import { createReadStream, readFileSync } from "node:fs";
import { checkX12Stream } from "./check.ts";
import type { CheckResult } from "./check.ts";
import { X12Error } from "./errors.ts";
import { formatCents } from "./money.ts";
import { parseX12 } from "./parse.ts";
import type { ParsedX12 } from "./parse.ts";
import type { Segment } from "./tokenizer.ts";

const HELP = `x12 - read and check X12 5010 files (837P, 835, 999, 277CA...)

Usage:
  x12 parse FILE          print the file as JSON: interchanges, groups, transaction
                          sets, and every segment as an array of elements
  x12 check FILE          print structural errors, one per line (ISA width, IEA/GE/SE
                          counts and control numbers, missing or stray envelope
                          segments, bad 835 amounts and dates); a summary, with the
                          balancing verdict of each 835, goes to stderr
  x12 check FILE --json   print { file, transactions: [{ set, controlNumber, segments,
                          errors }] }; 835 entries add paymentCents, claims, paidCents,
                          providerAdjustmentCents and balanced
  x12 --help              this help

Exit status: 0 no errors, 1 errors found (check), 2 unreadable file, not X12, or bad usage.
`;

function segmentJson(s: Segment | undefined): string[] | undefined {
  return s?.elements;
}

function parseJson(file: string, parsed: ParsedX12): unknown {
  return {
    file,
    interchanges: parsed.interchanges.map((i) => ({
      controlNumber: i.controlNumber,
      senderId: i.senderId,
      receiverId: i.receiverId,
      usage: i.usage,
      delimiters: i.delimiters,
      header: segmentJson(i.header),
      groups: i.groups.map((g) => ({
        functionalId: g.functionalId,
        controlNumber: g.controlNumber,
        version: g.version,
        header: segmentJson(g.header),
        transactions: g.transactions.map((t) => ({
          set: t.set,
          controlNumber: t.controlNumber,
          version: t.version,
          segments: t.segments.map((s) => s.elements),
        })),
        trailer: segmentJson(g.trailer),
      })),
      other: i.other.map((s) => s.elements),
      trailer: segmentJson(i.trailer),
    })),
    stray: parsed.stray.map((s) => s.elements),
  };
}

function checkJson(file: string, r: CheckResult): unknown {
  return {
    file,
    transactions: r.transactions.map((t) => {
      const entry: Record<string, unknown> = {
        set: t.set,
        controlNumber: t.controlNumber,
        segments: t.segments,
        errors: t.errors,
      };
      if (t.balance !== undefined) {
        entry["paymentCents"] = t.balance.paymentCents;
        entry["claims"] = t.balance.claims;
        entry["paidCents"] = t.balance.paidCents;
        entry["providerAdjustmentCents"] = t.balance.providerAdjustmentCents;
        entry["balanced"] = t.balance.balanced;
      }
      return entry;
    }),
  };
}

function summary(file: string, r: CheckResult): string[] {
  const lines: string[] = [];
  for (const t of r.transactions) {
    const b = t.balance;
    if (b === undefined) continue;
    const head = `${file}: 835 ${t.controlNumber}: payment ${formatCents(b.paymentCents)}, ${b.claims} claim(s), paid ${formatCents(b.paidCents)}, PLB ${formatCents(b.providerAdjustmentCents)}`;
    lines.push(`${head}: ${b.balanced ? "balanced" : "NOT balanced"}`);
    for (const p of b.problems) lines.push(`${file}:   ${p.message}`);
  }
  lines.push(
    `${file}: ${r.interchanges} interchange(s), ${r.transactions.length} transaction set(s), ${r.errors.length} error(s)`,
  );
  return lines;
}

function fail(message: string): number {
  process.stderr.write(`x12: ${message}\n`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => !a.startsWith("--"));
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  if (flags.has("--help") || args[0] === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const [command, file, ...rest] = args;
  for (const f of flags) if (f !== "--json") return fail(`unknown option ${f}\n\n${HELP}`);
  if (command === undefined) {
    process.stderr.write(HELP);
    return 2;
  }
  if (command !== "parse" && command !== "check") return fail(`unknown command "${command}"\n\n${HELP}`);
  if (file === undefined || rest.length > 0)
    return fail(`usage: x12 ${command} FILE${command === "check" ? " [--json]" : ""}`);
  try {
    if (command === "parse") {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        return fail(`cannot read ${file}: ${(e as Error).message}`);
      }
      process.stdout.write(`${JSON.stringify(parseJson(file, parseX12(text)), null, 2)}\n`);
      return 0;
    }
    let result: CheckResult;
    try {
      result = await checkX12Stream(createReadStream(file));
    } catch (e) {
      if (e instanceof X12Error) throw e;
      return fail(`cannot read ${file}: ${(e as Error).message}`);
    }
    if (flags.has("--json")) {
      process.stdout.write(`${JSON.stringify(checkJson(file, result), null, 2)}\n`);
    } else {
      for (const e of result.errors) process.stdout.write(`${file}: ${e.message}\n`);
      process.stderr.write(`${summary(file, result).join("\n")}\n`);
    }
    return result.errors.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof X12Error) return fail(`${file}: ${e.message}`);
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
