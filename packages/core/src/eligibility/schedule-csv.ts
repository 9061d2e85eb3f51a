import { isBlankRecord, readCsv } from "../shared/csv-reader.ts";
import { invalid, type FieldError } from "../shared/errors.ts";
import { MAX_BATCH_VISITS, eligibilityVisit, type EligibilityBatchInput } from "./eligibility.schema.ts";

/** The columns of a schedule upload, the header row naming them in any order. */
export const SCHEDULE_COLUMNS = ["patient_id", "date_of_service", "coverage"] as const;

/**
 * A schedule export (one visit a row: `patient_id`, `date_of_service`, optional `coverage` =
 * primary|secondary|tertiary) as batch visits. The whole file is checked first: any error is a 422
 * naming row and column, and nothing is queued.
 */
export function parseSchedule(text: string): EligibilityBatchInput["visits"] {
  const errors: FieldError[] = [];
  let header: string[] | undefined;
  const visits: EligibilityBatchInput["visits"] = [];
  for (const r of readCsv(text)) {
    if (isBlankRecord(r)) continue;
    if (r.error) {
      errors.push({ path: `row ${r.line}`, message: r.error });
      continue;
    }
    if (!header) {
      header = r.fields.map((f) => f.trim().toLowerCase());
      for (const need of ["patient_id", "date_of_service"])
        if (!header.includes(need)) errors.push({ path: "header", message: `the ${need} column is missing` });
      for (const h of header)
        if (!(SCHEDULE_COLUMNS as readonly string[]).includes(h))
          errors.push({
            path: "header",
            message: `unknown column ${h}; the columns are ${SCHEDULE_COLUMNS.join(", ")}`,
          });
      if (errors.length) break;
      continue;
    }
    const cell = (name: string) => r.fields[header!.indexOf(name)]?.trim() || undefined;
    const parsed = eligibilityVisit.safeParse({
      patientId: cell("patient_id"),
      serviceDate: cell("date_of_service"),
      ...(cell("coverage") ? { coverage: cell("coverage")!.toLowerCase() } : {}),
    });
    if (!parsed.success) {
      const column = { patientId: "patient_id", serviceDate: "date_of_service", coverage: "coverage" } as Record<
        string,
        string
      >;
      for (const i of parsed.error.issues)
        errors.push({ path: `row ${r.line} ${column[String(i.path[0])] ?? i.path.join(".")}`, message: i.message });
    } else visits.push(parsed.data);
    if (visits.length > MAX_BATCH_VISITS) {
      errors.push({ path: `row ${r.line}`, message: `a schedule holds at most ${MAX_BATCH_VISITS} visits` });
      break;
    }
  }
  if (!header) errors.push({ path: "header", message: "the file is empty" });
  else if (!errors.length && visits.length === 0) errors.push({ path: "row 2", message: "the file has no visits" });
  if (errors.length) throw invalid(errors.slice(0, 100), "The schedule cannot be checked as it is; nothing was queued");
  return visits;
}
