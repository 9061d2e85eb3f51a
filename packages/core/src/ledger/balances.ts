/**
 * The ledger's vocabulary, pure: the kinds of entry, and how entries fold into a claim's running
 * balances. Amounts are signed cents; a reversal posts the negative of what it reverses.
 */
export type EntryKind =
  | "insurance_payment"
  | "contractual_adjustment"
  | "other_adjustment"
  | "deductible"
  | "coinsurance"
  | "copay"
  | "patient_responsibility"
  | "patient_payment"
  /** OA-23 and the like: the payer restating an earlier payer's decision (COB); neither a denial nor a write-off. */
  | "prior_payer_adjustment"
  /** On a claim whose payer left a patient share that the next coverage is billed for: the share moves on. */
  | "cob_transfer"
  /** On a secondary (tertiary) claim when it is created: the part of the charge earlier payers resolved. */
  | "cob_prior_payer"
  /** A person's resolution of a denied amount: written off with a reason, or billed to the patient. */
  | "denial_write_off"
  | "denial_to_patient"
  /** Patient money taken before the share it pays is known, or beyond it: held as the patient's credit on the claim. */
  | "patient_deposit"
  /** Held credit applied to the patient's share once the last payer set it (negative: a share taken back returns to credit). */
  | "credit_applied"
  /** Held credit moving with the share to the visit's next claim (negative on the claim it leaves). */
  | "credit_transfer"
  /** Money paid back to the patient: out of what they paid (refund), or out of held credit (credit_refund). */
  | "refund"
  | "credit_refund"
  /** What a collection agency recovered from the patient (gross): paid by the patient, through the agency. */
  | "collection_recovery"
  /** The agency's fee on a recovery (negative): the practice's cost; it moves no balance. */
  | "collection_agency_fee"
  /** A denied amount moved on to another claim that now owes it: a corrected claim (freq 7) or a rebill to another payer. */
  | "denial_transfer";

export interface EntryDraft {
  kind: EntryKind;
  /** Our line id when the 835 line was matched (REF*6R first, then code + date). */
  lineId?: string;
  group?: string;
  reason?: string;
  amountCents: number;
  /** Remittance advice remark codes (LQ*HE) the payer put on the line or claim. */
  remarks?: string[];
}

export interface Balances {
  chargeCents: number;
  insurancePaidCents: number;
  /** Adjustments that close money: contractual, other, written-off denials (not open denials, not OA-23). */
  adjustedCents: number;
  /** The contractual part of adjustedCents (CO-45, 42, 253): the net collection rate's deduction. */
  contractualCents?: number;
  /** Denied by the payer and not yet resolved by a person: still insurance A/R ("denied"). */
  deniedCents?: number;
  /** Secondary/tertiary claim: what earlier payers resolved (paid and adjusted), as posted on their claims. */
  priorPayerCents?: number;
  /** What this claim's payer reported as the earlier payers' impact (OA-23)... */
  priorPayerReportedCents?: number;
  /** ...and the part of its contractual adjustments that repeats theirs (not a new write-off, not in the NCR). */
  restatedContractualCents?: number;
  /** Patient responsibility as the payer reported it (PR groups). */
  patientResponsibilityCents: number;
  /** Of that, what moved on to the next coverage's claim (pending or adjudicated there). */
  transferredCents?: number;
  /** Denied money moved on to another claim (a corrected claim, a rebill to another payer), which owes it now. */
  movedCents?: number;
  /** What insurance may still pay: charge - prior payers - paid - adjustments - patient responsibility - moved; open denials included. */
  insuranceBalanceCents: number;
  /** What the patient paid (refunds net), and what the patient still owes. */
  patientPaidCents?: number;
  patientBalanceCents?: number;
  /** Patient money held on the claim, not (yet) applied to a share: a desk payment before adjudication, or more than the share. */
  patientCreditCents?: number;
}

