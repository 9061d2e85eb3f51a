import { describe, expect, it } from "vitest";
import type { PayerRule } from "./types.ts";
import { claimWith, cleanClaim, ctxFor } from "./fixtures.ts";
import { scrub } from "./index.ts";

const rules: PayerRule[] = [
  { ruleId: "pr_auth", kind: "prior_auth", severity: "error", codes: ["96372"] },
  {
    ruleId: "pr_mod",
    kind: "required_modifier",
    severity: "warning",
    codes: ["J3420"],
    modifiers: ["JW", "JZ"],
    note: "Drug waste must be reported.",
  },
  { ruleId: "pr_nc", kind: "non_covered", severity: "error", codes: ["99214"] },
  { ruleId: "pr_freq", kind: "frequency", severity: "error", frequencyCodes: ["1"] },
];

describe("payer rules an owner adds", () => {
  it("each finding carries the rule's own id and severity", () => {
    const found = scrub(ctxFor(cleanClaim(), { payerRules: rules })).filter((f) => f.ruleId.startsWith("payer-rule."));
    expect(found.map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ["payer-rule.pr_nc", "error", "lines.0.procedureCode"],
      ["payer-rule.pr_auth", "error", "priorAuthorization"],
      ["payer-rule.pr_mod", "warning", "lines.2.modifiers"],
    ]);
    expect(found[2]!.message).toBe(
      "Line 3: Blue Prairie Health requires modifier JW or JZ on J3420. Drug waste must be reported.",
    );
  });

  it("frequency: a payer that takes originals only refuses a replacement", () => {
    const c = claimWith((x) => Object.assign(x, { frequencyCode: "7", payerClaimControlNumber: "PCN1" }));
    const f = scrub(ctxFor(c, { payerRules: rules.slice(3) })).filter((x) => x.ruleId === "payer-rule.pr_freq");
    expect(f).toEqual([
      expect.objectContaining({
        path: "frequencyCode",
        message: "Blue Prairie Health takes claims of frequency 1 only; this claim is frequency 7.",
      }),
    ]);
  });

  it("takes overrides by its id: off drops it, warning softens it", () => {
    const ids = (o: Record<string, "off" | "warning">) =>
      scrub(ctxFor(cleanClaim(), { payerRules: rules.slice(0, 1) }), o).map((f) => `${f.ruleId}:${f.severity}`);
    expect(ids({})).toEqual(["payer-rule.pr_auth:error"]);
    expect(ids({ "payer-rule.pr_auth": "warning" })).toEqual(["payer-rule.pr_auth:warning"]);
    expect(ids({ "payer-rule.pr_auth": "off" })).toEqual([]);
  });
});
