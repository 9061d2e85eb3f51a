import { isBlankRecord, readCsv } from "../shared/csv-reader.ts";
import { invalid, type FieldError } from "../shared/errors.ts";
import { MAX_CENTS } from "../shared/schema.ts";
import { MAX_SCHEDULE_ENTRIES, entryKey, modifier, procedureCode, type ContractEntry } from "./schedule.schema.ts";

/**
 * The two CSV files an operator loads schedules from, read whole and checked row by row before
 * anything is saved: any error is a 422 naming the row (the file's line) and the column.
 *
 * - A contract schedule: `procedure_code, modifier, allowed` (allowed in dollars, "112.50").
 * - Medicare rates of one locality: `procedure_code, modifier, rate` (and optionally `locality`,
 *   when one file holds several: only the rows of the locality asked for are used). The contract's
 *   allowed amount is then `rate x percent`, rounded half-up to the cent, code by code.
 */

/**
 * Dollars -> integer cents by string arithmetic, never through a float: "125" -> 12500,
 * "125.5" -> 12550, "0.07" -> 7. Signs, currency signs and thousands separators are refused.
 */
export function dollarsToCents(raw: string): { cents: number } | { message: string } {
  const s = raw.trim();
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { message: `must be dollars with up to 2 decimals and no $ or commas, e.g. "112.50"` };
  const cents = Number.parseInt(`${m[1]!}${(m[2] ?? "").padEnd(2, "0")}`.replace(/^0+(?=\d)/, ""), 10);
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return { message: "is too large" };
  return { cents };
}

interface Column {
  name: string;
  required: boolean;
}

/** Reads a CSV with a header row naming its columns (any order), yielding each data row's cells by name. */
function rowsOf(text: string, columns: Column[], errors: FieldError[]) {
  const rows: { line: number; cell: (name: string) => string }[] = [];
  let header: string[] | undefined;
  for (const r of readCsv(text)) {
    if (isBlankRecord(r)) continue;
    if (r.error) {
      errors.push({ path: `row ${r.line}`, message: r.error });
      continue;
    }
    if (!header) {
      header = r.fields.map((f) => f.trim().toLowerCase());
      for (const c of columns)
        if (c.required && !header.includes(c.name))
          errors.push({ path: "header", message: `the ${c.name} column is missing` });
      for (const h of header)
        if (!columns.some((c) => c.name === h))
          errors.push({
            path: "header",
            message: `unknown column ${JSON.stringify(h)}; the columns are ${columns.map((c) => c.name).join(", ")}`,
          });
      if (new Set(header).size !== header.length)
        errors.push({ path: "header", message: "a column appears more than once" });
      if (errors.length) return rows;
      continue;
    }
    const h = header;
    if (r.fields.length > h.length) {
      errors.push({
        path: `row ${r.line}`,
        message: `has ${r.fields.length} cells, the header ${h.length} (a comma inside an amount?)`,
      });
      continue;
    }
    rows.push({ line: r.line, cell: (name) => r.fields[h.indexOf(name)]?.trim() ?? "" });
    if (rows.length > MAX_SCHEDULE_ENTRIES) {
      errors.push({ path: `row ${r.line}`, message: `a schedule holds at most ${MAX_SCHEDULE_ENTRIES} rows` });
      return rows;
    }
  }
  if (!header) errors.push({ path: "header", message: "the file is empty" });
  return rows;
}

/** The code and modifier cells of a row, checked; errors name the row and column. */
function codeOf(line: number, cell: (n: string) => string, errors: FieldError[]) {
  const code = procedureCode.safeParse(cell("procedure_code"));
  if (!code.success) errors.push({ path: `row ${line} procedure_code`, message: code.error.issues[0]!.message });
  const rawMod = cell("modifier");
  const mod = rawMod ? modifier.safeParse(rawMod) : undefined;
  if (mod && !mod.success) errors.push({ path: `row ${line} modifier`, message: mod.error.issues[0]!.message });
  return code.success && (!mod || mod.success) ? { code: code.data, mod: mod?.data } : undefined;
}

