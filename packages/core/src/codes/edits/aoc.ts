import { isoOfCmsDate } from "./code-key.ts";
import { csvRecords } from "./csv.ts";

/**
 * NCCI add-on code (AOC) edits. CMS publishes each quarter's file (AOC_V2026Q1-MCR) with one row
 * per add-on/primary pair and the columns "Add-on Code", "Primary Code" ("CCCCC": no specific
 * primary), "AOC Edit Type" (1, 2, 3), "AOC Edit Eff Dt", "AOC Edit Del Dt" (YYYYMMDD or "*"), and
 * deletion dates of each code and special-instruction notes. Columns are found by their header
 * names (tab- or comma-delimited), so column order and the notes do not matter.
 *
 * Type 1: payable only with one of the listed primaries; type 2: no list, the contractor decides
 * which primaries are acceptable; type 3: some primaries listed, the contractor may accept others.
 */

export interface AocRow {
  addOn: string;
  /** undefined for "CCCCC" (no specific primary). */
  primary?: string;
  type: 1 | 2 | 3;
  effective: string;
  deletion?: string;
}

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");

function records(text: string): string[][] {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return first.includes("\t")
    ? text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== "")
        .map((l) => l.split("\t"))
    : csvRecords(text);
}

export function parseAocFile(text: string): AocRow[] {
  const recs = records(text);
  const h = recs.findIndex((r) => r.map(norm).includes("add_on_code"));
  if (h < 0) throw new Error('No header with an "Add-on Code" column');
  const cols = recs[h]!.map(norm);
  const at = (name: string) => cols.indexOf(name);
  const [ia, ip, it, ie, id] = [
    at("add_on_code"),
    at("primary_code"),
    at("aoc_edit_type"),
    at("aoc_edit_eff_dt"),
    at("aoc_edit_del_dt"),
  ];
  if (ip < 0 || it < 0 || ie < 0) throw new Error("Missing Primary Code, AOC Edit Type or AOC Edit Eff Dt column");
  const rows: AocRow[] = [];
  const errors: string[] = [];
  recs.slice(h + 1).forEach((r, i) => {
    const addOn = (r[ia] ?? "").trim();
    const primary = (r[ip] ?? "").trim();
    const type = Number((r[it] ?? "").trim());
    const effective = isoOfCmsDate(r[ie] ?? "");
    if (!/^[0-9A-Z]{5}$/.test(addOn) || !/^[0-9A-Z]{5}$/.test(primary) || ![1, 2, 3].includes(type) || !effective) {
      errors.push(`record ${h + i + 2}: not an AOC row: ${JSON.stringify(r.join(" ").slice(0, 60))}`);
      return;
    }
    const deletion = id >= 0 ? isoOfCmsDate(r[id] ?? "") : undefined;
    rows.push({
      addOn,
      ...(primary === "CCCCC" ? {} : { primary }),
      type: type as 1 | 2 | 3,
      effective,
      ...(deletion ? { deletion } : {}),
    });
  });
  if (errors.length) throw new Error(errors.slice(0, 5).join("; "));
  if (rows.length === 0) throw new Error("The file holds no AOC rows");
  return rows;
}

export interface AddOnEdit {
  addOn: string;
  type: 1 | 2 | 3;
  /** Acceptable primaries in force on the date; empty when the file names none (type 2). */
  primaries: string[];
}

const inForce = (r: AocRow, dos: string) => r.effective <= dos && (!r.deletion || dos <= r.deletion);

export class AocTable {
  private readonly byAddOn = new Map<string, AocRow[]>();
  constructor(rows: readonly AocRow[]) {
    for (const r of rows) {
      const list = this.byAddOn.get(r.addOn) ?? [];
      list.push(r);
      this.byAddOn.set(r.addOn, list);
    }
  }
  get size(): number {
    return this.byAddOn.size;
  }
  find(code: string, dateOfService: string): AddOnEdit | undefined {
    const rows = (this.byAddOn.get(code) ?? []).filter((r) => inForce(r, dateOfService));
    if (rows.length === 0) return undefined;
    return {
      addOn: code,
      type: Math.min(...rows.map((r) => r.type)) as 1 | 2 | 3,
      primaries: rows.flatMap((r) => (r.primary ? [r.primary] : [])),
    };
  }
  toText(): string {
    const all = [...this.byAddOn.values()].flat();
    return (
      all.map((r) => [r.addOn, r.primary ?? "CCCCC", r.type, r.effective, r.deletion ?? ""].join("\t")).join("\n") +
      "\n"
    );
  }
  static fromText(text: string): AocTable {
    return new AocTable(
      text
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => {
          const [addOn, primary, type, effective, deletion] = l.split("\t");
          return {
            addOn: addOn!,
            ...(primary && primary !== "CCCCC" ? { primary } : {}),
            type: Number(type) as 1 | 2 | 3,
            effective: effective!,
            ...(deletion ? { deletion } : {}),
          };
        }),
    );
  }
}
