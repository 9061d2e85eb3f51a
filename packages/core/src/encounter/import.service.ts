import { encounterInput } from "./encounter.schema.ts";
import { parseEncounterCsv } from "./csv/parse.ts";
import { mapIssuePathToColumn, rowForIssue } from "./csv/issues.ts";
import { intakeRaw, intakeScope, type IntakeResult } from "./intake.service.ts";
import type { Principal } from "../shared/context.ts";
import { invalid } from "../shared/errors.ts";

export interface CsvRowError {
  row: number;
  column?: string;
  message: string;
}

const asFieldErrors = (errors: CsvRowError[]) =>
  errors.map((e) => ({ path: `row ${e.row}${e.column ? ` ${e.column}` : ""}`, message: e.message }));

/**
 * A CSV export, one row per service line. The file is checked whole first (CSV shape, then each
 * encounter's schema) and refused with row-numbered errors before anything is written; then each
 * encounter is taken like a JSON one, duplicates and unknown providers reported with their rows.
 */
export async function importCsv(p: Principal, practiceId: string, text: string) {
  const scope = await intakeScope(p, practiceId);
  const parsed = parseEncounterCsv(text);
  if (parsed.errors.length)
    throw invalid(asFieldErrors(parsed.errors), `The file has ${parsed.errors.length} error(s); nothing was imported`);
  if (parsed.encounters.length === 0) throw invalid([{ path: "row 2", message: "the file has no data rows" }]);
  const schemaErrors: CsvRowError[] = [];
  for (const entry of parsed.encounters) {
    const r = encounterInput.safeParse(entry.encounter);
    if (!r.success) {
      for (const i of r.error.issues) {
        schemaErrors.push({
          row: rowForIssue(entry, i.path),
          column: mapIssuePathToColumn(i.path),
          message: i.message,
        });
      }
    }
  }
  if (schemaErrors.length) {
    schemaErrors.sort((a, b) => a.row - b.row);
    throw invalid(asFieldErrors(schemaErrors), `The file has ${schemaErrors.length} error(s); nothing was imported`);
  }
  const results: (IntakeResult & { rows: number[] })[] = [];
  for (const [i, entry] of parsed.encounters.entries()) {
    results.push({ ...(await intakeRaw(scope, entry.encounter, i, "CSV import")), rows: entry.rows });
  }
  const accepted = results.filter((r) => r.outcome === "accepted").length;
  return { accepted, rejected: results.length - accepted, results };
}
