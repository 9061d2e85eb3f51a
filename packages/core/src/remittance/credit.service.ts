import { entryPut, type EntryDraft } from "../ledger/index.ts";
import { historyEvent } from "../claim/index.ts";
import { actorOf, systemPrincipal, type Principal } from "../shared/context.ts";
import { tx } from "../shared/transact.ts";

/**
 * The writes that move a patient's held credit inside a posting's transaction: applied to the
 * share the payer has just set (`credit_applied`, entry `<base>-CR`), or sent on with the share to
 * the next coverage's claim (`credit_transfer`, `<base>-T3` here and `<base>-T4` there, written by
 * nextClaimItems). Each names who moved it (the 835 posting, or the person resolving a denial) and
 * leaves an event in the claim's history (the claim's audit trail).
 */
export function creditItems(
  tenantId: string,
  claim: { claimId: string; practiceId: string },
  credit: EntryDraft[],
  ledger: { month: string; entryBase: string; remittanceId: string; depositDate: string; at: string },
  by: Principal = systemPrincipal(tenantId, "835"),
) {
  return credit.flatMap((e) => {
    const applied = e.kind === "credit_applied";
    const note = applied
      ? e.amountCents > 0
        ? "the patient's held credit paid the share the payer set"
        : "the share was taken back: what the patient had paid on it is held as credit again"
      : "the patient's held credit moved with the share to the next coverage's claim";
    return [
      entryPut({
        tenantId,
        practiceId: claim.practiceId,
        month: ledger.month,
        entryId: `${ledger.entryBase}-${applied ? "CR" : "T3"}`,
        claimId: claim.claimId,
        kind: e.kind,
        amountCents: e.amountCents,
        remittanceId: ledger.remittanceId,
        depositDate: ledger.depositDate,
        postedAt: ledger.at,
        actor: actorOf(by),
        note,
      }),
      tx.put(
        historyEvent(
          tenantId,
          claim.claimId,
          actorOf(by),
          { kind: "edit", fields: ["balances"], reason: `${e.kind} ${e.amountCents} cents: ${note}` },
          ledger.at,
        ),
      ),
    ];
  });
}
