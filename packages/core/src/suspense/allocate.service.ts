import { auditPut } from "../audit/index.ts";
import { claimUpdateItem, getClaim, historyEvent, type Claim, type ClaimStatus } from "../claim/index.ts";
import { claimStatusEvent } from "../event/index.ts";
import { Periods } from "../invoice/index.ts";
import { applyEntries, entryPut, zeroBalances, type EntryDraft } from "../ledger/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, conflict, invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { usd } from "../shared/money.ts";
import { authorize } from "../shared/permissions.ts";
import { DeadlinePassed, TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";
import type { Allocation, SuspenseAllocationInput, SuspenseView } from "./suspense.schema.ts";
import { itemUpdate, readItem, viewOf, type SuspenseItem } from "./suspense.store.ts";

/** Claims suspense money may be applied to: the payer has them. */
const PAYABLE: readonly ClaimStatus[] = ["submitted", "accepted", "paid", "partially_paid", "denied"];
/** A claim the payer had not answered yet is paid by the money its 835 carried without our claim id. */
const ANSWERED_BY_IT: readonly ClaimStatus[] = ["submitted", "accepted"];

/** Amounts have the item's sign; a negative or zero item (a takeback, a denial of a stranger's claim) is only kept. */
function checkSigns(item: SuspenseItem, input: SuspenseAllocationInput) {
  const errors: { path: string; message: string }[] = [];
  input.allocations.forEach((a, i) => {
    if (item.paidCents <= 0 && a.kind !== "keep")
      errors.push({
        path: `allocations.${i}.kind`,
        message: "an item of no money, or money taken back, is kept with a note",
      });
    else if (item.paidCents > 0 && a.amountCents <= 0)
      errors.push({ path: `allocations.${i}.amountCents`, message: "must be more than 0" });
    else if (item.paidCents < 0 && a.amountCents >= 0)
      errors.push({ path: `allocations.${i}.amountCents`, message: "must be negative, as the item is" });
    else if (item.paidCents === 0 && a.amountCents !== 0)
      errors.push({ path: `allocations.${i}.amountCents`, message: "must be 0, as the item is" });
    if (a.kind === "apply" && item.kind === "provider_adjustment")
      errors.push({
        path: `allocations.${i}.kind`,
        message: "a provider-level adjustment has no claim: refund or keep it",
      });
  });
  if (errors.length) throw invalid(errors);
  const remaining = item.paidCents - (item.allocatedCents ?? 0);
  const asked = input.allocations.reduce((s, a) => s + a.amountCents, 0);
  if (Math.abs(asked) > Math.abs(remaining))
    throw invalid([
      { path: "allocations", message: `they add up to ${usd(asked)}; ${usd(remaining)} of the item is left` },
    ]);
  return asked;
}

/**
 * Works a suspense item (If-Match): money applied to claims (one or several: a split), refunded
 * to the payer with its reference, or kept with a note, until applied + refunded + kept is the
 * item. Applied money is an insurance payment on the claim from the original 835 (its
 * remittance), booked into the month of the 835's deposit, or the next open one when that month
 * is closed (the month-close fence); a claim the payer had not answered yet is then paid. The
 * item, the entries, the claims and their history, and the audit event are one transaction.
 */
export async function allocateSuspense(
  p: Principal,
  itemId: string,
  input: SuspenseAllocationInput,
  ifMatch: number | undefined,
): Promise<SuspenseView> {
  authorize(p, "suspense.resolve");
  const item = await readItem(p.tenantId, itemId);
  if (!item) throw notFound("Suspense item");
  if (ifMatch === undefined)
    throw new AppError(
      428,
      "precondition-required",
      "Precondition required",
      'Send If-Match with the item version, e.g. If-Match: "1"',
    );
  if (ifMatch !== (item.version ?? 0))
    throw preconditionFailed(`The item is at version ${item.version ?? 0}, not ${ifMatch}; reload it and retry`);
  if (item.resolved)
    throw new AppError(409, "resolved", "Already resolved", "All of the item's money has gone somewhere");
  const asked = checkSigns(item, input);
  // The claims money goes to, each read once (another company's is not found).
  const claims = new Map<string, Claim>();
  for (const a of input.allocations)
    if (a.kind === "apply" && !claims.has(a.claimId)) {
      const c = await getClaim(p, a.claimId);
      if (!PAYABLE.includes(c.status))
        throw new AppError(
          409,
          "not-payable",
          "Claim not at the payer",
          `A ${c.status} claim (${c.claimId}) is not paid by an 835`,
        );
      if (a.lineId && !c.doc.lines.some((l) => l.lineId === a.lineId))
        throw invalid([{ path: "lineId", message: `${a.lineId} is not a line of claim ${c.claimId}` }]);
      claims.set(c.claimId, c);
    }
  const periods = new Periods(p.tenantId);
  for (let attempt = 0; ; attempt++) {
    const at = now();
    const months = new Map<string, { month: string; deadline: number }>();
    for (const c of claims.values())
      if (!months.has(c.practiceId)) months.set(c.practiceId, await periods.openMonth(c.practiceId, item.depositDate));
    const deadline = Math.min(Infinity, ...[...months.values()].map((m) => m.deadline));
    const start = (item.allocations as Allocation[] | undefined)?.length ?? 0;
    const allocations: Allocation[] = input.allocations.map((a, i) => {
      const n = start + i + 1;
      const base = { n, kind: a.kind, amountCents: a.amountCents, by: actorOf(p), at };
      if (a.kind === "apply") {
        const c = claims.get(a.claimId)!;
        return {
          ...base,
          claimId: c.claimId,
          practiceId: c.practiceId,
          ...(a.lineId ? { lineId: a.lineId } : {}),
          entryId: `${itemId}-S${n}`,
          month: months.get(c.practiceId)!.month,
        };
      }
      if (a.kind === "refund")
        return {
          ...base,
          refundId: newId("rfd"),
          reference: a.reference,
          method: a.method,
          ...(a.note ? { note: a.note } : {}),
        };
      return { ...base, note: a.note };
    });
    const items: TxItem[] = [
      itemUpdate(
        item,
        [...((item.allocations as Allocation[]) ?? []), ...allocations],
        (item.allocatedCents ?? 0) + asked,
      ),
    ];
    for (const c of claims.values()) {
      const mine = allocations.filter((a) => a.claimId === c.claimId);
      const entries: EntryDraft[] = mine.map((a) => ({
        kind: "insurance_payment",
        amountCents: a.amountCents,
        ...(a.lineId ? { lineId: a.lineId } : {}),
      }));
      const balances = applyEntries(c.balances ?? zeroBalances(c.totalChargeCents), entries);
      const status: ClaimStatus = ANSWERED_BY_IT.includes(c.status) ? "paid" : c.status;
      const total = mine.reduce((s, a) => s + a.amountCents, 0);
      const why = `suspense ${itemId} applied ${usd(total)} from remittance ${item.remittanceId}`;
      items.push(
        ...mine.map((a) =>
          entryPut({
            tenantId: p.tenantId,
            practiceId: c.practiceId,
            month: a.month!,
            entryId: a.entryId!,
            claimId: c.claimId,
            kind: "insurance_payment",
            ...(a.lineId ? { lineId: a.lineId } : {}),
            amountCents: a.amountCents,
            payerId: c.payerId,
            remittanceId: item.remittanceId,
            depositDate: item.depositDate,
            postedAt: at,
            actor: actorOf(p),
            note: `from suspense item ${itemId}`,
          }),
        ),
        tx.update(
          claimUpdateItem(p.tenantId, c.claimId, {
            set: {
              balances,
              status,
              updatedAt: at,
              ...(status !== c.status ? { statusReason: why } : {}),
              ...(!c.firstPaidDate ? { firstPaidDate: item.depositDate } : {}),
            },
            keys: { practiceId: c.practiceId, serviceDate: c.serviceDate },
            version: c.version,
            claim: c,
          }),
        ),
        tx.put(
          historyEvent(
            p.tenantId,
            c.claimId,
            actorOf(p),
            { kind: "status", from: c.status, to: status, reason: why },
            at,
          ),
        ),
        ...(status !== c.status
          ? claimStatusEvent(p.tenantId, c, status, { remittanceId: item.remittanceId }, at)
          : []),
      );
    }
    const sum = (k: Allocation["kind"]) =>
      allocations.filter((a) => a.kind === k).reduce((s, a) => s + a.amountCents, 0);
    items.push(
      tx.put(
        auditPut(p, `suspense:${itemId}`, "allocated", {
          note: `applied ${usd(sum("apply"))}, refunded ${usd(sum("refund"))}, kept ${usd(sum("keep"))}`,
        }),
      ),
    );
    try {
      await transactWrite(items, Number.isFinite(deadline) ? { deadline } : {});
      return viewOf({
        ...item,
        allocations: [...((item.allocations as Allocation[]) ?? []), ...allocations],
        allocatedCents: (item.allocatedCents ?? 0) + asked,
        resolved: (item.allocatedCents ?? 0) + asked === item.paidCents,
        version: (item.version ?? 0) + 1,
      });
    } catch (err) {
      if (err instanceof DeadlinePassed && attempt < 5) {
        periods.forget();
        continue;
      }
      if (err instanceof TransactionConflict && err.failed("suspense"))
        throw preconditionFailed("The item changed since it was read; reload it and retry");
      if (err instanceof TransactionConflict) throw conflict("A claim changed at the same time; reload it and retry");
      throw err;
    }
  }
}

/** One item, as the API shows it (suspense is the company's: a practice principal does not see it). */
export async function getSuspenseItem(p: Principal, itemId: string): Promise<SuspenseView> {
  authorize(p, "remittance.read");
  const item = await readItem(p.tenantId, itemId);
  if (!item) throw notFound("Suspense item");
  return viewOf(item);
}
