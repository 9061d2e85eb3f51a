import { CSV_COLUMNS, type CsvColumn } from "./columns.ts";

/**
 * Turning zod issues on a parsed encounter back into CSV terms, so the service can report them
 * as row-numbered CSV errors: `["lines", 1, "procedureCode"]` -> procedure_code on the row of
 * line 1, `["diagnoses", 3]` -> diagnosis_4 on the encounter's first row.
 */

type Segment = string | number;

function matches(target: readonly Segment[], path: readonly Segment[], exact: boolean): boolean {
  if (exact ? target.length !== path.length : target.length < path.length) return false;
  return path.every((seg, i) => {
    const t = target[i];
    return t === "*" ? typeof seg === "number" : t === seg;
  });
}

const mapped = CSV_COLUMNS.filter((c) => c.target.length > 0);

/**
 * The CSV column a zod issue path of `encounterInput` points at: the column whose target is the
 * path; else the first column under the path (`["patient", "address"]` -> patient_address_line1,
 * `["patient","coverages",0,"subscriber"]` -> subscriber_first_name); else the same for the path's
 * parent. Undefined when no column fits (e.g. `["lines"]` for too many lines).
 */
export function mapIssuePathToColumn(path: readonly PropertyKey[]): string | undefined {
  const p = path.filter((s): s is Segment => typeof s === "string" || typeof s === "number");
  for (let len = p.length; len > 1 || (len === 1 && p[0] !== "lines"); len--) {
    const head = p.slice(0, len);
    const hit: CsvColumn | undefined =
      mapped.find((c) => matches(c.target, head, true)) ?? mapped.find((c) => matches(c.target, head, false));
    if (hit) return hit.name;
  }
  return undefined;
}

/** The file row a zod issue belongs to: a line's own row for `["lines", i, ...]`, else the encounter's first row. */
export function rowForIssue(entry: { rows: readonly number[] }, path: readonly PropertyKey[]): number {
  const first = entry.rows[0] ?? 1;
  if (path[0] === "lines" && typeof path[1] === "number") return entry.rows[path[1]] ?? first;
  return first;
}
