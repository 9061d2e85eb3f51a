import { z } from "zod";
import type { Balances } from "./balances.ts";
import type { Collections } from "./collections.ts";

/** Views of the ledger as the API shows it; typed against the ledger's own types. */
const cents = z.number().int();

/** Collections by category (see Collections). */
export const collectionsView = z.object({
  insurancePaymentsCents: cents,
  patientPaymentsCents: cents,
  refundsCents: cents,
  recoupmentsCents: cents,
  interestCents: cents,
}) satisfies z.ZodType<Collections>;

/** A claim's running balances (see Balances). */
export const balancesView: z.ZodType<Balances> = z.object({
  chargeCents: cents,
  insurancePaidCents: cents,
  adjustedCents: cents,
  contractualCents: cents.optional(),
  deniedCents: cents.optional(),
  priorPayerCents: cents.optional(),
  priorPayerReportedCents: cents.optional(),
  restatedContractualCents: cents.optional(),
  patientResponsibilityCents: cents,
  transferredCents: cents.optional(),
  movedCents: cents.optional(),
  insuranceBalanceCents: cents,
  patientPaidCents: cents.optional(),
  patientBalanceCents: cents.optional(),
  patientCreditCents: cents
    .optional()
    .describe(
      "Patient money held on the claim, not applied to a share (a desk payment before adjudication, an overpayment)",
    ),
});

/** One ledger entry, as stored less the tenant id. */
export const ledgerEntryView = z.object({
  practiceId: z.string(),
  month: z.string(),
  entryId: z.string(),
  claimId: z.string().describe("The claim, or for a provider-level (PLB) entry `PLB-<remittanceId>`"),
  lineId: z.string().optional(),
  kind: z.string(),
  group: z.string().optional(),
  reason: z.string().optional(),
  remarks: z.array(z.string()).optional(),
  amountCents: cents,
  payerId: z.string().optional(),
  remittanceId: z.string().optional(),
  depositDate: z.string(),
  postedAt: z.string(),
  actor: z.string().optional(),
  note: z.string().optional(),
});

/** A claim's ledger: its balances (null before anything posted) and its entries. */
export const claimLedgerView = z.object({ balances: balancesView.nullable(), items: z.array(ledgerEntryView) });
