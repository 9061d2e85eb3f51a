import type { ClaimStatus } from "./claim.types.ts";

/**
 * The claim lifecycle. Every change of status is one of these moves, written with a condition on
 * the status it leaves (so two writers cannot both move the same claim) and recorded in history.
 */
export const TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  draft: ["needs_review", "ready", "voided"],
  needs_review: ["needs_review", "ready", "on_hold", "voided"],
  ready: ["needs_review", "ready", "queued", "on_hold", "voided"],
  queued: ["submitted", "ready", "needs_review"],
  // An 835 is stronger evidence than a missing 277CA: a claim paid or denied before its acknowledgement moves on.
  submitted: ["accepted", "rejected", "paid", "partially_paid", "denied"],
  accepted: ["paid", "partially_paid", "denied", "rejected", "corrected", "voided"],
  rejected: ["needs_review", "ready", "on_hold", "voided"],
  paid: ["closed", "partially_paid", "accepted", "corrected", "voided"],
  partially_paid: ["paid", "denied", "accepted", "closed", "corrected", "voided"],
  denied: ["paid", "partially_paid", "accepted", "closed", "corrected", "voided"],
  on_hold: ["needs_review", "ready", "voided"],
  closed: ["corrected"],
  voided: [],
  corrected: [],
};

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses in which a biller may still edit the claim (it has not gone to the payer). */
export const EDITABLE: readonly ClaimStatus[] = ["draft", "needs_review", "ready", "rejected", "on_hold"];

/** Moves a person may ask for through the API; the rest are made by batches and payer answers. */
export const MANUAL_TRANSITIONS: readonly ClaimStatus[] = ["on_hold", "needs_review", "closed", "voided"];

/** Claims the payer has already seen: correcting them takes a replacement (7) or void (8) claim. */
export const ADJUDICATED: readonly ClaimStatus[] = ["accepted", "paid", "partially_paid", "denied", "closed"];
