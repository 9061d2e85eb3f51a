import { csvCell } from "../../shared/csv.ts";

/** Test helpers: small CSV files built from objects. Not used by the parser itself. */

export const MINIMAL_COLUMNS = [
  "encounter_ref",
  "patient_id",
  "rendering_provider_id",
  "place_of_service",
  "service_date",
  "diagnosis_1",
  "diagnosis_2",
  "procedure_code",
  "charge",
  "diagnosis_pointers",
] as const;

/** A valid row for an existing patient; override cells per test. */
export function minimalRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    encounter_ref: "E1",
    patient_id: "pat_1",
    rendering_provider_id: "prv_1",
    place_of_service: "11",
    service_date: "2025-03-14",
    diagnosis_1: "M5450",
    diagnosis_2: "G8929",
    procedure_code: "99213",
    charge: "100.00",
    diagnosis_pointers: "1",
    ...overrides,
  };
}

/** CSV text with `columns` as header and one line per row (LF unless told). */
export function toCsv(
  rows: Record<string, string>[],
  columns: readonly string[] = MINIMAL_COLUMNS,
  eol = "\n",
): string {
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? "")).join(","))];
  return lines.join(eol) + eol;
}
