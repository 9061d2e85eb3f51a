/**
 * The real code sets wired for the scrubber. The ICD-10 checks use the FY2026 set shipped in
 * packages/core/data (no set is shipped for FY2019).
 */
import { describe, expect, it } from "vitest";
import { codeSets } from "./codesets.ts";
import { scrub } from "./index.ts";
import { cleanClaim, TODAY } from "./fixtures.ts";

describe("codeSets", () => {
  it("answers ICD-10-CM lookups by the fiscal year of the date of service", () => {
    expect(codeSets.icd10("E11.9", "2026-01-15")).toEqual({ status: "billable" });
    expect(codeSets.icd10("E11", "2026-01-15")).toMatchObject({ status: "not_billable" });
    expect(codeSets.icd10("E11.99", "2026-01-15")).toEqual({ status: "unknown" });
    expect(codeSets.icd10("E11.9", "2018-11-15")).toEqual({ status: "no_code_set", fiscalYear: 2019 });
  });

  it("wires the place-of-service, procedure, modifier and NDC checks", () => {
    expect([codeSets.isValidPos("11"), codeSets.isValidPos("30")]).toEqual([true, false]);
    expect([codeSets.isProcedureCodeShape("99213"), codeSets.isProcedureCodeShape("9921")]).toEqual([true, false]);
    expect([codeSets.isModifierShape("25"), codeSets.isModifierShape("2")]).toEqual([true, false]);
    expect(codeSets.normalizeNdc("63323-044-01")).toBe("63323004401");
    expect(codeSets.normalizeNdc("6332304401")).toBeUndefined();
  });

  it("finds nothing on the clean claim with the real code sets but the one warning naming the edit sets not shipped", () => {
    // The repo ships HCPCS Level II (2020) and the MCE age/sex lists; no public copy of CMS's PTP,
    // MUE or add-on files was found to ship, so a claim says so once instead of passing silently.
    expect(scrub({ claim: cleanClaim(), today: TODAY, codes: codeSets })).toEqual([
      expect.objectContaining({
        ruleId: "edits.missing",
        severity: "warning",
        path: "",
        message:
          "No edit set is loaded for 2026-02-20 for NCCI PTP (code pairs), NCCI MUE (units), NCCI add-on codes: those edits were not checked.",
      }),
    ]);
  });

  it("wires the shipped HCPCS Level II file and age/sex lists", () => {
    const e = codeSets.edits!;
    expect(e.set("hcpcs", "2026-02-20")).toMatchObject({ version: "2020", partial: false });
    expect(e.code("hcpcs", "G0439", "2026-02-20")).toEqual({ status: "active" });
    expect(e.dxLists("O80", "2026-02-20")).toEqual(["maternity", "female"]);
    expect(e.dxLists("Z00.129", "2026-02-20")).toEqual(["pediatric"]);
    expect(e.ageBand("99393")).toEqual({ code: "99393", minAge: 5, maxAge: 11 });
    expect(e.set("ptp", "2026-02-20")).toBeUndefined();
  });
});
