import { COLUMN_BY_NAME, CSV_COLUMNS, INLINE_PATIENT_COLUMNS, type CsvColumn } from "./columns.ts";
import { isBlankRecord, readCsv, type CsvRecord } from "../../shared/csv-reader.ts";
import { readCell } from "./values.ts";
import { checkGroup, type CsvError, type DataRow } from "./group.ts";
import { buildEncounter } from "./build.ts";

export { mapIssuePathToColumn, rowForIssue } from "./issues.ts";
export type { CsvError } from "./group.ts";

export interface CsvEncounterEntry {
  /** The file row of each line, in line order: `rows[i]` is where `lines[i]` came from; `rows[0]` also holds the encounter fields. */
  rows: number[];
  /** Shaped like `encounterInput` but NOT yet validated by zod. */
  encounter: unknown;
}

export interface ParsedEncounterCsv {
  encounters: CsvEncounterEntry[];
  /** Sorted by row. An encounter with any error on any of its rows is left out of `encounters`. */
  errors: CsvError[];
}

export interface ParseEncounterCsvOptions {
  /** Data rows allowed (blank lines not counted); default 5000. */
  maxRows?: number;
}

export const DEFAULT_MAX_ROWS = 5000;

/**
 * Reads an encounter import file: one row per service line, rows sharing `encounter_ref` make one
 * encounter. Pure: no I/O, no lookups; zod validation and id checks are the caller's business.
 * Row numbers are the file line on which a row starts (header = 1), so a quoted cell spanning
 * lines pushes later rows down the way a text editor shows them.
 */
export function parseEncounterCsv(text: string, opts: ParseEncounterCsvOptions = {}): ParsedEncounterCsv {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const records = readCsv(text);
  const head = records.next();
  if (head.done) return fail({ row: 1, message: "the file is empty; expected a header row" });

  const header = readHeader(head.value);
  if ("errors" in header) return { encounters: [], errors: header.errors };
  const columns = header.columns;
  const refIndex = columns.findIndex((c) => c.name === "encounter_ref");

  const errors: CsvError[] = [];
  const failedRows = new Set<number>();
  const poisonedRefs = new Set<string>();
  const groups = new Map<string, DataRow[]>();
  let count = 0;

  for (const rec of records) {
    if (!rec.error && isBlankRecord(rec)) continue;
    if (++count > maxRows)
      return fail({
        row: rec.line,
        message: `too many rows: a file may hold at most ${maxRows} data rows; split it into smaller files`,
      });

    if (rec.error || rec.fields.length !== columns.length) {
      const message = rec.error ?? `has ${rec.fields.length} fields but the header has ${columns.length}`;
      errors.push({ row: rec.line, message });
      failedRows.add(rec.line);
      // Best effort: keep the encounter this row seems to belong to from going through without it.
      const ref = rec.fields[refIndex]?.trim();
      if (ref) poisonedRefs.add(ref);
      continue;
    }

    const row = readRow(rec, columns, errors);
    if (row.bad.size > 0) failedRows.add(row.row);
    const ref = row.values.get("encounter_ref");
    if (typeof ref !== "string") {
      failedRows.add(row.row);
      continue;
    }
    const group = groups.get(ref);
    if (group) group.push(row);
    else groups.set(ref, [row]);
  }

  if (count === 0) errors.push({ row: 2, message: "the file has a header but no data rows" });

  const encounters: CsvEncounterEntry[] = [];
  for (const [ref, rows] of groups) {
    const groupErrors = checkGroup(rows);
    errors.push(...groupErrors);
    if (groupErrors.length > 0 || poisonedRefs.has(ref) || rows.some((r) => failedRows.has(r.row))) continue;
    encounters.push({ rows: rows.map((r) => r.row), encounter: buildEncounter(rows) });
  }

  errors.sort((a, b) => a.row - b.row);
  return { encounters, errors };
}

function fail(e: CsvError): ParsedEncounterCsv {
  return { encounters: [], errors: [e] };
}

/** Header names are matched trimmed and case-insensitively; unknown, duplicate and missing columns are errors. */
function readHeader(rec: CsvRecord): { columns: CsvColumn[] } | { errors: CsvError[] } {
  if (rec.error) return { errors: [{ row: rec.line, message: `header row: ${rec.error}` }] };
  const names = rec.fields.map((f) => f.trim().toLowerCase());
  const errors: CsvError[] = [];

  const unknown = names
    .map((n, i) => (n === "" ? `(blank, column ${i + 1})` : n))
    .filter((n) => !COLUMN_BY_NAME.has(n));
  if (unknown.length > 0) {
    errors.push({
      row: 1,
      ...(unknown.length === 1 ? { column: unknown[0] } : {}),
      message: `unknown column${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}. Use the documented column names (see the template); remove columns that are not listed.`,
    });
  }
  const duplicates = [...new Set(names.filter((n, i) => n !== "" && names.indexOf(n) !== i))];
  for (const d of duplicates)
    errors.push({ row: 1, column: d, message: "column appears more than once in the header" });

  const present = new Set(names);
  for (const c of CSV_COLUMNS) {
    if (c.required === true && !present.has(c.name))
      errors.push({ row: 1, column: c.name, message: "required column is missing from the header" });
  }
  if (!present.has("patient_id")) {
    for (const c of INLINE_PATIENT_COLUMNS) {
      if (c.required !== false && !present.has(c.name)) {
        errors.push({
          row: 1,
          column: c.name,
          message:
            "column is missing from the header: without a patient_id column, the inline patient columns are required",
        });
      }
    }
  }

  if (errors.length > 0) return { errors };
  return { columns: names.map((n) => COLUMN_BY_NAME.get(n)).filter((c) => c !== undefined) };
}

/** Reads the cells of one well-formed row; cell errors are pushed onto `errors`. */
function readRow(rec: CsvRecord, columns: readonly CsvColumn[], errors: CsvError[]): DataRow {
  const row: DataRow = { row: rec.line, values: new Map(), raw: new Map(), bad: new Set() };
  columns.forEach((col, i) => {
    const raw = (rec.fields[i] ?? "").trim();
    if (raw === "") {
      if (col.level === "line" && col.required === true) {
        errors.push({ row: rec.line, column: col.name, message: "is required on every row" });
        row.bad.add(col.name);
      }
      return;
    }
    row.raw.set(col.name, raw);
    const read = readCell(col, raw);
    if (read.ok) row.values.set(col.name, read.value);
    else {
      errors.push({ row: rec.line, column: col.name, message: read.message });
      row.bad.add(col.name);
    }
  });
  if (!row.values.has("encounter_ref") && !row.bad.has("encounter_ref")) {
    errors.push({
      row: rec.line,
      column: "encounter_ref",
      message: "is required on every row (it groups the rows of an encounter)",
    });
  }
  return row;
}
