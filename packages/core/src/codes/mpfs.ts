import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { isBlankRecord, readCsv, type CsvRecord } from "../shared/csv-reader.ts";
import { codeSetsDir } from "./codeset-dir.ts";

/**
 * The Medicare physician fee schedule (MPFS) from CMS's own files, as CMS publishes them in each
 * year's RVU package (RVUyyA.zip): PPRRVUyy_*.csv (relative value units per code and modifier) and
 * GPCIyyyy.csv (geographic practice cost indices per MAC and locality). The operator imports them
 * with `npm run import-mpfs`; nothing here ships CMS figures.
 *
 * The payment formula and the status codes are CMS's (RVU26A file documentation, "The formula for
 * 2026 physician fee schedule payment amount"):
 *   non-facility = [(work RVU x work GPCI) + (non-facility PE RVU x PE GPCI) + (MP RVU x MP GPCI)] x CF
 *   facility     = the same with the facility PE RVU
 * and "only RVUs associated with status codes of A, R, or T are used for Medicare payment". An "NA"
 * in a setting's NA indicator means CMS prices the code rarely or never in that setting.
 *
 * Every figure is kept as an integer: RVUs in hundredths, GPCIs in thousandths and the conversion
 * factor in ten-thousandths of a dollar (the precision CMS publishes them at), so a fee is one
 * integer product rounded once, half up, to the cent.
 */

/** One code's (and modifier's) RVUs: status, work, PE non-facility, PE facility, MP (hundredths), NA flags, CF. */
export type RvuRow = [
  status: string,
  work: number,
  peNonFacility: number,
  peFacility: number,
  mp: number,
  naNonFacility: 0 | 1,
  naFacility: 0 | 1,
  conversionFactor: number,
];

export interface MpfsLocality {
  /** MAC number, five digits ("04412"). */
  mac: string;
  /** Locality number, two digits ("31"). */
  locality: string;
  state: string;
  name: string;
  /** GPCIs in thousandths (1.046 -> 1046). */
  work: number;
  pe: number;
  mp: number;
}

export interface MpfsSet {
  year: number;
  /** Where the figures came from: the files' names and SHA-256, as imported. */
  sources: { file: string; sha256: string }[];
  /** `99213` or `71046-26` -> its RVUs. */
  rvus: Record<string, RvuRow>;
  /** `04412-31` -> the locality's GPCIs. */
  localities: Record<string, MpfsLocality>;
}

export type Setting = "non_facility" | "facility";
export const PAYABLE_STATUS = new Set(["A", "R", "T"]);

