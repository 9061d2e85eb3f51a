import type { Finding, Severity } from "../claim.types.ts";
import type { Rule, RuleOverride, ScrubContext } from "./types.ts";
import { PROVIDER_RULES } from "./providers.ts";
import { DIAGNOSIS_RULES } from "./diagnoses.ts";
import { LINE_RULES } from "./lines.ts";
import { DATE_RULES } from "./dates.ts";
import { COVERAGE_RULES } from "./coverage.ts";
import { ELIGIBILITY_RULES } from "./eligibility.ts";
import { CLAIM_RULES } from "./claim.ts";
import { NCCI_RULES } from "./ncci.ts";
import { CODING_RULES } from "./coding.ts";
import { checkPayerRules } from "./payer-rules.ts";

export type { CodeSets, PayerRule, Rule, RuleHit, RuleOverride, ScrubContext } from "./types.ts";
export { payerRuleId } from "./payer-rules.ts";

/** Every scrub rule, in the order a settings screen lists them. Ids are stable: tenants' overrides are keyed by them. */
export const RULES: readonly Rule[] = Object.freeze([
  ...PROVIDER_RULES,
  ...DIAGNOSIS_RULES,
  ...LINE_RULES,
  ...DATE_RULES,
  ...COVERAGE_RULES,
  ...ELIGIBILITY_RULES,
  ...CLAIM_RULES,
  ...CODING_RULES,
  ...NCCI_RULES,
]);

/** Compares paths segment by segment, numbers numerically: lines.2 before lines.10. */
export function comparePaths(a: string, b: string): number {
  const as = a.split(".");
  const bs = b.split(".");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i] ?? "";
    const y = bs[i] ?? "";
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}

const rank = (s: Severity) => (s === "error" ? 0 : 1);

function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    comparePaths(a.path, b.path) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

function runRule(rule: Rule, ctx: ScrubContext): ReturnType<Rule["check"]> {
  try {
    return rule.check(ctx);
  } catch (err) {
    // A broken check (or a code set that cannot be read) must not lose the claim: report it as a
    // blocking finding so the claim waits in needs_review instead of going out unchecked.
    return [
      {
        path: "",
        severity: "error",
        message: `The check "${rule.title}" could not run: ${err instanceof Error ? err.message : String(err)}.`,
        fixHint:
          "Re-scrub the claim later; if this persists, report it to support or turn the rule off in the scrub settings.",
      },
    ];
  }
}

/**
 * Runs every rule and applies the tenant's overrides: "off" drops the rule, "warning"/"error" sets
 * the severity of all its findings. Without an override a finding keeps its own severity (e.g. a
 * diagnosis that could not be verified is a warning) or else the rule's default. Returns findings
 * errors first, then by path. The claim's payer's own rules (ctx.payerRules) run after the built-in
 * ones, each under its own id, and take overrides by that id too.
 */
export function scrub(ctx: ScrubContext, overrides: Record<string, RuleOverride> = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const override = Object.hasOwn(overrides, rule.id) ? overrides[rule.id] : undefined;
    if (override === "off") continue;
    const forced = override === "warning" || override === "error" ? override : undefined;
    for (const hit of runRule(rule, ctx)) {
      findings.push({
        ruleId: rule.id,
        severity: forced ?? hit.severity ?? rule.severity,
        path: hit.path,
        message: hit.message,
        fixHint: hit.fixHint,
      });
    }
  }
  for (const f of checkPayerRules(ctx)) {
    const override = Object.hasOwn(overrides, f.ruleId) ? overrides[f.ruleId] : undefined;
    if (override === "off") continue;
    findings.push(override === "warning" || override === "error" ? { ...f, severity: override } : f);
  }
  return findings.sort(compareFindings);
}

/** Whether any finding blocks submission (severity "error"). */
export function hasBlockingFindings(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
