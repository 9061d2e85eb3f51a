import { expect, it } from "vitest";
import { icd10WithFallback } from "./codesets.ts";

// FY2027 (from 2026-10-01) has no code set shipped; FY2026 does.
it("passes a code billable in the latest earlier set when the year's set is not loaded", () => {
  expect(icd10WithFallback("E11.9", "2026-11-20")).toEqual({ status: "billable" });
});

it("keeps a category header not billable, and cannot verify (warning) a code the earlier set lacks", () => {
  expect(icd10WithFallback("E11", "2026-11-20")).toMatchObject({ status: "not_billable" });
  expect(icd10WithFallback("E11.99", "2026-11-20")).toEqual({ status: "no_code_set", fiscalYear: 2027 });
});

it("uses the year's own set when it is loaded", () => {
  expect(icd10WithFallback("E11.99", "2026-01-15")).toEqual({ status: "unknown" });
});
