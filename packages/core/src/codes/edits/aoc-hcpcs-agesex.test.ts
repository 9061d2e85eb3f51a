import { describe, expect, it } from "vitest";
import { fixture } from "./fixture-tables.ts";
import { AocTable, parseAocFile } from "./aoc.ts";
import { CodeListTable, parseHcpcsFile } from "./hcpcs.ts";
import { ageOn, DxEditTable, parseDxEditFile } from "./agesex.ts";

describe("add-on code edits (CMS AOC columns)", () => {
  const t = new AocTable(parseAocFile(fixture("synthetic-aoc.txt")));
  it("finds the columns by name and groups primaries per add-on, in force on the date", () => {
    expect(t.find("0999T", "2026-02-20")).toEqual({ addOn: "0999T", type: 1, primaries: ["99205", "99215"] });
    expect(t.find("0998T", "2026-02-20")).toEqual({ addOn: "0998T", type: 2, primaries: [] }); // CCCCC
    expect(t.find("0996T", "2026-02-20")).toBeUndefined(); // deleted 2019-12-31
    expect(AocTable.fromText(t.toText()).find("0997T", "2026-02-20")).toEqual(t.find("0997T", "2026-02-20"));
  });
  it("refuses a file without the Add-on Code column", () => {
    expect(() => parseAocFile("Code\tPrimary\n")).toThrow(/Add-on Code/);
  });
});

describe("HCPCS alpha-numeric file (fixed width)", () => {
  const { format, rows } = parseHcpcsFile(fixture("HCPC2020_ANWEB.excerpt.txt"));
  const t = new CodeListTable(rows, 2020);
  it("keeps procedure records with their added and termination dates and short descriptions, skipping modifiers and continuations", () => {
    expect(format).toBe("anweb");
    expect(rows.map((r) => r.code)).toEqual(["A4226", "A7042", "G0008", "G0438", "G0439", "J1885", "J3420"]);
    expect(rows.find((r) => r.code === "A7042")).toEqual({
      code: "A7042",
      added: "2003-01-01",
      terminated: "2014-12-31",
      short: "Implanted pleural catheter",
    });
  });
  it("answers by the date of service", () => {
    expect(t.status("G0439", "2026-02-20")).toEqual({ status: "active" });
    expect(t.status("G0439", "2010-12-31")).toEqual({ status: "not_yet", added: "2011-01-01" });
    expect(t.status("A7042", "2015-01-01")).toEqual({ status: "terminated", terminated: "2014-12-31" });
    expect(t.status("G9999", "2020-05-01")).toEqual({ status: "unknown" });
  });
  it("takes a plain list too (a licensed CPT list)", () => {
    expect(parseHcpcsFile("99213\n99214\t2020-01-01\n").rows).toEqual([
      { code: "99213" },
      { code: "99214", added: "2020-01-01" },
    ]);
  });
});

describe("MCE age/sex lists", () => {
  const t = new DxEditTable(parseDxEditFile(fixture("MCE_Simple_Code_Edits_v37.excerpt.txt")));
  it("keeps the diagnosis lists of sections 4 A-D, 5 A and 5 C, dotted", () => {
    expect(t.lists("O80")).toEqual(["maternity", "female"]);
    expect(t.lists("Z00.129")).toEqual(["pediatric"]);
    expect(t.lists("N40.0")).toEqual(["adult", "male"]);
    expect(t.lists("Z00.00")).toEqual(["adult"]); // section 9 (principal) is not an age/sex list
    expect(t.lists("I10")).toEqual([]);
    expect(t.size).toBe(8); // 8 codes; the procedure row (5 B) is left out
  });
  it("reads its stored form back", () => {
    expect(new DxEditTable(parseDxEditFile(t.toText())).lists("O80")).toEqual(["maternity", "female"]);
  });
  it("counts age in whole years on the date of service", () => {
    expect(ageOn("1975-03-01", "2026-02-28")).toBe(50);
    expect(ageOn("1975-03-01", "2026-03-01")).toBe(51);
    expect(ageOn("2026-01-01", "2026-02-20")).toBe(0);
  });
});
