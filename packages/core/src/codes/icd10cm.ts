import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { codeSetsDir } from "./codeset-dir.ts";

/**
 * ICD-10-CM diagnosis codes by fiscal year. A fiscal year runs 1 October – 30 September and is
 * named by the year it ends in (FY2026 = 2025-10-01..2026-09-30); the code set changes every
 * 1 October. Each year's billable (leaf) codes live in
 * <code-set dir>/icd10cm/icd10cm-billable-fy<YYYY>.txt.gz, one dotted code a line; the files
 * are found by name, loaded on first use and cached for the life of the process.
 */

export type Icd10Lookup =
  | { status: "billable" }
  /** The code is a category/subcategory header in that year's set: billable codes lie beneath it. */
  | { status: "not_billable"; hint: string }
  /** Malformed, or not in that year's set at all. */
  | { status: "unknown" }
  /** No code set is installed for the fiscal year of the date of service. */
  | { status: "no_code_set"; fiscalYear: number };

/** The folder, under the code-set directory, that holds the ICD-10-CM files. */
export const ICD10_SUBDIR = "icd10cm";

const FILE_RE = /^icd10cm-billable-fy(\d{4})\.txt\.gz$/;

/** The file name that holds fiscal year `fy`'s billable codes. */
export function icd10FileName(fiscalYear: number): string {
  return `icd10cm-billable-fy${fiscalYear}.txt.gz`;
}

// Category: a letter then two letters/digits (FY2026 added QA0, a letter in the second place);
// then up to four more characters after the dot.
const CODE_RE = /^([A-Z][A-Z0-9]{2})(?:\.?([A-Z0-9]{1,4}))?$/;

/**
 * Normalises an ICD-10-CM code to its dotted upper-case form ("e1165" → "E11.65",
 * "I10" → "I10"), or undefined when it is not ICD-10-CM shaped (a dot elsewhere than after
 * the third character, a trailing dot, wrong length or characters).
 */
export function normalizeIcd10(code: string): string | undefined {
  const m = CODE_RE.exec(code.trim().toUpperCase());
  if (!m) return undefined;
  return m[2] ? `${m[1]}.${m[2]}` : m[1];
}

/** Whether `code` has the shape of an ICD-10-CM code (with or without the dot). */
export function isIcd10Shape(code: string): boolean {
  return normalizeIcd10(code) !== undefined;
}

/**
 * The ICD-10-CM fiscal year of a date of service "YYYY-MM-DD": October onwards belongs to the
 * next year's set. Throws a RangeError for anything that is not a real calendar date.
 */
export function fiscalYearOf(dateOfService: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfService);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (!m || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new RangeError(`Not a date of service (YYYY-MM-DD): ${JSON.stringify(dateOfService)}`);
  }
  return mo >= 10 ? y + 1 : y;
}

interface CodeSet {
  /** Normalised billable codes. */
  codes: Set<string>;
  /** Every proper prefix (category/subcategory) of a billable code, normalised: E11, E11.6, … */
  prefixes: Set<string>;
  /** The billable codes sorted, to name a header's children. */
  sorted: string[];
}

const listings = new Map<string, number[]>();
const sets = new Map<string, CodeSet>();

function icd10Dir(): string {
  return join(codeSetsDir(), ICD10_SUBDIR);
}

/** Fiscal years for which a code-set file is installed, ascending (found by file name). */
export function loadedFiscalYears(): number[] {
  return [...yearsIn(icd10Dir())];
}

function yearsIn(dir: string): readonly number[] {
  let years = listings.get(dir);
  if (!years) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      names = []; // no icd10cm folder: no sets; lookups answer "no_code_set"
    }
    years = names
      .map((n) => FILE_RE.exec(n)?.[1])
      .filter((y): y is string => y !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    listings.set(dir, years);
  }
  return years;
}

/** Forgets cached listings and sets, so files written since (by the importer) are seen. */
export function resetIcd10Cache(): void {
  listings.clear();
  sets.clear();
}

/** Builds the in-memory set from a file's text: one code a line, blank lines ignored. */
function buildCodeSet(text: string, source: string): CodeSet {
  const codes = new Set<string>();
  const prefixes = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    const code = normalizeIcd10(raw);
    if (!code) throw new Error(`${source} line ${i + 1}: not an ICD-10-CM code: ${JSON.stringify(raw)}`);
    codes.add(code);
    for (const p of properPrefixes(code)) prefixes.add(p);
  }
  return { codes, prefixes, sorted: [...codes].sort() };
}

/** "S72.001A" → S72, S72.0, S72.00, S72.001 (each dotted as a code would be). */
export function properPrefixes(code: string): string[] {
  const flat = code.replace(".", "");
  const out: string[] = [];
  for (let len = 3; len < flat.length; len++)
    out.push(len === 3 ? flat.slice(0, 3) : `${flat.slice(0, 3)}.${flat.slice(3, len)}`);
  return out;
}

function codeSetFor(fiscalYear: number): CodeSet | undefined {
  const dir = icd10Dir();
  if (!yearsIn(dir).includes(fiscalYear)) return undefined;
  const path = join(dir, icd10FileName(fiscalYear));
  let set = sets.get(path);
  if (!set) {
    set = buildCodeSet(gunzipSync(readFileSync(path)).toString("utf8"), path);
    sets.set(path, set);
  }
  return set;
}

/** The first `limit` billable codes beneath a header, and how many there are in all. */
function childrenOf(set: CodeSet, header: string, limit: number): { first: string[]; total: number } {
  const { sorted } = set;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < header) lo = mid + 1;
    else hi = mid;
  }
  const first: string[] = [];
  let total = 0;
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(header); i++) {
    if (first.length < limit) first.push(sorted[i]!);
    total++;
  }
  return { first, total };
}

/**
 * Looks a diagnosis code up in the set of the fiscal year of `dateOfService`. Codes are accepted
 * with or without the dot, in any case. A malformed code is "unknown" whatever the year.
 */
export function lookupIcd10(code: string, dateOfService: string): Icd10Lookup {
  const fiscalYear = fiscalYearOf(dateOfService);
  const normalised = normalizeIcd10(code);
  if (!normalised) return { status: "unknown" };
  const set = codeSetFor(fiscalYear);
  if (!set) return { status: "no_code_set", fiscalYear };
  if (set.codes.has(normalised)) return { status: "billable" };
  if (set.prefixes.has(normalised)) {
    const { first, total } = childrenOf(set, normalised, 3);
    const more = total > first.length ? ", …" : "";
    return {
      status: "not_billable",
      hint: `${normalised} is a category, not a billable code, in FY${fiscalYear}; use one of its ${total} billable codes (${first.join(", ")}${more})`,
    };
  }
  return { status: "unknown" };
}
