import { CSV_COLUMNS, DIAGNOSIS_COLUMNS, INLINE_PATIENT_COLUMNS, PATIENT_OR_INLINE } from "./columns.ts";
import { quote, sameValue, type CellValue } from "./values.ts";

/** One data row after its cells were read. */
export interface DataRow {
  /** 1-based line of the file on which the row starts. */
  row: number;
  /** The non-blank cells that could be read, by column name. */
  values: Map<string, CellValue>;
  /** The raw (trimmed) text of the non-blank cells, for messages. */
  raw: Map<string, string>;
  /** Columns whose cell could not be read (already reported). */
  bad: Set<string>;
}

export interface CsvError {
  row: number;
  column?: string;
  message: string;
}

const ENCOUNTER_COLUMNS = CSV_COLUMNS.filter(
  (c) => c.level === "encounter" && c.target.length > 0 && c.target[0] !== "diagnoses",
);

/**
 * The checks that need a whole encounter (all rows sharing an encounter_ref): the first row
 * carries the encounter's fields; later rows leave them blank or repeat them exactly.
 */
export function checkGroup(rows: readonly DataRow[]): CsvError[] {
  const [first, ...later] = rows;
  if (!first) return [];
  const errors: CsvError[] = [];
  const err = (row: number, column: string, message: string) => errors.push({ row, column, message });
  const given = (r: DataRow, c: string) => r.values.has(c) || r.bad.has(c);

  // Required encounter fields, on the first row.
  for (const c of CSV_COLUMNS) {
    if (c.level === "encounter" && c.required === true && !given(first, c.name)) {
      err(first.row, c.name, "is required on the first row of an encounter");
    }
  }

  // Patient: an existing patient id, or the inline patient and its coverage; not both.
  if (given(first, "patient_id")) {
    for (const c of INLINE_PATIENT_COLUMNS) {
      if (given(first, c.name))
        err(
          first.row,
          c.name,
          "must be blank when patient_id is given (the patient's record and coverage on file are used)",
        );
    }
  } else {
    for (const c of INLINE_PATIENT_COLUMNS) {
      if (c.required === PATIENT_OR_INLINE && !given(first, c.name))
        err(first.row, c.name, "is required when patient_id is blank (inline patient)");
    }
  }

  // Referring provider: all three columns or none.
  const referring = ["referring_first_name", "referring_last_name", "referring_npi"];
  if (referring.some((c) => given(first, c))) {
    for (const c of referring)
      if (!given(first, c))
        err(first.row, c, "is required when another referring_* column is filled (fill all three or none)");
  }

  // Diagnoses: filled in order, without gaps.
  const lastFilled = DIAGNOSIS_COLUMNS.findLastIndex((c) => given(first, c));
  DIAGNOSIS_COLUMNS.slice(0, Math.max(lastFilled, 0)).forEach((c, i) => {
    if (!given(first, c) && i > 0)
      err(
        first.row,
        c,
        `is blank but ${DIAGNOSIS_COLUMNS[lastFilled]} is filled; fill diagnoses in order without gaps`,
      );
  });
  const diagnosisCount = DIAGNOSIS_COLUMNS.filter((c) => first.values.has(c)).length;

  // Later rows agree with the first on every encounter-level column they fill.
  for (const r of later) {
    for (const c of ENCOUNTER_COLUMNS) {
      if (!r.values.has(c.name) || first.bad.has(c.name)) continue;
      if (!sameValue(r.values.get(c.name), first.values.get(c.name))) {
        const was = first.raw.get(c.name);
        err(
          r.row,
          c.name,
          `disagrees with the first row of this encounter (row ${first.row}): ${quote(r.raw.get(c.name) ?? "")} vs ${was === undefined ? "blank" : quote(was)}; leave it blank or repeat it exactly`,
        );
      }
    }
    if (DIAGNOSIS_COLUMNS.some((c) => given(r, c))) {
      const differs = DIAGNOSIS_COLUMNS.find(
        (c) => !r.bad.has(c) && !first.bad.has(c) && !sameValue(r.values.get(c), first.values.get(c)),
      );
      if (differs) {
        err(
          r.row,
          differs,
          `diagnoses disagree with the first row of this encounter (row ${first.row}); leave diagnosis_1..diagnosis_12 blank on later rows or repeat them exactly`,
        );
      }
    }
  }

  // Pointers stay within the encounter's diagnoses (the first row's list is authoritative).
  if (errors.every((e) => e.column === undefined || !DIAGNOSIS_COLUMNS.includes(e.column))) {
    for (const r of rows) {
      const pointers = r.values.get("diagnosis_pointers");
      if (!Array.isArray(pointers)) continue;
      const over = pointers.filter((p) => p > diagnosisCount);
      if (over.length > 0) {
        err(
          r.row,
          "diagnosis_pointers",
          `points at diagnosis ${over.join(", ")} but the encounter has ${diagnosisCount === 0 ? "no diagnoses" : `only ${diagnosisCount}`}`,
        );
      }
    }
  }

  return errors;
}
