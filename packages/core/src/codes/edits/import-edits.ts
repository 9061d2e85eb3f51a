import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { codeSetsDir } from "../codeset-dir.ts";
import { AocTable, parseAocFile } from "./aoc.ts";
import { DxEditTable, parseDxEditFile } from "./agesex.ts";
import { resetCodingEdits } from "./coding-edits.ts";
import { CodeListTable, parseHcpcsFile } from "./hcpcs.ts";
import { writeHcpcsDescriptions } from "./hcpcs-descriptions.ts";
import { MueTable, parseMueFile } from "./mue.ts";
import { PtpTable, parsePtpFile } from "./ptp.ts";
import { writeSet } from "./store.ts";
import type { EditSetInfo } from "./types.ts";
import { isEntryPoint } from "../entry-point.ts";

/**
 * Operator command: imports CMS's quarterly edit files, in the formats CMS publishes, into the
 * code-set directory (see store.ts), following the ICD-10-CM importer's pattern.
 *
 *   npm run import-edits -- ptp ccipra-v320r0-f1.TXT … f4.TXT --quarter 2026Q1
 *   npm run import-edits -- mue MCR_MUE_PractitionerServices_Eff_01-01-2026.csv [--effective 2026-01-01]
 *   npm run import-edits -- aoc AOC_V2026Q1-MCR.txt --quarter 2026Q1
 *   npm run import-edits -- hcpcs HCPC2026_JAN_ANWEB.txt --year 2026
 *   npm run import-edits -- cpt licensed-cpt-2026.txt --year 2026     (a licensed list; never ship it)
 *   npm run import-edits -- agesex MCE_Simple_Code_Edits_v43.txt --version v43 --effective 2025-10-01
 *
 * Options: --out DIR (default CLAIMLEDGER_CODESETS_DIR or packages/core/data), --force (replace a
 * release), --partial (an excerpt or starter set), --source TEXT (where the file came from).
 */

export type EditKind = "ptp" | "mue" | "aoc" | "hcpcs" | "cpt" | "agesex";

export interface ImportOptions {
  quarter?: string;
  effective?: string;
  year?: string;
  version?: string;
  partial?: boolean;
  source?: string;
  force?: boolean;
}

function readText(file: string): string {
  let b = readFileSync(file);
  if (b[0] === 0x1f && b[1] === 0x8b) b = gunzipSync(b);
  return b.toString("latin1"); // CMS publishes these files Latin-1 / Windows-1252
}

const quarterStart = (q: string) => {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) throw new Error(`Not a quarter (YYYYQn): ${q}`);
  return `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, "0")}-01`;
};

/** "…_Eff_01-01-2026.csv" -> 2026-01-01. */
const effectiveFromName = (f: string) => {
  const m = /Eff_(\d{2})-(\d{2})-(\d{4})/i.exec(basename(f));
  return m ? `${m[3]}-${m[1]}-${m[2]}` : undefined;
};

const LABEL: Record<EditKind, string> = {
  ptp: "CMS NCCI PTP practitioner",
  mue: "CMS NCCI MUE practitioner",
  aoc: "CMS NCCI add-on code edits",
  hcpcs: "CMS HCPCS Level II",
  cpt: "CPT (licensed list)",
  agesex: "CMS MCE age/sex diagnosis edits",
};

export function importEditFiles(kind: EditKind, files: string[], o: ImportOptions, dataDir: string) {
  if (files.length === 0) throw new Error("Name the file(s) to import");
  if (kind !== "ptp" && files.length > 1) throw new Error(`${kind} takes one file`);
  const source = o.source ?? files.map((f) => basename(f)).join(", ");
  const base = { partial: o.partial ?? false, source };
  const info = (version: string, entries: number, effective?: string): EditSetInfo => ({
    kind,
    label: `${LABEL[kind]} ${version}${o.partial ? " (partial)" : ""}`,
    version,
    ...(effective ? { effective } : {}),
    entries,
    ...base,
  });
  let i: EditSetInfo;
  let data: Buffer | string;
  if (kind === "ptp") {
    if (!o.quarter) throw new Error("ptp needs --quarter YYYYQn");
    const table = PtpTable.fromRows(files.flatMap((f) => parsePtpFile(readText(f))));
    [i, data] = [info(o.quarter, table.size, quarterStart(o.quarter)), table.toBuffer()];
  } else if (kind === "mue") {
    const effective = o.effective ?? (o.quarter ? quarterStart(o.quarter) : effectiveFromName(files[0]!));
    if (!effective) throw new Error("mue needs --effective YYYY-MM-DD (or a file name with Eff_MM-DD-YYYY)");
    const table = new MueTable(parseMueFile(readText(files[0]!)), effective);
    [i, data] = [info(effective, table.size, effective), table.toText()];
  } else if (kind === "aoc") {
    if (!o.quarter) throw new Error("aoc needs --quarter YYYYQn");
    const table = new AocTable(parseAocFile(readText(files[0]!)));
    [i, data] = [info(o.quarter, table.size, quarterStart(o.quarter)), table.toText()];
  } else if (kind === "hcpcs" || kind === "cpt") {
    if (!o.year || !/^\d{4}$/.test(o.year)) throw new Error(`${kind} needs --year YYYY`);
    const { rows } = parseHcpcsFile(readText(files[0]!));
    const table = new CodeListTable(rows, Number(o.year));
    [i, data] = [info(o.year, table.size), table.toText()];
    // CMS's short descriptions (public domain), which patient statements print for HCPCS codes.
    if (kind === "hcpcs") writeHcpcsDescriptions(dataDir, o.year, rows, o.force ?? false);
  } else {
    if (!o.version) throw new Error("agesex needs --version (the MCE version, e.g. v37)");
    const table = new DxEditTable(parseDxEditFile(readText(files[0]!)));
    [i, data] = [info(o.version, table.size, o.effective), table.toText()];
  }
  const path = writeSet(dataDir, i, data, o.force ?? false);
  resetCodingEdits();
  return { path, info: i };
}

const USAGE =
  "usage: import-edits ptp|mue|aoc|hcpcs|cpt|agesex FILE... [--quarter YYYYQn] [--effective YYYY-MM-DD] [--year YYYY] [--version V] [--partial] [--source TEXT] [--out DIR] [--force]";

export function main(argv: string[], io = { out: console.log, err: console.error }): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        quarter: { type: "string" },
        effective: { type: "string" },
        year: { type: "string" },
        version: { type: "string" },
        source: { type: "string" },
        out: { type: "string" },
        partial: { type: "boolean" },
        force: { type: "boolean" },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [kind, ...files] = parsed.positionals;
  if (!kind || !["ptp", "mue", "aoc", "hcpcs", "cpt", "agesex"].includes(kind)) {
    io.err(USAGE);
    return 2;
  }
  try {
    const { out, ...o } = parsed.values;
    const r = importEditFiles(kind as EditKind, files, o, out ?? codeSetsDir());
    io.out(`Imported ${r.info.entries} entries: ${r.info.label} into ${r.path}`);
    return 0;
  } catch (e) {
    io.err(`Import failed: ${(e as Error).message}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url, "import-edits")) process.exitCode = main(process.argv.slice(2));
