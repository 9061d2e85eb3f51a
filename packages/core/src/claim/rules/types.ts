import type { ClaimDocument, Severity } from "../claim.types.ts";
import type { CodingEdits } from "../../codes/index.ts";
import type { LatestEligibility } from "../../eligibility/index.ts";

/** The code sets a rule may consult, injected so rules stay pure (see codesets.ts for the real ones). */
export interface CodeSets {
  icd10(
    code: string,
    dateOfService: string,
  ):
    | { status: "billable" }
    | { status: "not_billable"; hint: string }
    | { status: "unknown" }
    | { status: "no_code_set"; fiscalYear: number };
  isValidPos(code: string): boolean;
  isProcedureCodeShape(code: string): boolean;
  isModifierShape(m: string): boolean;
  normalizeNdc(ndc: string): string | undefined;
  /** The CMS coding edits (NCCI PTP, MUE, add-ons, HCPCS, age/sex); without them those rules do not run. */
  edits?: CodingEdits;
}

/** A rule an owner wrote for one payer (settings module); payer-rules.ts runs them. */
export type { PayerRule } from "../../settings/index.ts";
import type { PayerRule } from "../../settings/index.ts";

export interface ScrubContext {
  claim: ClaimDocument;
  /** YYYY-MM-DD, injected (no Date.now() inside rules). */
  today: string;
  codes: CodeSets;
  /** Claim id of an existing, not voided claim with the same patient, rendering provider, dates of service and codes, if any. */
  duplicateOf?: string;
  /** The claim's payer's own rules (company settings for that payer). */
  payerRules?: readonly PayerRule[];
  /** The payer's latest 271 answer for the claim's coverage, when eligibility was checked. */
  eligibility?: LatestEligibility;
}

/** What a rule reports; `scrub` adds the rule id and settles the severity. */
export interface RuleHit {
  path: string;
  message: string;
  fixHint: string;
  /** Overrides the rule's default severity for this one finding (e.g. "can't verify" -> warning). */
  severity?: Severity;
}

export interface Rule {
  /** Stable, dot/kebab case, e.g. "npi.billing"; tenants' overrides are keyed by it. */
  id: string;
  /** Default severity. */
  severity: Severity;
  /** One line, for a settings screen. */
  title: string;
  check(ctx: ScrubContext): RuleHit[];
}

export type RuleOverride = "off" | "warning" | "error";
