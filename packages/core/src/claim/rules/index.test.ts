import { describe, expect, it } from "vitest";
import type { Finding } from "../claim.types.ts";
import { comparePaths, hasBlockingFindings, RULES, scrub } from "./index.ts";
import type { RuleOverride } from "./index.ts";
import { claimWith, cleanClaim, ctxFor, fakeCodes } from "./fixtures.ts";

/** Bad billing NPI (error), a repeated diagnosis (warning) and a $0 line (error). */
const messy = () =>
  claimWith((c) => {
    c.billingProvider.npi = "1245319590";
    c.diagnoses[2] = "E11.9";
    c.lines[1]!.chargeCents = 0;
    c.totalChargeCents = c.submittedTotalCents = 20000;
  });

/** A claim whose only finding is the no-code-set warning on each diagnosis. */
const unverifiable = () =>
  claimWith((c) => {
    c.serviceDate = "2022-06-01";
    for (const l of c.lines) l.serviceDate = "2022-06-01";
    c.coverage.effectiveFrom = "2022-01-01";
    c.coverage.timelyFilingDays = 3650;
  });

const ids = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.ruleId} ${f.path}`);

describe("scrub", () => {
  it("returns every rule's findings, errors first, then by path", () => {
    expect(ids(scrub(ctxFor(messy())))).toEqual([
      "error npi.billing billingProvider.npi",
      "error line.charge lines.1.chargeCents",
      "warning dx.duplicate diagnoses.2",
    ]);
  });

  it("orders line paths numerically (line 10 after line 2)", () => {
    const claim = claimWith((c) => {
      for (let i = 3; i < 11; i++)
        c.lines.push({ ...c.lines[1]!, lineNumber: i + 1, lineId: `L${i}`, modifiers: ["XU"] });
      c.lines[10]!.units = 0;
      c.lines[2]!.units = 0;
      c.totalChargeCents = c.submittedTotalCents = c.lines.reduce((s, l) => s + l.chargeCents, 0);
    });
    expect(scrub(ctxFor(claim)).map((f) => f.path)).toEqual(["lines.2.units", "lines.10.units"]);
    expect(comparePaths("lines.2.units", "lines.10.units")).toBeLessThan(0);
    expect(comparePaths("lines", "lines.0")).toBeLessThan(0);
    expect(comparePaths("diagnoses.1", "diagnoses.1")).toBe(0);
  });

  it("drops a rule turned off", () => {
    const fs = scrub(ctxFor(messy()), { "line.charge": "off" });
    expect(ids(fs)).toEqual(["error npi.billing billingProvider.npi", "warning dx.duplicate diagnoses.2"]);
  });

  it("downgrades a rule set to warning, and upgrades one set to error", () => {
    const fs = scrub(ctxFor(messy()), { "npi.billing": "warning", "dx.duplicate": "error" });
    expect(ids(fs)).toEqual([
      "error dx.duplicate diagnoses.2",
      "error line.charge lines.1.chargeCents",
      "warning npi.billing billingProvider.npi",
    ]);
  });

  it("keeps a finding's own severity (no code set -> warning) unless an override sets one", () => {
    const byDefault = scrub(ctxFor(unverifiable()));
    expect(byDefault).toHaveLength(3);
    expect(byDefault.every((f) => f.ruleId === "dx.icd10" && f.severity === "warning")).toBe(true);
    expect(hasBlockingFindings(byDefault)).toBe(false);

    const strict = scrub(ctxFor(unverifiable()), { "dx.icd10": "error" });
    expect(strict.map((f) => f.severity)).toEqual(["error", "error", "error"]);
    expect(hasBlockingFindings(strict)).toBe(true);
  });

  it("ignores overrides for unknown rules and unknown settings", () => {
    // Not valid overrides on purpose (what a hand-edited settings item could hold): parsed, so untyped.
    const overrides: Record<string, RuleOverride> = JSON.parse('{ "no.such.rule": "off", "npi.billing": "loud" }');
    expect(scrub(ctxFor(messy()), overrides)).toEqual(scrub(ctxFor(messy())));
  });

  it("does not change the claim it checks", () => {
    const claim = messy();
    const before = structuredClone(claim);
    scrub(ctxFor(claim, { duplicateOf: "CL1" }));
    expect(claim).toEqual(before);
  });

  it("turns a check that throws into a blocking finding instead of failing the scrub", () => {
    const codes = {
      ...fakeCodes,
      icd10: () => {
        throw new Error("code-set file unreadable");
      },
    };
    const fs = scrub({ claim: cleanClaim(), today: "2026-03-10", codes });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: "dx.icd10", severity: "error", path: "" });
    expect(fs[0]!.message).toContain("code-set file unreadable");
    expect(scrub({ claim: cleanClaim(), today: "2026-03-10", codes }, { "dx.icd10": "off" })).toEqual([]);
  });

  it("gives every finding a rule id that is in RULES", () => {
    const known = new Set(RULES.map((r) => r.id));
    const fs = scrub(ctxFor(messy(), { duplicateOf: "CL1" }));
    expect(fs.length).toBeGreaterThan(3);
    expect(fs.every((f) => known.has(f.ruleId))).toBe(true);
  });
});

describe("hasBlockingFindings", () => {
  const f = (severity: "error" | "warning"): Finding => ({
    ruleId: "x",
    severity,
    path: "p",
    message: "m",
    fixHint: "h",
  });

  it("is true with any error and false with only warnings or nothing", () => {
    expect(hasBlockingFindings([])).toBe(false);
    expect(hasBlockingFindings([f("warning"), f("warning")])).toBe(false);
    expect(hasBlockingFindings([f("warning"), f("error")])).toBe(true);
  });
});
