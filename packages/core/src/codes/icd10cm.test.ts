import { describe, expect, it } from "vitest";
import {
  fiscalYearOf,
  isIcd10Shape,
  loadedFiscalYears,
  lookupIcd10,
  normalizeIcd10,
  properPrefixes,
} from "./icd10cm.ts";

// These tests read the shipped FY2026 set in packages/core/data/icd10cm.

describe("normalizeIcd10 / isIcd10Shape", () => {
  it("puts the dot after the third character and upper-cases", () => {
    expect(normalizeIcd10("e1165")).toBe("E11.65");
    expect(normalizeIcd10(" E11.65 ")).toBe("E11.65");
    expect(normalizeIcd10("s72001a")).toBe("S72.001A");
    expect(normalizeIcd10("I10")).toBe("I10");
    expect(normalizeIcd10("QA00101")).toBe("QA0.0101"); // FY2026: a letter in the second place
    expect(isIcd10Shape("C4A.9")).toBe(true);
  });
  it("rejects misplaced dots, wrong lengths and foreign characters", () => {
    for (const bad of ["E1.165", "E11.", "E11.65.1", "E11.99999", "11.9", "E1", "E-11", "", "E11 65"]) {
      expect(normalizeIcd10(bad), bad).toBeUndefined();
      expect(isIcd10Shape(bad), bad).toBe(false);
    }
  });
  it("lists a code's headers", () => {
    expect(properPrefixes("S72.001A")).toEqual(["S72", "S72.0", "S72.00", "S72.001"]);
    expect(properPrefixes("I10")).toEqual([]);
  });
});

describe("fiscalYearOf", () => {
  it("starts the fiscal year on 1 October", () => {
    expect(fiscalYearOf("2025-09-30")).toBe(2025);
    expect(fiscalYearOf("2025-10-01")).toBe(2026);
    expect(fiscalYearOf("2026-09-30")).toBe(2026);
    expect(fiscalYearOf("2026-10-01")).toBe(2027);
    expect(fiscalYearOf("2024-12-31")).toBe(2025);
  });
  it("refuses what is not a calendar date", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-1-05", "20260105", "not a date"]) {
      expect(() => fiscalYearOf(bad), bad).toThrow(RangeError);
    }
  });
});

describe("lookupIcd10 against the shipped FY2026 set", () => {
  const dos = "2026-03-15";

  it("finds the installed fiscal years by file name", () => {
    expect(loadedFiscalYears()).toContain(2026);
  });
  it("says billable for leaf codes, with or without the dot", () => {
    expect(lookupIcd10("E11.65", dos)).toEqual({ status: "billable" });
    expect(lookupIcd10("e1165", dos)).toEqual({ status: "billable" });
    expect(lookupIcd10("I10", dos)).toEqual({ status: "billable" });
    expect(lookupIcd10("S72.001A", dos)).toEqual({ status: "billable" });
    expect(lookupIcd10("QA0.0101", "2025-10-01")).toEqual({ status: "billable" });
  });
  it("says not_billable for a category or subcategory, naming billable children", () => {
    const e11 = lookupIcd10("E11", dos);
    expect(e11.status).toBe("not_billable");
    if (e11.status !== "not_billable") return;
    expect(e11.hint).toMatch(/^E11 is a category/);
    expect(e11.hint).toContain("E11.00");

    const e116 = lookupIcd10("E116", dos);
    expect(e116.status).toBe("not_billable");
    if (e116.status !== "not_billable") return;
    expect(e116.hint).toContain("E11.610");
    expect(e116.hint).toContain("12 billable codes");
    expect(e116.hint).not.toContain("E11.00"); // only E11.6's own children
  });
  it("says unknown for codes not in the set and for malformed codes", () => {
    expect(lookupIcd10("E11.99X", dos)).toEqual({ status: "unknown" }); // longer than any billable code
    expect(lookupIcd10("E11.659", dos)).toEqual({ status: "unknown" }); // child of a leaf
    expect(lookupIcd10("Z99.99", dos)).toEqual({ status: "unknown" });
    expect(lookupIcd10("E1.165", dos)).toEqual({ status: "unknown" });
  });
  it("says no_code_set (with the fiscal year) when the date of service falls outside the installed sets", () => {
    expect(lookupIcd10("E11.65", "2025-09-30")).toEqual({ status: "no_code_set", fiscalYear: 2025 });
    expect(lookupIcd10("E11.65", "2026-10-01")).toEqual({ status: "no_code_set", fiscalYear: 2027 });
  });
});
