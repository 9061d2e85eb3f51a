import { describe, expect, it } from "vitest";
import { fixture } from "./fixture-tables.ts";
import { PtpTable, parsePtpFile } from "./ptp.ts";
import { codeKey, codeOfKey, dayNumber, dateOfDay } from "./code-key.ts";

const rows = parsePtpFile(fixture("ccipra-v322r0-f1.excerpt.txt"));
const table = PtpTable.fromRows(rows);

describe("PTP practitioner file (CMS ccipra layout)", () => {
  it("skips the AMA notice and the wrapped header and reads every row", () => {
    expect(rows).toHaveLength(18);
    expect(rows[0]).toEqual({
      column1: "0001A",
      column2: "0591T",
      effective: "2022-01-01",
      deletion: "2023-12-31",
      modifier: 1,
      rationale: "CPT Manual or CMS manual coding instruction",
    });
    expect(rows.find((r) => r.column2 === "0030U")).not.toHaveProperty("deletion"); // "*": still in force
  });

  it("finds a pair only while it is in force, deletion date included", () => {
    expect(table.find("0001U", "0029U", "2026-06-30")).toMatchObject({ modifier: 1, deletion: "2026-06-30" });
    expect(table.find("0001U", "0029U", "2026-07-01")).toBeUndefined();
    expect(table.find("0001U", "0029U", "2018-06-30")).toBeUndefined();
    expect(table.find("0001U", "0030U", "2030-01-01")).toMatchObject({ modifier: 1 });
    expect(table.find("0001M", "80053", "2018-01-15")).toMatchObject({
      modifier: 0,
      rationale: "Misuse of Column Two code with Column One code",
    });
  });

  it("is directional: column 2 bundles into column 1, not the other way", () => {
    expect(table.find("0001A", "99213", "2023-05-01")).toMatchObject({ column1: "0001A", column2: "99213" });
    expect(table.find("99213", "0001A", "2023-05-01")).toBeUndefined();
  });

  it("round-trips through its packed form (14 bytes a pair)", () => {
    const back = PtpTable.fromBuffer(table.toBuffer());
    expect(back.size).toBe(18);
    expect(back.bytes).toBe(18 * 14);
    for (const r of rows)
      expect(back.find(r.column1, r.column2, r.effective)).toEqual(table.find(r.column1, r.column2, r.effective));
  });

  it("refuses a file with a malformed row after the header, naming the line", () => {
    const text = fixture("ccipra-v322r0-f1.excerpt.txt") + "80053\t80048\t\t2026-01-01\t*\t0\tx\r\n";
    expect(() => parsePtpFile(text)).toThrow(/line 25: not a PTP row/);
    expect(() => parsePtpFile("Column 1\tColumn 2\n")).toThrow(/no PTP rows/);
  });

  it("keys codes and dates compactly and reversibly", () => {
    for (const c of ["00100", "99213", "G0439", "0001A", "ZZZZZ"]) expect(codeOfKey(codeKey(c))).toBe(c);
    expect(codeKey("9921")).toBe(-1);
    expect(dateOfDay(dayNumber("20260630")!)).toBe("2026-06-30");
    expect(dayNumber("20260230")).toBeUndefined();
  });
});
