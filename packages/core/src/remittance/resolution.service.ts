import { z } from "zod";
import { claimUpdateItem, getClaim, historyEvent, canTransition, todayIn } from "../claim/index.ts";
import { getPractice } from "../practice/index.ts";
import { applyEntries, creditToApply, entryPut, zeroBalances, type EntryDraft } from "../ledger/index.ts";
import { creditItems } from "./credit.service.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, conflict, invalid } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { Periods, withOpenMonth } from "../invoice/index.ts";

/**
 * Resolving a denial. The payer's CAS stays on the ledger as it was reported and the denied
 * amount stays open (insurance A/R, "denied") until a person resolves it: written off with a
 * reason, or billed to the patient. Each is a new ledger entry naming who did it and why, in the
 * same transaction as the claim's balances and its history.
 */
export const denialResolutionInput = z.strictObject({
  resolution: z.enum(["write_off", "bill_patient"]),
  /** Defaults to everything still open on the claim. */
  amountCents: z.number().int("must be integer cents").positive().optional(),
  reason: z.string().trim().min(3).max(500),
});
export type DenialResolutionInput = z.infer<typeof denialResolutionInput>;

export async function resolveDenial(p: Principal, claimId: string, input: DenialResolutionInput) {
  authorize(p, "denial.resolve");
  const claim = await getClaim(p, claimId);
  const open = claim.balances?.deniedCents ?? 0;
  if (open <= 0)
    throw new AppError(
      409,
      "no-open-denial",
      "Nothing denied is open",
      `Claim ${claimId} has no denied amount left to resolve`,
    );
  const amountCents = input.amountCents ?? open;
  if (amountCents > open)
    throw invalid([{ path: "amountCents", message: `only ${open} cents of denials are open on this claim` }]);
  const practice = await getPractice(p, claim.practiceId);
  const kind: EntryDraft["kind"] = input.resolution === "write_off" ? "denial_write_off" : "denial_to_patient";
  const resolved = applyEntries(claim.balances ?? zeroBalances(claim.totalChargeCents), [{ kind, amountCents }]);
  // A denial billed to the patient is a share now known: credit the patient holds on the claim pays it.
  const apply = claim.secondaryClaimId ? 0 : creditToApply(resolved);
  const credit: EntryDraft[] = apply > 0 ? [{ kind: "credit_applied", amountCents: apply }] : [];
  const balances = credit.length ? applyEntries(resolved, credit) : resolved;
  // Nothing left owed by anyone: the claim is done.
  const settled = balances.insuranceBalanceCents === 0 && (balances.patientBalanceCents ?? 0) === 0;
  const status = settled && canTransition(claim.status, "closed") ? "closed" : claim.status;
  const actor = actorOf(p);
  const at = now();
  const date = todayIn(practice.timeZone);
  const entryId = newId("res");
  const periods = new Periods(p.tenantId);
  await withOpenMonth(periods, claim.practiceId, date, async (month, fence) => {
    await transactWrite(
      [
        entryPut({
          tenantId: p.tenantId,
          practiceId: claim.practiceId,
          month,
          entryId,
          claimId,
          kind,
          amountCents,
          payerId: claim.payerId,
          remittanceId: entryId,
          depositDate: date,
          postedAt: at,
          actor,
          note: input.reason,
        }),
        ...creditItems(
          p.tenantId,
          claim,
          credit,
          {
            month,
            entryBase: entryId,
            remittanceId: entryId,
            depositDate: date,
            at,
          },
          p,
        ),
        tx.update(
          claimUpdateItem(p.tenantId, claimId, {
            set: {
              balances,
              status,
              updatedAt: at,
              ...(status !== claim.status ? { statusReason: `denial ${input.resolution}: ${input.reason}` } : {}),
            },
            keys: { practiceId: claim.practiceId, serviceDate: claim.serviceDate },
            version: claim.version,
            claim,
          }),
        ),
        tx.put(
          historyEvent(
            p.tenantId,
            claimId,
            actor,
            {
              kind: "denial_action",
              from: claim.status,
              to: status,
              reason: `${input.resolution} ${amountCents} cents: ${input.reason}`,
            },
            at,
          ),
        ),
      ],
      fence,
    );
  }).catch((err: unknown) => {
    if (err instanceof TransactionConflict) throw conflict("The claim changed at the same time; reload it and retry");
    throw err;
  });
  return {
    claimId,
    resolution: input.resolution,
    amountCents,
    reason: input.reason,
    entryId,
    by: actor,
    at,
    status,
    balances,
  };
}
