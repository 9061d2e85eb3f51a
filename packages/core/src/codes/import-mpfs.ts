import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { codeSetsDir } from "./codeset-dir.ts";
import { MPFS_SUBDIR, mpfsFileName, parseGpci, parsePprrvu, resetMpfsCache, scaled, type MpfsSet } from "./mpfs.ts";
import { isEntryPoint } from "./entry-point.ts";

/**
 * Operator command: imports a year of the Medicare physician fee schedule from CMS's RVU package
 * (https://www.cms.gov/medicare/payment/fee-schedules/physician/pfs-relative-value-files), the two
 * comma-delimited files as CMS publishes them:
 *
 *   npm run import-mpfs -- --year 2025 --rvu PPRRVU25_JAN.csv --gpci GPCI2025.csv
 *
 * Options: --out DIR (default CLAIMLEDGER_CODESETS_DIR or packages/core/data), --force (replace the
 * year), --conversion-factor 32.3465 (when the RVU file has no single CONV FACTOR column).
 * Writes DIR/mpfs/mpfs-YYYY.json.gz: the RVUs (no CPT descriptions: those are the AMA's) and GPCIs.
 */

function readText(file: string): { text: string; sha256: string } {
  let b = readFileSync(file);
  const sha256 = createHash("sha256").update(b).digest("hex");
  if (b[0] === 0x1f && b[1] === 0x8b) b = gunzipSync(b);
  return { text: b.toString("latin1"), sha256 }; // CMS's CSVs are Windows-1252
}

const firstErrors = (errors: string[]) =>
  `${errors.slice(0, 5).join("; ")}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ""}`;

export interface MpfsImport {
  year: number;
  rvuFile: string;
  gpciFile: string;
  conversionFactor?: string;
  dataDir: string;
  force?: boolean;
}

/** Parses both files whole (any bad row fails the import, nothing written) and writes the year's set. */
export function importMpfs(o: MpfsImport): { path: string; codes: number; localities: number } {
  if (!Number.isInteger(o.year) || o.year < 1992 || o.year > 2100) throw new Error(`Not a year: ${o.year}`);
  const cf = o.conversionFactor === undefined ? undefined : scaled(o.conversionFactor, 4);
  if (o.conversionFactor !== undefined && !cf)
    throw new Error(`--conversion-factor must be dollars with up to 4 decimals, e.g. 32.3465`);
  const rvu = readText(o.rvuFile);
  const gpci = readText(o.gpciFile);
  const r = parsePprrvu(rvu.text, cf);
  if (r.errors.length) throw new Error(`${basename(o.rvuFile)}: ${firstErrors(r.errors)}`);
  const g = parseGpci(gpci.text);
  if (g.errors.length) throw new Error(`${basename(o.gpciFile)}: ${firstErrors(g.errors)}`);
  if (!Object.keys(r.rvus).length) throw new Error(`${basename(o.rvuFile)} lists no codes`);
  if (!Object.keys(g.localities).length) throw new Error(`${basename(o.gpciFile)} lists no localities`);
  const set: MpfsSet = {
    year: o.year,
    sources: [
      { file: basename(o.rvuFile), sha256: rvu.sha256 },
      { file: basename(o.gpciFile), sha256: gpci.sha256 },
    ],
    rvus: r.rvus,
    localities: g.localities,
  };
  const dir = join(o.dataDir, MPFS_SUBDIR);
  const path = join(dir, mpfsFileName(o.year));
  if (existsSync(path) && !o.force) throw new Error(`${path} exists; pass --force to replace it`);
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, gzipSync(JSON.stringify(set), { level: 9 }));
  renameSync(tmp, path);
  resetMpfsCache();
  return { path, codes: Object.keys(r.rvus).length, localities: Object.keys(g.localities).length };
}

const USAGE =
  "usage: npm run import-mpfs -- --year YYYY --rvu PPRRVUyy_*.csv --gpci GPCIyyyy.csv [--conversion-factor D.DDDD] [--out DIR] [--force]";

/** The command line; returns the exit code (0 done, 1 import failed, 2 bad arguments). */
export function main(argv: string[], io = { out: console.log, err: console.error }): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        year: { type: "string" },
        rvu: { type: "string" },
        gpci: { type: "string" },
        "conversion-factor": { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
      },
    }));
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { year, rvu, gpci } = values;
  if (typeof year !== "string" || !/^\d{4}$/.test(year) || typeof rvu !== "string" || typeof gpci !== "string") {
    io.err(USAGE);
    return 2;
  }
  try {
    const r = importMpfs({
      year: Number(year),
      rvuFile: rvu,
      gpciFile: gpci,
      conversionFactor: values["conversion-factor"] as string | undefined,
      dataDir: (values.out as string | undefined) ?? codeSetsDir(),
      force: values.force === true,
    });
    io.out(`Imported the ${year} MPFS: ${r.codes} codes and modifiers, ${r.localities} localities, into ${r.path}`);
    return 0;
  } catch (e) {
    io.err(`Import failed: ${(e as Error).message}`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url, "import-mpfs")) process.exitCode = main(process.argv.slice(2));