function amountOf(line: number, column: string, raw: string, errors: FieldError[]): number | undefined {
  if (!raw) {
    errors.push({ path: `row ${line} ${column}`, message: "is required" });
    return undefined;
  }
  const v = dollarsToCents(raw);
  if ("message" in v) {
    errors.push({ path: `row ${line} ${column}`, message: v.message });
    return undefined;
  }
  if (v.cents === 0) {
    errors.push({ path: `row ${line} ${column}`, message: "must be more than 0.00" });
    return undefined;
  }
  return v.cents;
}

/** rate x bps / 10000, rounded half-up to the cent, in integer arithmetic (exact for any cents amount). */
export const percentOfRate = (rateCents: number, bps: number) => Math.floor((rateCents * bps + 5000) / 10000);

function addEntry(
  out: ContractEntry[],
  seen: Map<string, number>,
  line: number,
  e: ContractEntry,
  errors: FieldError[],
) {
  const k = entryKey(e.procedureCode, e.modifier);
  const first = seen.get(k);
  if (first !== undefined)
    errors.push({ path: `row ${line} procedure_code`, message: `${k} is listed on row ${first} too` });
  else {
    seen.set(k, line);
    out.push(e);
  }
}

function finish(entries: ContractEntry[], errors: FieldError[]): ContractEntry[] {
  if (!errors.length && entries.length === 0) errors.push({ path: "row 2", message: "the file has no rows" });
  // In the file's order: the header first, then row by row.
  const rowOf = (e: FieldError) => (e.path.startsWith("row ") ? Number.parseInt(e.path.slice(4), 10) : 0);
  errors.sort((a, b) => rowOf(a) - rowOf(b));
  if (errors.length) throw invalid(errors.slice(0, 100), "The file has errors; nothing was saved");
  return entries;
}

/** A contract schedule CSV (`procedure_code, modifier, allowed`) as entries; throws 422 naming each bad row and column. */
export function parseContractCsv(text: string): ContractEntry[] {
  const errors: FieldError[] = [];
  const rows = rowsOf(
    text,
    [
      { name: "procedure_code", required: true },
      { name: "modifier", required: false },
      { name: "allowed", required: true },
    ],
    errors,
  );
  const out: ContractEntry[] = [];
  const seen = new Map<string, number>();
  for (const { line, cell } of rows) {
    const code = codeOf(line, cell, errors);
    const allowed = amountOf(line, "allowed", cell("allowed"), errors);
    if (code && allowed !== undefined)
      addEntry(
        out,
        seen,
        line,
        { procedureCode: code.code, ...(code.mod ? { modifier: code.mod } : {}), allowedCents: allowed },
        errors,
      );
  }
  return finish(out, errors);
}

/**
 * Medicare rates (`procedure_code, modifier, rate`, optional `locality`) times the contract's
 * percent: each entry's allowed amount is `rate x percentBps / 10000`, rounded half-up to the cent.
 * A file with a locality column gives only the rows of `locality`.
 */
export function deriveFromMedicareCsv(text: string, percentBps: number, locality: string): ContractEntry[] {
  const errors: FieldError[] = [];
  const rows = rowsOf(
    text,
    [
      { name: "locality", required: false },
      { name: "procedure_code", required: true },
      { name: "modifier", required: false },
      { name: "rate", required: true },
    ],
    errors,
  );
  const out: ContractEntry[] = [];
  const seen = new Map<string, number>();
  let otherLocalities = 0;
  for (const { line, cell } of rows) {
    const loc = cell("locality");
    if (loc && loc.toLowerCase() !== locality.toLowerCase()) {
      otherLocalities++;
      continue;
    }
    const code = codeOf(line, cell, errors);
    const rate = amountOf(line, "rate", cell("rate"), errors);
    if (code && rate !== undefined) {
      const allowedCents = percentOfRate(rate, percentBps);
      if (allowedCents < 1)
        errors.push({ path: `row ${line} rate`, message: "comes to less than a cent at this percent" });
      else
        addEntry(
          out,
          seen,
          line,
          { procedureCode: code.code, ...(code.mod ? { modifier: code.mod } : {}), allowedCents },
          errors,
        );
    }
  }
  if (!errors.length && out.length === 0 && otherLocalities > 0)
    errors.push({ path: "query.locality", message: `no row of the file is of locality ${locality}` });
  return finish(out, errors);
}
