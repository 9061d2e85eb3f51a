/**
 * Catalog cases (see catalog.test.ts) for the coding-edit rules, against the edit tables of the
 * real-format fixture files (codes/edits/fixtures). The clean claim's patient is a boy of 10 on
 * 2026-02-20; its lines are 99214-25, 96372 and J3420.
 */
import type { ClaimDocument } from "../claim.types.ts";
import type { ScrubContext } from "./types.ts";
import { CodeListTable, codingEditsOf, fixtureTables, parseHcpcsFile } from "../../codes/index.ts";
import { fakeCodes } from "./fixtures.ts";

export interface CatalogCase {
  ruleId: string;
  mutate: (c: ClaimDocument) => void;
  extra?: Partial<Omit<ScrubContext, "claim">>;
  severity: "error" | "warning";
  path: string;
  names: string;
}

const l = (c: ClaimDocument, i: number) => c.lines[i]!;

/** A licensed CPT list as an operator would import it (a plain list; two codes for the test). */
const cpt = new CodeListTable(parseHcpcsFile("99214\n96372\n").rows, 2026);
const withCpt = codingEditsOf({
  ...fixtureTables(),
  cpt: [
    {
      info: { kind: "cpt", label: "test CPT 2026", version: "2026", partial: false, entries: 2, source: "test" },
      table: () => cpt,
    },
  ],
});
const withoutPtp = codingEditsOf({ ...fixtureTables(), ptp: [] });

export const CODING_CASES: CatalogCase[] = [
  {
    ruleId: "hcpcs.valid",
    mutate: (c) => (l(c, 2).procedureCode = "A7042"),
    severity: "error",
    path: "lines.2.procedureCode",
    names: "A7042 was discontinued after 2014-12-31",
  },
  {
    ruleId: "cpt.valid",
    mutate: (c) => (l(c, 1).procedureCode = "96373"),
    extra: { codes: { ...fakeCodes, edits: withCpt } },
    severity: "error",
    path: "lines.1.procedureCode",
    names: "96373 is not a CPT code",
  },
  {
    ruleId: "dx.age",
    mutate: (c) => (c.diagnoses[0] = "Z00.00"),
    severity: "error",
    path: "diagnoses.0",
    names: "Z00.00 is an adult (ages 15-124) diagnosis; the patient is 10",
  },
  {
    ruleId: "dx.sex",
    mutate: (c) => (c.diagnoses[2] = "N94.89"),
    severity: "error",
    path: "diagnoses.2",
    names: "N94.89 is a diagnosis for female patients only",
  },
  {
    ruleId: "proc.age",
    mutate: (c) => (l(c, 0).procedureCode = "99396"),
    severity: "error",
    path: "lines.0.procedureCode",
    names: "99396 is for ages 40-64; the patient is 10",
  },
  {
    ruleId: "mod.25",
    mutate: (c) => {
      l(c, 0).modifiers = [];
      l(c, 1).procedureCode = "G0439";
    },
    severity: "error",
    path: "lines.0.modifiers",
    names: "99214 is billed with the preventive service G0439 on 2026-02-20 without modifier 25",
  },
  {
    ruleId: "mod.laterality",
    mutate: (c) => (l(c, 1).modifiers = ["LT", "RT"]),
    severity: "error",
    path: "lines.1.modifiers",
    names: "both LT and RT",
  },
  {
    ruleId: "ncci.ptp",
    mutate: (c) => {
      Object.assign(l(c, 0), { procedureCode: "80053", modifiers: [] });
      l(c, 1).procedureCode = "80048";
    },
    severity: "error",
    path: "lines.1.procedureCode",
    names: "80048 is bundled into 80053",
  },
  {
    ruleId: "ncci.mue",
    mutate: (c) => Object.assign(l(c, 0), { procedureCode: "99213", units: 20 }),
    severity: "error",
    path: "lines.0.units",
    names: "20 units of 99213",
  },
  {
    ruleId: "ncci.addon",
    mutate: (c) => (l(c, 1).procedureCode = "0999T"),
    severity: "error",
    path: "lines.1.procedureCode",
    names: "0999T is an add-on code (type 1)",
  },
  {
    ruleId: "mod.distinct",
    mutate: (c) => (l(c, 2).modifiers = ["59"]),
    severity: "warning",
    path: "lines.2.modifiers",
    names: "modifier 59 on J3420",
  },
  {
    ruleId: "edits.missing",
    mutate: () => {},
    extra: { codes: { ...fakeCodes, edits: withoutPtp } },
    severity: "warning",
    path: "",
    names: "NCCI PTP (code pairs)",
  },
];
