import { getClaim } from "../claim/index.ts";
import { getTenant } from "../tenant/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import type { DenialResolution, DenialResolutionInput, WriteOffRequestView } from "./resolution.schema.ts";
import { amountFor, postDenialEntry } from "./post.ts";
import { requestWriteOff } from "./approval.service.ts";
import { resolveByCorrection, resolveByRebill } from "./transfer.service.ts";

export type ResolutionOutcome =
  { outcome: "resolved"; resolution: DenialResolution } | { outcome: "pending_approval"; request: WriteOffRequestView };

/**
 * Resolving a claim's open denial, carried out. The payer's CAS stays on the ledger as reported
 * and the denied amount stays open (insurance A/R, "denied") until a person resolves it here:
 *
 * - `write_off` with a reason code and words: a `denial_write_off` entry; above the company's
 *   `writeOffApprovalCents` a biller's write-off waits for an owner's approval instead;
 * - `bill_patient`: a `denial_to_patient` entry, the amount now the patient's;
 * - `corrected_claim`: a replacement (frequency 7) carrying the fix, the denied amount moved to it;
 * - `rebill`: a new claim to the patient's other coverage, the denied claim closed with the link.
 *
 * The amount is at most what is open and not held by an open appeal. Each is written with the
 * claim's balances and history; a claim nobody owes anything on any more is closed.
 */
export async function resolveDenial(
  p: Principal,
  claimId: string,
  input: DenialResolutionInput,
): Promise<ResolutionOutcome> {
  authorize(p, "denial.resolve");
  const claim = await getClaim(p, claimId);
  const done = (resolution: DenialResolution): ResolutionOutcome => ({ outcome: "resolved", resolution });
  if (input.resolution === "corrected_claim") return done(await resolveByCorrection(p, claim, input));
  if (input.resolution === "rebill") return done(await resolveByRebill(p, claim, input));
  const amountCents = amountFor(claim, input.amountCents);
  if (input.resolution === "write_off") {
    const threshold = (await getTenant(p)).writeOffApprovalCents;
    if (threshold !== undefined && amountCents > threshold && p.role !== "owner")
      return {
        outcome: "pending_approval",
        request: await requestWriteOff(
          p,
          claim,
          { amountCents, reasonCode: input.reasonCode, reason: input.reason },
          threshold,
        ),
      };
  }
  const writeOff = input.resolution === "write_off";
  const code = writeOff && input.reasonCode !== "other" ? ` (${input.reasonCode})` : "";
  const posted = await postDenialEntry(
    p,
    claim,
    {
      kind: writeOff ? "denial_write_off" : "denial_to_patient",
      amountCents,
      ...(writeOff ? { reason: input.reasonCode } : {}),
      note: input.reason,
    },
    `${input.resolution} ${amountCents} cents${code}: ${input.reason}`,
  );
  return done({
    claimId,
    resolution: input.resolution,
    amountCents,
    reason: input.reason,
    ...(writeOff ? { reasonCode: input.reasonCode } : {}),
    entryId: posted.entryId,
    by: actorOf(p),
    at: posted.at,
    status: posted.status,
    balances: posted.balances,
  });
}
