import { z } from "zod";
import { getClaim, insertClaim, moveItems, type Claim } from "./claim.service.ts";
import { patchedDocument, type ClaimPatch } from "./edit.service.ts";
import type { TxItem } from "../shared/transact.ts";
import { ADJUDICATED } from "./status.ts";
import { newClaimId } from "./build.ts";
import { scrubClaim } from "./scrub.service.ts";
import { getPractice } from "../practice/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError } from "../shared/errors.ts";
import { now } from "../shared/db.ts";
import { workItem } from "../shared/work.ts";

export const correctionInput = z.strictObject({
  /** The payer's claim control number (ICN/DCN) of the claim being replaced or voided, when the payer answers have not recorded it. */
  payerClaimControlNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,50}$/)
    .optional(),
  reason: z.string().trim().min(1).max(200),
});
export type CorrectionInput = z.infer<typeof correctionInput>;

/** What a caller adds to a correction (a denial resolved by a corrected claim). */
export interface CorrectionOptions {
  /** The fix the replacement carries (a modifier, a diagnosis, an authorization...), as a claim edit would make it. */
  fix?: Omit<ClaimPatch, "reason">;
  /** More changes to the original, beside its move (its balances). */
  changes?: Record<string, unknown>;
  /** More writes of the same transaction, given the new claim's id (ledger entries, audit). */
  extra?: (correctionId: string) => TxItem[];
  /** The original as the caller read it (so its checks and the move see the same version). */
  original?: Claim;
  /** The month-close fence the extra writes (ledger entries) must be written within. */
  fence?: { deadline: number };
}

/**
 * Replacement (frequency 7) or void (8) of a claim the payer already has: a new claim carrying
 * the original's document (with the fix, for a replacement) and the payer's claim control number
 * (REF*F8); the original becomes `corrected` (replacement) or `voided` (void) in the same
 * transaction as the new claim.
 */
export async function correctClaim(
  p: Principal,
  claimId: string,
  kind: "replacement" | "void",
  input: CorrectionInput,
  opts: CorrectionOptions = {},
): Promise<{ original: Claim; correction: Claim }> {
  authorize(p, "claim.correct");
  const original = opts.original ?? (await getClaim(p, claimId));
  if (!ADJUDICATED.includes(original.status)) {
    throw new AppError(
      409,
      "not-at-payer",
      "Claim not at the payer",
      `A ${original.status} claim has not been accepted by the payer: edit${kind === "void" ? " or void" : ""} it directly instead`,
    );
  }
  const pccn = original.payerClaimControlNumber ?? input.payerClaimControlNumber;
  if (!pccn) {
    throw new AppError(422, "validation", "Validation failed", "The payer's claim control number is needed", [
      { path: "payerClaimControlNumber", message: "is required: no payer answer has recorded it for this claim" },
    ]);
  }
  const practice = await getPractice(p, original.practiceId);
  const fixed = kind === "replacement" && opts.fix ? await patchedDocument(p, original, opts.fix) : original.doc;
  const doc = {
    ...structuredClone(fixed),
    claimId: newClaimId(),
    frequencyCode: kind === "replacement" ? ("7" as const) : ("8" as const),
    payerClaimControlNumber: pccn,
    originalClaimId: original.claimId,
  };
  const scrubbed = await scrubClaim(p.tenantId, doc, practice.timeZone);
  // Fingerprint duplicates are expected here: a correction is the same visit by design.
  const findings = scrubbed.findings.filter((f) => f.ruleId !== "claim.duplicate");
  const status = findings.some((f) => f.severity === "error") ? "needs_review" : "ready";
  // The new claim and the original's move are one transaction: never one without the other.
  const to = kind === "replacement" ? "corrected" : "voided";
  const move = moveItems(p, original, to, `${kind} claim ${doc.claimId}: ${input.reason}`, {
    ...opts.changes,
    replacedBy: doc.claimId,
    payerClaimControlNumber: pccn,
  });
  const correction = await insertClaim(
    p,
    doc,
    findings,
    status,
    scrubbed.fingerprint,
    `${kind} of ${original.claimId}: ${input.reason}`,
    [
      ...move.items,
      workItem(p.tenantId, original.practiceId, now(), "resubmissions", doc.claimId),
      ...(opts.extra?.(doc.claimId) ?? []),
    ],
    opts.fence,
  );
  return { original: { ...original, ...opts.changes, ...move.result, replacedBy: correction.claimId }, correction };
}
