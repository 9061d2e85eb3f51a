import { describe, expect, it } from "vitest";
import { fixture } from "./fixture-tables.ts";
import { MueTable, parseMueFile } from "./mue.ts";

describe("MUE practitioner table (CMS CSV)", () => {
  const rows = parseMueFile(fixture("MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"));

  it("skips the quoted multi-line AMA notice and header and reads value, MAI and rationale", () => {
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ code: "0001U", value: 1, mai: 2, rationale: "Code Descriptor / CPT Instruction" });
    expect(rows.find((r) => r.code === "0009U")).toEqual({
      code: "0009U",
      value: 2,
      mai: 3,
      rationale: "Nature of Analyte",
    });
  });

  it("stores and reads back its table", () => {
    const t = new MueTable(rows, "2026-07-01");
    const back = MueTable.fromText(t.toText(), "2026-07-01");
    expect(back.size).toBe(10);
    expect(back.get("0016M")).toEqual(t.get("0016M"));
  });

  it("refuses a record whose indicator is not 1, 2 or 3", () => {
    expect(() => parseMueFile("99213,1,4 Something,x\n")).toThrow(/99213: not an MUE record/);
  });
});
