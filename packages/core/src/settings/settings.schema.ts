import { z } from "zod";

/** A scrub rule as the API shows it: its default severity and this company's setting. */
export const ruleView = z.object({
  ruleId: z.string(),
  title: z.string(),
  defaultSeverity: z.enum(["error", "warning"]),
  setting: z.enum(["default", "off", "warning", "error"]),
});

const code = z.string().regex(/^[0-9A-Z]{5}$/, "a CPT or HCPCS code: five digits or upper-case letters");
const codes = z.array(code).min(1).max(500);
const common = {
  severity: z.enum(["error", "warning"]).default("error"),
  note: z.string().max(300).optional().describe("Appended to the finding's message"),
};

/** A rule an owner adds for one payer, without code. */
export const payerRuleInput = z.discriminatedUnion("kind", [
  z
    .strictObject({ kind: z.literal("prior_auth"), codes, ...common })
    .describe("These codes need a prior authorization number on the claim"),
  z.strictObject({ kind: z.literal("non_covered"), codes, ...common }).describe("The payer does not cover these codes"),
  z
    .strictObject({
      kind: z.literal("required_modifier"),
      codes,
      modifiers: z
        .array(z.string().regex(/^[A-Z0-9]{2}$/))
        .min(1)
        .max(10),
      ...common,
    })
    .describe("Each line of these codes must carry one of the modifiers"),
  z
    .strictObject({ kind: z.literal("frequency"), frequencyCodes: z.array(z.enum(["1", "7", "8"])).min(1), ...common })
    .describe("The claim frequency codes the payer takes (e.g. 1 only)"),
]);
export type PayerRuleInput = z.infer<typeof payerRuleInput>;

export const payerRuleView = z.object({
  ruleId: z.string().describe('Findings carry it as "payer-rule.<ruleId>"'),
  kind: z.enum(["prior_auth", "non_covered", "required_modifier", "frequency"]),
  severity: z.enum(["error", "warning"]),
  codes: z.array(z.string()).optional(),
  modifiers: z.array(z.string()).optional(),
  frequencyCodes: z.array(z.enum(["1", "7", "8"])).optional(),
  note: z.string().optional(),
});

/** A payer rule as stored and run by the scrubber (claim/rules/payer-rules.ts). */
export interface PayerRule {
  /** Stable id, "pr_…": findings carry it as their ruleId, "payer-rule.pr_…". */
  ruleId: string;
  kind: "prior_auth" | "required_modifier" | "non_covered" | "frequency";
  severity: "error" | "warning";
  /** Procedure codes it applies to (prior_auth, required_modifier, non_covered). */
  codes?: string[];
  /** required_modifier: each line of those codes must carry one of these. */
  modifiers?: string[];
  /** frequency: the claim frequency codes the payer takes. */
  frequencyCodes?: ("1" | "7" | "8")[];
  note?: string;
}
