import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { codeSetsDir } from "./codeset-dir.ts";
import { ICD10_SUBDIR, icd10FileName, normalizeIcd10, properPrefixes, resetIcd10Cache } from "./icd10cm.ts";
import { isEntryPoint } from "./entry-point.ts";

/**
 * Operator command: imports a CDC/CMS ICD-10-CM release file as a fiscal year's billable set.
 *
 *   node packages/core/src/codes/import-icd10.ts FILE --fy 2027 [--out DIR] [--force]
 *
 * FILE (plain or .gz) is one of
 *   - the codes file, icd10cm-codes-2027.txt: "A000    Cholera due to …" (billable codes only);
 *   - the order file, icd10cm_order_2027.txt: order number cols 1-5, code cols 7-13, billable
 *     flag col 15 ("1" billable, "0" header), descriptions after; only flag-1 lines are kept;
 *   - a plain list, one code a line, dotted or not.
 * Writes DIR/icd10cm/icd10cm-billable-fy2027.txt.gz (sorted dotted codes). DIR is the code-set
 * directory (default: CLAIMLEDGER_CODESETS_DIR or packages/core/data). An existing file for that
 * year, or a year in the file name that differs from --fy, is refused unless --force.
 */

export type Icd10ReleaseFormat = "codes" | "order" | "list";

export interface ParsedIcd10Release {
  format: Icd10ReleaseFormat;
  /** Billable codes, dotted, unique, sorted. */
  codes: string[];
}

const ORDER_RE = /^(\d{5}) ([A-Z0-9 ]{7}) ([01])(?: |$)/;
const CODES_RE = /^(\S+)\s+\S/;
const LIST_RE = /^(\S+)$/;

/** Which format a release file is in, judged by its first non-blank line. */
export function detectIcd10Format(firstLine: string): Icd10ReleaseFormat {
  if (ORDER_RE.test(firstLine)) return "order";
  if (CODES_RE.test(firstLine.trim())) return "codes";
  return "list";
}

/**
 * Parses a release file's text into its billable codes. Every non-blank line must be of the
 * detected format and carry an ICD-10-CM shaped code; the result must be a set of leaves (no
 * code a prefix of another), else the file holds header codes and is refused.
 */
export function parseIcd10Release(text: string): ParsedIcd10Release {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== "");
  if (first === undefined) throw new Error("The file holds no codes");
  const format = detectIcd10Format(first);
  const codes = new Set<string>();
  const errors: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let raw: string | undefined;
    if (format === "order") {
      const m = ORDER_RE.exec(line);
      if (m && m[3] === "0") return; // header line
      raw = m?.[2]?.trim();
    } else {
      raw = (format === "codes" ? CODES_RE : LIST_RE).exec(line.trim())?.[1];
    }
    const code = raw === undefined ? undefined : normalizeIcd10(raw);
    if (code) codes.add(code);
    else
      errors.push(
        `line ${i + 1}: not a ${format}-file line with an ICD-10-CM code: ${JSON.stringify(line.slice(0, 40))}`,
      );
  });
  if (errors.length) {
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : "";
    throw new Error(`${errors.slice(0, 5).join("; ")}${more}`);
  }
  if (codes.size === 0) throw new Error("The file lists no billable codes");
  const headers: string[] = [];
  for (const c of codes) {
    const parent = properPrefixes(c).find((p) => codes.has(p));
    if (parent) headers.push(`${parent} (parent of ${c})`);
  }
  if (headers.length) {
    throw new Error(
      `Header codes listed as billable: ${headers.slice(0, 5).join(", ")}${headers.length > 5 ? ", …" : ""}`,
    );
  }
  return { format, codes: [...codes].sort() };
}

/**
 * Writes a fiscal year's billable set into dataDir/icd10cm atomically (temp file + rename)
 * and returns the path. Refuses to replace an existing file unless `overwrite`.
 */
export function writeIcd10CodeSet(
  codes: readonly string[],
  fiscalYear: number,
  dataDir: string,
  overwrite = false,
): string {
  const dir = join(dataDir, ICD10_SUBDIR);
  const path = join(dir, icd10FileName(fiscalYear));
  if (existsSync(path) && !overwrite) throw new Error(`${path} exists; pass --force to replace it`);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, gzipSync(`${codes.join("\n")}\n`, { level: 9 }));
  renameSync(tmp, path);
  resetIcd10Cache();
  return path;
}

export interface ImportResult {
  path: string;
  format: Icd10ReleaseFormat;
  count: number;
}

/** Reads FILE (gzip or plain), parses it and writes the fiscal year's set. */
export function importIcd10File(file: string, fiscalYear: number, dataDir: string, force = false): ImportResult {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2015 || fiscalYear > 2100) {
    throw new Error(`Not a fiscal year: ${fiscalYear}`); // ICD-10-CM took effect in FY2016
  }
  const named = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(basename(file))?.[1];
  if (named && Number(named) !== fiscalYear && !force) {
    throw new Error(
      `${basename(file)} looks like the ${named} release but --fy is ${fiscalYear}; pass --force if that is right`,
    );
  }
  let bytes = readFileSync(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const { format, codes } = parseIcd10Release(bytes.toString("utf8"));
  const path = writeIcd10CodeSet(codes, fiscalYear, dataDir, force);
  return { path, format, count: codes.length };
}

const USAGE = "usage: node packages/core/src/codes/import-icd10.ts FILE --fy YYYY [--out DIR] [--force]";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** The command line; returns the exit code (0 done, 1 import failed, 2 bad arguments). */
export function main(argv: string[], io: Io = { out: console.log, err: console.error }): number {
  let values: { fy?: string; out?: string; force?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        fy: { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1 || !values.fy || !/^\d{4}$/.test(values.fy)) {
    io.err(USAGE);
    return 2;
  }
  try {
    const r = importIcd10File(file, Number(values.fy), values.out ?? codeSetsDir(), values.force ?? false);
    io.out(`Imported ${r.count} billable ICD-10-CM codes for FY${values.fy} (${r.format} file) into ${r.path}`);
    return 0;
  } catch (e) {
    io.err(`Import failed: ${(e as Error).message}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url, "import-icd10")) process.exitCode = main(process.argv.slice(2));
