import { csvRecords } from "./csv.ts";

/**
 * Medically Unlikely Edits, practitioner services. CMS publishes each quarter's table as a CSV
 * (MCR_MUE_PractitionerServices_Eff_MM-DD-YYYY.csv): a quoted AMA notice record, a header record
 * ("HCPCS/CPT Code", "Practitioner Services MUE Values", "MUE Adjudication Indicator", "MUE
 * Rationale"), then one record per code, the indicator written "2 Date of Service Edit: Policy".
 * The table has no dates of its own: it applies from its effective date until the next one.
 *
 * MAI 1: a claim-line edit (units on one line); 2: a date-of-service edit based on policy
 * (absolute: units on every line of the code that day are added up); 3: a date-of-service edit
 * based on clinical data (added up too; a payer may allow more on appeal with records).
 */

export interface MueRow {
  code: string;
  value: number;
  mai: 1 | 2 | 3;
  rationale: string;
}

const CODE_RE = /^[0-9A-Z]{5}$/;

export function parseMueFile(text: string): MueRow[] {
  const rows: MueRow[] = [];
  const errors: string[] = [];
  for (const rec of csvRecords(text)) {
    const code = (rec[0] ?? "").trim();
    if (!CODE_RE.test(code)) continue; // notice, header
    const value = Number((rec[1] ?? "").trim());
    const mai = Number(/^\s*([123])/.exec(rec[2] ?? "")?.[1]);
    if (!Number.isInteger(value) || value < 0 || !(mai === 1 || mai === 2 || mai === 3)) {
      errors.push(`${code}: not an MUE record: ${JSON.stringify(rec.join(",").slice(0, 60))}`);
      continue;
    }
    rows.push({ code, value, mai, rationale: (rec[3] ?? "").trim() });
  }
  if (errors.length) throw new Error(errors.slice(0, 5).join("; "));
  if (rows.length === 0) throw new Error("The file holds no MUE records");
  return rows;
}

/** One quarter's MUE table, by code. */
export class MueTable {
  private readonly byCode: Map<string, MueRow>;
  /** YYYY-MM-DD the table takes effect. */
  readonly effective: string;
  constructor(rows: readonly MueRow[], effective: string) {
    this.effective = effective;
    this.byCode = new Map(rows.map((r) => [r.code, r]));
  }
  get size(): number {
    return this.byCode.size;
  }
  get(code: string): MueRow | undefined {
    return this.byCode.get(code);
  }
  /** Stored form: code, value, MAI, rationale, tab-separated. */
  toText(): string {
    return [...this.byCode.values()].map((r) => `${r.code}\t${r.value}\t${r.mai}\t${r.rationale}`).join("\n") + "\n";
  }
  static fromText(text: string, effective: string): MueTable {
    const rows = text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => {
        const [code, value, mai, rationale] = l.split("\t");
        return { code: code!, value: Number(value), mai: Number(mai) as 1 | 2 | 3, rationale: rationale ?? "" };
      });
    return new MueTable(rows, effective);
  }
}