/** "1.35" -> 135 at 2 places; "0.869" -> 869 at 3; "32.3465" -> 323465 at 4. Undefined for anything else. */
export function scaled(raw: string, places: number): number | undefined {
  const m = /^(\d*)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  const frac = m[2] ?? "";
  if (frac.length > places && /[1-9]/.test(frac.slice(places))) return undefined;
  return Number.parseInt(`${m[1] || "0"}${frac.slice(0, places).padEnd(places, "0")}`, 10);
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toUpperCase();
const CTRL_Z = String.fromCharCode(0x1a);
/** No data: empty cells, or a DOS end-of-file mark (Ctrl-Z) with empty cells, as some of CMS's CSVs end. */
const blank = (r: CsvRecord) => isBlankRecord(r) || r.fields.every((f) => !f.replaceAll(CTRL_Z, "").trim());

/**
 * PPRRVU CSV: a few title lines, then a header spread over several rows (the last begins with
 * HCPCS). Each column is named by its header cells joined top to bottom ("WORK" + "RVU" -> "WORK
 * RVU"), so a column moved in a later year is still found by name.
 */
export function parsePprrvu(
  text: string,
  conversionFactorOverride?: number,
): { rvus: Record<string, RvuRow>; errors: string[] } {
  const records = [...readCsv(text)];
  const headerAt = records.findIndex((r) => norm(r.fields[0] ?? "") === "HCPCS");
  if (headerAt < 0) return { rvus: {}, errors: ["no header row beginning with HCPCS: is this a PPRRVU file?"] };
  const width = records[headerAt]!.fields.length;
  const names = Array.from({ length: width }, (_, i) =>
    norm(
      records
        .slice(Math.max(0, headerAt - 4), headerAt + 1)
        .map((r) => r.fields[i] ?? "")
        .join(" "),
    ),
  );
  const col = (want: string) => names.findIndex((n) => n.endsWith(want));
  const at = {
    mod: col("MOD"),
    status: col("STATUS CODE"),
    work: col("WORK RVU"),
    peNf: col("NON-FAC PE RVU"),
    naNf: col("NON-FAC NA INDICATOR"),
    peF: names.findIndex((n) => n.endsWith("FACILITY PE RVU") && !n.includes("NON-FAC")),
    naF: names.findIndex((n) => n.endsWith("FACILITY NA INDICATOR") && !n.includes("NON-FAC")),
    mp: names.findIndex((n) => n.endsWith("MP RVU") && !n.includes("OPPS")),
    cf: col("CONV FACTOR"),
  };
  const errors: string[] = [];
  for (const [k, i] of Object.entries(at))
    if (i < 0 && !(k === "cf" && conversionFactorOverride)) errors.push(`the ${k} column was not found in the header`);
  if (errors.length) return { rvus: {}, errors };
  const rvus: Record<string, RvuRow> = {};
  for (const r of records.slice(headerAt + 1)) {
    if (blank(r)) continue;
    const f = (i: number) => (r.fields[i] ?? "").trim();
    // A spreadsheet that saw 00100 as a number wrote 100: numeric codes are five digits, zero-padded.
    const code = /^\d{1,4}$/.test(f(0)) ? f(0).padStart(5, "0") : f(0).toUpperCase();
    if (!/^[A-Z0-9]{5}$/.test(code)) {
      errors.push(`line ${r.line}: ${JSON.stringify(code)} is not a five-character HCPCS code`);
      continue;
    }
    const nums = [f(at.work), f(at.peNf), f(at.peF), f(at.mp)].map((v) => scaled(v || "0", 2));
    const cf = conversionFactorOverride ?? scaled(f(at.cf), 4);
    if (nums.some((n) => n === undefined) || cf === undefined) {
      errors.push(`line ${r.line}: an RVU or the conversion factor is not a number`);
      continue;
    }
    const mod = f(at.mod).toUpperCase();
    const [w, pn, pf, mp] = nums as number[];
    rvus[mod ? `${code}-${mod}` : code] = [
      f(at.status).toUpperCase(),
      w!,
      pn!,
      pf!,
      mp!,
      norm(f(at.naNf)) === "NA" ? 1 : 0,
      norm(f(at.naF)) === "NA" ? 1 : 0,
      cf,
    ];
  }
  return { rvus, errors };
}

/** GPCI CSV: a title line, then a header with MAC, State, Locality Number, Locality Name and the three GPCIs. */
export function parseGpci(text: string): { localities: Record<string, MpfsLocality>; errors: string[] } {
  const records = [...readCsv(text)];
  const headerAt = records.findIndex((r) => norm(r.fields[0] ?? "").startsWith("MEDICARE ADMINISTRATIVE CONTRACTOR"));
  if (headerAt < 0)
    return {
      localities: {},
      errors: ["no header row beginning with Medicare Administrative Contractor: is this a GPCI file?"],
    };
  const names = records[headerAt]!.fields.map(norm);
  const find = (test: (n: string) => boolean) => names.findIndex(test);
  const at = {
    state: find((n) => n === "STATE"),
    locality: find((n) => n.startsWith("LOCALITY NUMBER")),
    name: find((n) => n.startsWith("LOCALITY NAME")),
    work: find((n) => n.includes("PW GPCI")),
    pe: find((n) => n.includes("PE GPCI")),
    mp: find((n) => n.includes("MP GPCI")),
  };
  const errors: string[] = [];
  for (const [k, i] of Object.entries(at)) if (i < 0) errors.push(`the ${k} column was not found in the header`);
  if (errors.length) return { localities: {}, errors };
  const localities: Record<string, MpfsLocality> = {};
  for (const r of records.slice(headerAt + 1)) {
    const f = (i: number) => (r.fields[i] ?? "").trim();
    // Footnotes ("MAC Assignments as of …", "*Work GPCI reflects …") follow the data: rows without a numeric MAC.
    if (blank(r) || !/^\d{1,5}$/.test(f(0))) continue;
    const g = [f(at.work), f(at.pe), f(at.mp)].map((v) => scaled(v, 3));
    if (!/^\d{1,2}$/.test(f(at.locality)) || g.some((v) => v === undefined)) {
      errors.push(`line ${r.line}: the locality number or a GPCI is not a number`);
      continue;
    }
    const mac = f(0).padStart(5, "0");
    const locality = f(at.locality).padStart(2, "0");
    localities[`${mac}-${locality}`] = {
      mac,
      locality,
      state: f(at.state).toUpperCase(),
      name: f(at.name),
      work: g[0]!,
      pe: g[1]!,
      mp: g[2]!,
    };
  }
  return { localities, errors };
}

export type FeeResult =
  | { cents: number; row: RvuRow; locality: MpfsLocality }
  | { skipped: "not_in_file" | "not_payable" | "not_priced_in_setting" | "no_rvus"; status?: string };

/**
 * CMS's fee for one code (and modifier) in one locality and setting, in cents:
 * round_half_up([(W x Wg) + (PE x PEg) + (MP x MPg)] x CF). RVUs (1/100) x GPCIs (1/1000) x CF
 * (1/10000) is an integer in units of 1e-9 dollars = 1e-7 cents, exact in a double for any real fee.
 */
export function medicareFee(
  set: MpfsSet,
  localityKey: string,
  code: string,
  modifier: string | undefined,
  setting: Setting,
): FeeResult {
  const loc = set.localities[localityKey];
  if (!loc) throw new Error(`locality ${localityKey} is not in the ${set.year} GPCI file`);
  const row = set.rvus[modifier ? `${code}-${modifier}` : code];
  if (!row) return { skipped: "not_in_file" };
  const [status, w, peNf, peF, mp, naNf, naF, cf] = row;
  if (!PAYABLE_STATUS.has(status)) return { skipped: "not_payable", status };
  if ((setting === "non_facility" ? naNf : naF) === 1) return { skipped: "not_priced_in_setting", status };
  const pe = setting === "non_facility" ? peNf : peF;
  const units = w * loc.work + pe * loc.pe + mp * loc.mp; // GPCI-adjusted RVUs in 1e-5
  if (units === 0) return { skipped: "no_rvus", status };
  const tenMillionthsOfCent = units * cf; // 1e-5 RVU x 1e-4 dollars = 1e-7 cents
  return { cents: Math.floor((tenMillionthsOfCent + 5_000_000) / 10_000_000), row, locality: loc };
}

export const MPFS_SUBDIR = "mpfs";
export const mpfsFileName = (year: number) => `mpfs-${year}.json.gz`;

const cache = new Map<string, MpfsSet | null>();

/** The imported set for a year, or undefined when the operator has not imported it. Cached per path. */
export function loadMpfs(year: number): MpfsSet | undefined {
  const path = join(codeSetsDir(), MPFS_SUBDIR, mpfsFileName(year));
  if (!cache.has(path))
    cache.set(path, existsSync(path) ? (JSON.parse(gunzipSync(readFileSync(path)).toString("utf8")) as MpfsSet) : null);
  return cache.get(path) ?? undefined;
}

/** Forget loaded sets (after an import, in tests). */
export function resetMpfsCache(): void {
  cache.clear();
}
