import { z } from "zod";
import { cents, signedCents } from "../shared/schema.ts";

/** What suspense holds: an 835 claim payment with no claim, a provider adjustment (PLB) with no practice. */
export const SUSPENSE_KINDS = ["claim", "provider_adjustment"] as const;

const claimId = z.string().min(1).max(20);
const note = z.string().trim().min(3).max(500);

/**
 * Where some of an item's money goes: applied to a claim (an insurance payment on it, from the
 * original 835), refunded to the payer (a refund record with its reference), or kept with a
 * note. Amounts have the item's sign; a negative item (a takeback) is kept, with a note.
 */
export const allocationInput = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("apply"),
    claimId,
    /** The line it pays, when known. */
    lineId: z.string().min(1).max(20).optional(),
    amountCents: cents.positive(),
  }),
  z.strictObject({
    kind: z.literal("refund"),
    amountCents: cents.positive(),
    /** The check number, EFT trace or the payer's offset reference. */
    reference: z.string().trim().min(1).max(60),
    method: z.enum(["check", "eft", "offset"]).default("check"),
    note: note.optional(),
  }),
  z.strictObject({ kind: z.literal("keep"), amountCents: signedCents, note }),
]);
export type AllocationInput = z.infer<typeof allocationInput>;

export const suspenseAllocationInput = z.strictObject({ allocations: z.array(allocationInput).min(1).max(20) });
export type SuspenseAllocationInput = z.infer<typeof suspenseAllocationInput>;

export const allocationView = z.object({
  n: z.number().int(),
  kind: z.enum(["apply", "refund", "keep"]),
  amountCents: z.number().int(),
  claimId: z.string().optional(),
  practiceId: z.string().optional(),
  lineId: z.string().optional(),
  entryId: z.string().optional().describe("The insurance payment it posted on the claim"),
  month: z.string().optional().describe("The month it was booked into (the deposit's, or the next open one)"),
  refundId: z.string().optional(),
  reference: z.string().optional(),
  method: z.string().optional(),
  note: z.string().optional(),
  by: z.string(),
  at: z.string(),
});
export type Allocation = z.infer<typeof allocationView>;

/** Money that came in without a claim to put it on, and where it has gone since. */
export const suspenseView = z.object({
  itemId: z.string(),
  remittanceId: z.string().describe("The 835 payment it came in (`GET /v1/remittances`)"),
  kind: z.enum(SUSPENSE_KINDS),
  payerKey: z.string().optional(),
  patientControlNumber: z.string().optional(),
  payerClaimControlNumber: z.string().optional(),
  chargeCents: z.number().int().optional(),
  paidCents: z.number().int(),
  reason: z.string(),
  depositDate: z.string(),
  receivedAt: z.string(),
  resolved: z.boolean(),
  allocations: z.array(allocationView),
  allocatedCents: z.number().int(),
  remainingCents: z.number().int().describe("paidCents - allocatedCents: still to apply, refund or keep"),
  appliedCents: z.number().int(),
  refundedCents: z.number().int(),
  keptCents: z.number().int(),
  version: z.number().int(),
});
export type SuspenseView = z.infer<typeof suspenseView>;

export const suspenseListQuery = z.strictObject({
  status: z.enum(["open", "resolved", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
export type SuspenseListQuery = z.infer<typeof suspenseListQuery>;
