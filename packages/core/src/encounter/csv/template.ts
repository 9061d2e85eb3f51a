import { CSV_COLUMNS, PATIENT_OR_INLINE, type CsvColumn } from "./columns.ts";
import { csvCell } from "../../shared/csv.ts";

/**
 * The downloadable template and the README table, both built from `CSV_COLUMNS`.
 * The template holds one encounter with two lines: an office visit and a drug line.
 */

/** Left blank in both template rows: patient_id (the template sends the patient inline) and optional extras. */
const TEMPLATE_BLANK = new Set([
  "patient_id",
  "service_date_to",
  "accident_state",
  "accident_date",
  "line_service_date",
  "line_service_date_to",
]);

/** The first line: an office visit with a modifier, no drug. */
const FIRST_LINE: Record<string, string> = { ndc: "", ndc_quantity: "", ndc_unit: "" };

/** The second line: an injectable drug with its NDC, pointing at the first diagnosis only. */
const SECOND_LINE: Record<string, string> = {
  procedure_code: "J1030",
  modifier_1: "",
  units: "1",
  charge: "40.5",
  diagnosis_pointers: "1",
};

function row(values: (c: CsvColumn) => string): string {
  return CSV_COLUMNS.map((c) => csvCell(values(c))).join(",");
}

/** Header row plus two example rows (one encounter, two lines), CRLF line ends as RFC 4180 has them. */
export function csvTemplate(): string {
  const base = (c: CsvColumn) => (TEMPLATE_BLANK.has(c.name) ? "" : c.example);
  const lines = [
    CSV_COLUMNS.map((c) => c.name).join(","),
    row((c) => FIRST_LINE[c.name] ?? base(c)),
    row((c) => SECOND_LINE[c.name] ?? base(c)),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

function requiredText(c: CsvColumn): string {
  if (c.required === PATIENT_OR_INLINE)
    return c.name === "patient_id" ? "one of patient_id / inline patient" : "with inline patient";
  if (!c.required) return "no";
  return c.level === "line" || c.name === "encounter_ref" ? "yes (every row)" : "yes (encounter)";
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The rules and the column table for the README. */
export function csvColumnsMarkdown(): string {
  const rules = [
    "- One row per service line; rows with the same `encounter_ref` form one encounter.",
    "- Encounter columns (`yes (encounter)`) are filled on the encounter's first row; later rows leave them blank or repeat them exactly.",
    "- Send either `patient_id` or the inline patient columns (marked `with inline patient`), never both.",
    "- Dates: `YYYY-MM-DD` or `MM/DD/YYYY`. Flags: `Y` or `N`. Money: dollars with up to 2 decimals, no `$` or thousands separators.",
    "- The header must hold only the columns below (any order, case-insensitive); unknown columns are refused.",
  ];
  const table = [
    "| Column | Required | Description | Example |",
    "| --- | --- | --- | --- |",
    ...CSV_COLUMNS.map(
      (c) =>
        `| \`${c.name}\` | ${requiredText(c)} | ${mdCell(c.description)} | ${c.example === "" ? "" : `\`${mdCell(c.example)}\``} |`,
    ),
  ];
  return `${rules.join("\n")}\n\n${table.join("\n")}\n`;
}
