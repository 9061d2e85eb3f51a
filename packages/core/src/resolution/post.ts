import { canTransition, claimUpdateItem, historyEvent, todayIn, type Claim } from "../claim/index.ts";
import {
  applyEntries,
  creditToApply,
  entryPut,
  zeroBalances,
  type Balances,
  type EntryDraft,
} from "../ledger/index.ts";
import { creditItems } from "../remittance/index.ts";
import { heldByAppeals } from "../appeal/index.ts";
import { getPractice } from "../practice/index.ts";
import { Periods, withOpenMonth } from "../invoice/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, conflict, invalid } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { workItem } from "../shared/work.ts";
import { TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";

/**
 * What a resolution may take: the denied money still open on the claim that no open appeal holds
 * (an appeal's money is the appeal's until it is paid, decided or withdrawn).
 */
export function resolvable(claim: Pick<Claim, "balances" | "appeals">): number {
  return (claim.balances?.deniedCents ?? 0) - heldByAppeals(claim.appeals);
}

/** The amount a resolution takes: as asked (at most what is resolvable), or all of it. */
export function amountFor(claim: Claim, asked?: number): number {
  const open = resolvable(claim);
  if (open <= 0) {
    const held = heldByAppeals(claim.appeals);
    throw new AppError(
      409,
      "no-open-denial",
      "Nothing denied is open",
      held > 0
        ? `The denied money on claim ${claim.claimId} is held by its open appeals; withdraw one first`
        : `Claim ${claim.claimId} has no denied amount left to resolve`,
    );
  }
  if (asked !== undefined && asked > open)
    throw invalid([{ path: "amountCents", message: `only ${open} cents of denials are open on this claim` }]);
  return asked ?? open;
}

/** The claim's balances after an entry. */
export const balancesAfter = (claim: Claim, e: EntryDraft) =>
  applyEntries(claim.balances ?? zeroBalances(claim.totalChargeCents), [e]);

/** A resolution's ledger entry: who, why, on the practice's today, booked into the open month. */
export function resolutionEntry(
  p: Principal,
  claim: Claim,
  e: { entryId: string; kind: EntryDraft["kind"]; amountCents: number; reason?: string; note: string; actor?: string },
  month: string,
  date: string,
  at: string,
): TxItem {
  return entryPut({
    tenantId: p.tenantId,
    practiceId: claim.practiceId,
    month,
    entryId: e.entryId,
    claimId: claim.claimId,
    kind: e.kind,
    amountCents: e.amountCents,
    ...(e.reason ? { reason: e.reason } : {}),
    payerId: claim.payerId,
    remittanceId: e.entryId,
    depositDate: date,
    postedAt: at,
    actor: e.actor ?? actorOf(p),
    note: e.note,
  });
}

/** Runs a posting within the practice's open month (month-close fence), a conflict answered as 409. */
export async function inOpenMonth<T>(
  p: Principal,
  practiceId: string,
  run: (month: string, fence: { deadline: number }, date: string) => Promise<T>,
): Promise<T> {
  const date = todayIn((await getPractice(p, practiceId)).timeZone);
  return withOpenMonth(new Periods(p.tenantId), practiceId, date, (month, fence) => run(month, fence, date)).catch(
    (err: unknown) => {
      if (err instanceof TransactionConflict) throw conflict("The claim changed at the same time; reload it and retry");
      throw err;
    },
  );
}

export interface Posted {
  entryId: string;
  at: string;
  status: Claim["status"];
  balances: Balances;
}

/**
 * A write-off or a bill-to-patient of a denied amount: the entry naming who and why, the claim's
 * balances and history in one transaction (with `extra`: an approval's request decided). A claim
 * nobody owes anything on any more is closed.
 */
export async function postDenialEntry(
  p: Principal,
  claim: Claim,
  e: {
    kind: "denial_write_off" | "denial_to_patient";
    amountCents: number;
    reason?: string;
    note: string;
    actor?: string;
    entryId?: string;
  },
  history: string,
  extra: TxItem[] = [],
): Promise<Posted> {
  const resolved = balancesAfter(claim, e);
  // A denial billed to the patient is a share now known: credit the patient holds on the claim pays it
  // (on a claim with a secondary, the credit waits for the last payer).
  const apply = claim.secondaryClaimId ? 0 : creditToApply(resolved);
  const credit: EntryDraft[] = apply > 0 ? [{ kind: "credit_applied", amountCents: apply }] : [];
  const balances = credit.length ? applyEntries(resolved, credit) : resolved;
  const settled = balances.insuranceBalanceCents === 0 && (balances.patientBalanceCents ?? 0) === 0;
  const status = settled && canTransition(claim.status, "closed") ? "closed" : claim.status;
  const entryId = e.entryId ?? newId("res");
  const at = now();
  await inOpenMonth(p, claim.practiceId, async (month, fence, date) => {
    await transactWrite(
      [
        resolutionEntry(p, claim, { ...e, entryId }, month, date, at),
        ...creditItems(
          p.tenantId,
          claim,
          credit,
          { month, entryBase: entryId, remittanceId: entryId, depositDate: date, at },
          p,
        ),
        tx.update(
          claimUpdateItem(p.tenantId, claim.claimId, {
            set: {
              balances,
              status,
              updatedAt: at,
              ...(status !== claim.status ? { statusReason: history } : {}),
            },
            keys: { practiceId: claim.practiceId, serviceDate: claim.serviceDate },
            version: claim.version,
            claim,
          }),
        ),
        tx.put(
          historyEvent(
            p.tenantId,
            claim.claimId,
            actorOf(p),
            { kind: "denial_action", from: claim.status, to: status, reason: history },
            at,
          ),
        ),
        workItem(p.tenantId, claim.practiceId, at, "denialsWorked", entryId),
        ...extra,
      ],
      fence,
    );
  });
  return { entryId, at, status, balances };
}
