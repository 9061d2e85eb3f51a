import { z } from "zod";
import { REMITTANCE_STATUSES } from "./remittance.constants.ts";
import type { VisitBalance } from "./cob.ts";
import type { DenialGroup } from "./denials.service.ts";

/** Views of what remittance posting keeps and answers, as the API shows them; one source with the entities and services. */
const cents = z.number().int();

export { REMITTANCE_STATUSES };

/** What posting one 835 file did, counted. */
export const postSummaryView = z.object({
  remittances: z.number().int(),
  incomplete: z.number().int(),
  posted: z.number().int(),
  unmatched: z.number().int(),
  skipped: z.number().int(),
  unbalanced: z.number().int(),
  duplicates: z.number().int(),
  providerAdjustments: z.number().int(),
});
export type PostSummary = z.infer<typeof postSummaryView>;

/** One 835 transaction (one payment: a check or EFT) and what posting it did. */
export const remittanceView = z.object({
  remittanceId: z.string(),
  sha256: z.string(),
  payerName: z.string(),
  payerKey: z.string(),
  trace: z.string(),
  paymentCents: cents,
  depositDate: z.string(),
  status: z.enum(REMITTANCE_STATUSES),
  problems: z.array(z.object({ claim: z.string(), message: z.string() })).optional(),
  summary: postSummaryView.optional(),
  lastRun: postSummaryView
    .extend({ at: z.string() })
    .optional()
    .describe("What the latest re-run of the file found (it posts nothing already posted)"),
  providerAdjustmentsPostedAt: z.string().optional(),
  receivedAt: z.string(),
});

export const denialActionView = z.object({
  action: z.string(),
  note: z.string().optional(),
  by: z.string(),
  at: z.string(),
});

/** A denials work-queue group: one adjustment reason, its claims, a suggested next action. */
export const denialGroupView: z.ZodType<DenialGroup> = z.object({
  reason: z.string(),
  group: z.string(),
  description: z.string(),
  suggestedAction: z.string(),
  amountCents: cents,
  remarks: z.array(z.object({ code: z.string(), description: z.string() })),
  claims: z.array(
    z.object({
      claimId: z.string(),
      practiceId: z.string(),
      status: z.string(),
      lineIds: z.array(z.string()),
      amountCents: cents,
      action: denialActionView.optional(),
      appeal: z.object({ appealId: z.string(), level: z.number().int(), status: z.string() }).optional(),
    }),
  ),
});

/** One visit's patient side, the sums across its claim chain (primary, secondary...). */
export const visitBalanceView: z.ZodType<VisitBalance> = z.object({
  claimId: z.string(),
  claimIds: z.array(z.string()),
  serviceDate: z.string(),
  chargeCents: cents,
  insurancePaidCents: cents,
  patientResponsibilityCents: cents,
  patientPaidCents: cents,
  patientBalanceCents: cents,
  pendingSecondaryCents: cents,
  creditCents: cents.describe("Patient money held on the visit, not applied to a share"),
  overpaymentCents: cents.describe("Held credit left after the last payer set the share: due for refund"),
  status: z.enum(["awaiting_payer", "pending_secondary", "open"]),
});

export const patientBalanceView = z.object({
  patientId: z.string(),
  balanceCents: cents,
  pendingSecondaryCents: cents,
  creditCents: cents.describe("Patient money held across visits (desk payments before adjudication, overpayments)"),
  overpaymentCents: cents.describe("Of that, what is left over once each visit's share is known: due for refund"),
  claims: z.array(visitBalanceView),
});
