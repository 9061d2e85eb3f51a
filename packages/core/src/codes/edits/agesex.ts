import { normalizeIcd10 } from "../icd10cm.ts";

/**
 * Diagnoses restricted by age or sex: CMS's Medicare Code Editor (MCE) lists, "Definitions of
 * Medicare Code Edits" sections 4 A-D (age conflict: newborn, pediatric, maternity, adult) and
 * 5 A/5 C (sex conflict: diagnoses for females only, males only). Accepted input: the MCE lists
 * as a tab-separated table with the columns MCE_Section, MCE_Subsection and ICD_Code (one row per
 * code and list, as github.com/nlindner/CMS_Issued_Codes_For_SQL publishes them), or the stored
 * form "code<TAB>list".
 */

export const DX_LISTS = ["newborn", "pediatric", "maternity", "adult", "female", "male"] as const;
export type DxList = (typeof DX_LISTS)[number];

/** The ages each MCE age list allows, in years on the date of service, as the MCE names them. */
export const DX_AGE_RANGES: Readonly<Record<Exclude<DxList, "female" | "male">, [number, number]>> = {
  newborn: [0, 0],
  pediatric: [0, 17],
  maternity: [12, 55],
  adult: [15, 124],
};

const SECTION_LIST: Readonly<Record<string, DxList>> = {
  "4A": "newborn",
  "4B": "pediatric",
  "4C": "maternity",
  "4D": "adult",
  "5A": "female",
  "5C": "male",
};

export interface DxRow {
  code: string;
  list: DxList;
}

export function parseDxEditFile(text: string): DxRow[] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  const head = (lines[0] ?? "").split("\t");
  const rows: DxRow[] = [];
  const errors: string[] = [];
  if (head.includes("MCE_Section")) {
    const [is, iu, ic, it] = ["MCE_Section", "MCE_Subsection", "ICD_Code", "ICD_Code_Type"].map((h) => head.indexOf(h));
    if (is! < 0 || iu! < 0 || ic! < 0) throw new Error("Missing MCE_Section, MCE_Subsection or ICD_Code column");
    lines.slice(1).forEach((l, i) => {
      const f = l.split("\t");
      if (it! >= 0 && f[it!] !== "D") return; // procedure lists
      const list = SECTION_LIST[`${f[is!]}${f[iu!]}`];
      if (!list) return; // other MCE sections
      const code = normalizeIcd10(f[ic!] ?? "");
      if (code) rows.push({ code, list });
      else errors.push(`line ${i + 2}: not an ICD-10-CM code: ${JSON.stringify(f[ic!])}`);
    });
  } else {
    lines.forEach((l, i) => {
      const [c, list] = l.split("\t");
      const code = normalizeIcd10(c ?? "");
      if (code && (DX_LISTS as readonly string[]).includes(list ?? "")) rows.push({ code, list: list as DxList });
      else errors.push(`line ${i + 1}: not "code<TAB>list": ${JSON.stringify(l.slice(0, 40))}`);
    });
  }
  if (errors.length) throw new Error(errors.slice(0, 5).join("; "));
  if (rows.length === 0) throw new Error("The file lists no age or sex restricted diagnoses");
  return rows;
}

export class DxEditTable {
  private readonly byCode = new Map<string, DxList[]>();
  constructor(rows: readonly DxRow[]) {
    for (const r of rows) {
      const l = this.byCode.get(r.code) ?? [];
      if (!l.includes(r.list)) l.push(r.list);
      this.byCode.set(r.code, l);
    }
  }
  get size(): number {
    return this.byCode.size;
  }
  lists(code: string): readonly DxList[] {
    return this.byCode.get(normalizeIcd10(code) ?? code) ?? [];
  }
  toText(): string {
    return [...this.byCode].flatMap(([c, ls]) => ls.map((l) => `${c}\t${l}`)).join("\n") + "\n";
  }
}

export interface AgeBand {
  code: string;
  minAge: number;
  maxAge: number;
}

/** Whole years of age on `dateOfService` for someone born `dateOfBirth` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, dateOfService: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfService)) return undefined;
  const years = Number(dateOfService.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return dateOfService.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}