export const zeroBalances = (chargeCents: number): Balances => ({
  chargeCents,
  insurancePaidCents: 0,
  adjustedCents: 0,
  patientResponsibilityCents: 0,
  insuranceBalanceCents: chargeCents,
});

/** CARC 23: the impact of prior payer(s) adjudication. */
export const isPriorPayerReason = (reason?: string) => reason === "23";
/** The contract, fee schedule or sequestration: reductions the practice agreed to, never worked as denials. */
const CONTRACTUAL_REASONS = new Set(["45", "42", "253"]);
export const isContractual = (group?: string, reason?: string) =>
  group === "CO" && CONTRACTUAL_REASONS.has(reason ?? "");

/** A payer adjustment that refuses money (CO-16, CO-97, CO-50, OA-18...): kept open until a person resolves it. */
export function isDenialReason(group?: string, reason?: string): boolean {
  return group !== undefined && group !== "PR" && !isContractual(group, reason) && !isPriorPayerReason(reason);
}

/**
 * Folds entries into the claim's running balances. Open denials stay in the insurance balance; a
 * secondary's OA-23 (or a contractual adjustment repeating the primary's) restates the prior
 * payers up to what they resolved; the patient owes the patient share less what moved on to the
 * next coverage and what they paid.
 */
export function applyEntries(b: Balances, entries: EntryDraft[]): Balances {
  const next = {
    contractualCents: 0,
    deniedCents: 0,
    priorPayerCents: 0,
    priorPayerReportedCents: 0,
    restatedContractualCents: 0,
    transferredCents: 0,
    patientPaidCents: 0,
    patientCreditCents: 0,
    movedCents: 0,
    ...b,
  };
  for (const e of entries) {
    const a = e.amountCents;
    switch (e.kind) {
      case "patient_payment":
      case "refund":
      case "collection_recovery":
        next.patientPaidCents += a;
        break;
      case "patient_deposit":
      case "credit_transfer":
      case "credit_refund":
        next.patientCreditCents += a;
        break;
      case "credit_applied":
        next.patientCreditCents -= a;
        next.patientPaidCents += a;
        break;
      case "collection_agency_fee":
        break;
      case "insurance_payment":
        next.insurancePaidCents += a;
        break;
      case "contractual_adjustment":
      case "other_adjustment":
        if (isDenialReason(e.group, e.reason)) next.deniedCents += a;
        else {
          next.adjustedCents += a;
          if (isContractual(e.group, e.reason)) next.contractualCents += a;
        }
        break;
      case "prior_payer_adjustment":
        next.priorPayerReportedCents += a;
        break;
      case "cob_prior_payer":
        next.priorPayerCents += a;
        break;
      case "cob_transfer":
        next.transferredCents += a;
        break;
      case "denial_write_off":
        next.deniedCents -= a;
        next.adjustedCents += a;
        break;
      case "denial_to_patient":
        next.deniedCents -= a;
        next.patientResponsibilityCents += a;
        break;
      case "denial_transfer":
        next.deniedCents -= a;
        next.movedCents += a;
        break;
      default:
        next.patientResponsibilityCents += a;
    }
  }
  // On a secondary (tertiary) claim the payer restates what earlier payers resolved, as OA-23 or
  // by repeating their contractual adjustment: up to what they resolved, that is no new write-off.
  const restatedPrior = Math.min(Math.max(next.priorPayerReportedCents, 0), next.priorPayerCents);
  next.restatedContractualCents = Math.min(Math.max(next.contractualCents, 0), next.priorPayerCents - restatedPrior);
  const ownAdjustments =
    next.adjustedCents - next.restatedContractualCents + (next.priorPayerReportedCents - restatedPrior);
  next.insuranceBalanceCents =
    next.chargeCents -
    next.priorPayerCents -
    next.insurancePaidCents -
    ownAdjustments -
    next.patientResponsibilityCents -
    next.movedCents;
  next.patientBalanceCents = next.patientResponsibilityCents - next.transferredCents - next.patientPaidCents;
  return next;
}
