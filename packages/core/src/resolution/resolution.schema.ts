import { z } from "zod";
import { CLAIM_STATUSES, claimPatch } from "../claim/index.ts";
import { balancesView } from "../ledger/index.ts";
import { cents } from "../shared/schema.ts";

/** Why a denial is written off, for the ledger and the reports (the words go in `reason`). */
export const WRITE_OFF_CODES = [
  "timely_filing",
  "no_authorization",
  "non_covered",
  "appeal_exhausted",
  "small_balance",
  "duplicate",
  "other",
] as const;
export type WriteOffCode = (typeof WRITE_OFF_CODES)[number];

const reason = z.string().trim().min(3).max(500);
/** Defaults to everything still open on the claim that no open appeal holds. */
const amountCents = cents.positive().optional();

/**
 * How a person resolves a claim's open denial. Each is carried out, not only recorded: ledger
 * entries that close the denied amount on this claim, a new claim where one is needed, the
 * claim's history and balances, in one transaction.
 */
export const denialResolutionInput = z.discriminatedUnion("resolution", [
  z.strictObject({
    resolution: z.literal("write_off"),
    amountCents,
    reasonCode: z.enum(WRITE_OFF_CODES).default("other"),
    reason,
  }),
  z.strictObject({ resolution: z.literal("bill_patient"), amountCents, reason }),
  z.strictObject({
    resolution: z.literal("corrected_claim"),
    /** The fix the replacement (frequency 7) carries: lines, modifiers, diagnoses, authorization... */
    fix: claimPatch.omit({ reason: true }).default({}),
    payerClaimControlNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,50}$/)
      .optional(),
    reason,
  }),
  z.strictObject({
    resolution: z.literal("rebill"),
    /** The patient's coverage to bill instead; default: the first (by order) with another payer. */
    coverageId: z.string().min(1).max(40).optional(),
    /** The lines to bill; default: the denied ones. */
    lineIds: z.array(z.string().min(1).max(20)).min(1).max(50).optional(),
    reason,
  }),
]);
export type DenialResolutionInput = z.infer<typeof denialResolutionInput>;

export const RESOLUTIONS = ["write_off", "bill_patient", "corrected_claim", "rebill"] as const;

/** A denied amount resolved, and the claim's balances after it. */
export const denialResolutionView = z.object({
  claimId: z.string(),
  resolution: z.enum(RESOLUTIONS),
  amountCents: z.number().int(),
  reason: z.string(),
  reasonCode: z.enum(WRITE_OFF_CODES).optional(),
  entryId: z.string(),
  by: z.string(),
  at: z.string(),
  status: z.enum(CLAIM_STATUSES),
  balances: balancesView,
  newClaimId: z
    .string()
    .optional()
    .describe("The replacement (corrected_claim) or the claim to the other payer (rebill)"),
  approvedBy: z.string().optional().describe("A write-off an owner approved"),
  requestId: z.string().optional(),
});
export type DenialResolution = z.infer<typeof denialResolutionView>;

export const WRITE_OFF_REQUEST_STATUSES = ["pending", "approved", "rejected"] as const;

export const writeOffRequestView = z.object({
  requestId: z.string(),
  claimId: z.string(),
  practiceId: z.string(),
  amountCents: z.number().int(),
  reasonCode: z.enum(WRITE_OFF_CODES),
  reason: z.string(),
  status: z.enum(WRITE_OFF_REQUEST_STATUSES),
  thresholdCents: z.number().int().describe("The company's approval amount when it was asked"),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  decisionNote: z.string().optional(),
  entryId: z.string().optional().describe("The write-off's ledger entry, once approved"),
  version: z.number().int(),
});
export type WriteOffRequestView = z.infer<typeof writeOffRequestView>;

export const writeOffDecision = z.strictObject({ note: z.string().trim().min(1).max(500).optional() });
export const writeOffRejection = z.strictObject({ note: z.string().trim().min(3).max(500) });

export const writeOffListQuery = z.strictObject({
  status: z.enum(["pending", "decided"]).default("pending"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
export type WriteOffListQuery = z.infer<typeof writeOffListQuery>;
