import type { Finding } from "../claim.types.ts";
import type { PayerRule, ScrubContext } from "./types.ts";
import { isBlank, lineLabel } from "./util.ts";

/** The finding id of a payer rule. */
export const payerRuleId = (r: PayerRule) => `payer-rule.${r.ruleId}`;

/** Runs the owner's rules for the claim's payer; each finding carries the rule's own id. */
export function checkPayerRules(ctx: ScrubContext): Finding[] {
  const c = ctx.claim;
  const payer = c.coverage.payerName;
  const out: Finding[] = [];
  for (const r of ctx.payerRules ?? []) {
    const ruleId = payerRuleId(r);
    const note = r.note ? ` ${r.note}` : "";
    const push = (path: string, message: string, fixHint: string) =>
      out.push({ ruleId, severity: r.severity, path, message: `${message}${note}`, fixHint });
    const codes = new Set(r.codes ?? []);
    if (r.kind === "frequency") {
      if (!(r.frequencyCodes ?? []).includes(c.frequencyCode))
        push(
          "frequencyCode",
          `${payer} takes claims of frequency ${(r.frequencyCodes ?? []).join(", ")} only; this claim is frequency ${c.frequencyCode}.`,
          "Send the correction the way this payer asks (often a new claim, or a paper reopening request).",
        );
      continue;
    }
    c.lines.forEach((line, i) => {
      if (!codes.has(line.procedureCode)) return;
      const label = lineLabel(line, i);
      if (r.kind === "prior_auth" && isBlank(c.priorAuthorization))
        push(
          "priorAuthorization",
          `${label}: ${payer} requires prior authorization for ${line.procedureCode}; the claim has none.`,
          "Enter the authorization number the payer issued.",
        );
      else if (r.kind === "non_covered")
        push(
          `lines.${i}.procedureCode`,
          `${label}: ${payer} does not cover ${line.procedureCode}.`,
          "Bill the patient under a signed waiver, or another payer; or remove the line.",
        );
      else if (r.kind === "required_modifier" && !(r.modifiers ?? []).some((m) => line.modifiers.includes(m)))
        push(
          `lines.${i}.modifiers`,
          `${label}: ${payer} requires modifier ${(r.modifiers ?? []).join(" or ")} on ${line.procedureCode}.`,
          "Add the modifier the payer requires.",
        );
    });
  }
  return out;
}
