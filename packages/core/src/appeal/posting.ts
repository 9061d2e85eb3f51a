import { auditPut } from "../audit/index.ts";
import { historyEvent, type AppealMark, type Claim } from "../claim/index.ts";
import { eventPut } from "../event/index.ts";
import type { EntryDraft } from "../ledger/index.ts";
import { systemPrincipal } from "../shared/context.ts";
import { usd } from "../shared/money.ts";
import { tx, type TxItem } from "../shared/transact.ts";
import { appealPutItem, appealsById, markOf, type AppealRecord } from "./appeal.store.ts";
import { isOpen } from "./rules.ts";

/** CLP02 statuses that adjudicate and may pay (not a denial, not a reversal). */
const PAYS = new Set(["1", "2", "3", "19", "20", "21"]);

/** What one appeal was paid by a CLP's entries: the payment on its lines, or on the whole claim. */
export function paidFor(a: Pick<AppealRecord, "lineIds">, entries: EntryDraft[]): number {
  return entries
    .filter(
      (e) => e.kind === "insurance_payment" && (!a.lineIds || (e.lineId !== undefined && a.lineIds.includes(e.lineId))),
    )
    .reduce((s, e) => s + e.amountCents, 0);
}

/**
 * The open appeals an 835 claim payment pays, closed as `paid` in the posting's own transaction:
 * each appeal whose lines (or claim) the CLP pays money on, with the payment and the remittance
 * recorded, an audit event and `appeal.paid`. Answers the writes and the claim's marks after them,
 * or nothing when the claim has no open appeal (then nothing is read).
 */
export async function appealsPaidBy(
  claim: Pick<Claim, "claimId" | "appeals"> & { tenantId: string },
  clp: { status: string; remittanceId: string; depositDate: string; entries: EntryDraft[] },
  at: string,
): Promise<{ items: TxItem[]; appeals: AppealMark[] } | undefined> {
  const open = (claim.appeals ?? []).filter((m) => isOpen(m.status));
  if (!open.length || !PAYS.has(clp.status)) return undefined;
  const { tenantId } = claim;
  const system = systemPrincipal(tenantId, "835");
  const items: TxItem[] = [];
  const marks = new Map((claim.appeals ?? []).map((m) => [m.appealId, m]));
  for (const a of await appealsById(
    tenantId,
    open.map((m) => m.appealId),
  )) {
    const cents = paidFor(a, clp.entries);
    if (cents <= 0) continue;
    const after: AppealRecord = {
      ...a,
      status: "paid",
      paid: { remittanceId: clp.remittanceId, paidCents: cents, depositDate: clp.depositDate, at },
      updatedAt: at,
      version: a.version + 1,
    };
    const short =
      a.expectedCents !== undefined && cents < a.expectedCents
        ? `, ${usd(a.expectedCents - cents)} short of the expected`
        : "";
    items.push(
      appealPutItem(after, a.version),
      tx.put(
        auditPut(system, `appeal:${a.appealId}`, "paid", {
          practiceId: a.practiceId,
          note: `remittance ${clp.remittanceId}`,
        }),
      ),
      tx.put(
        historyEvent(
          tenantId,
          claim.claimId,
          "system:835",
          {
            kind: "denial_action",
            reason: `appeal ${a.appealId} paid ${usd(cents)} by remittance ${clp.remittanceId}${short}`,
          },
          at,
        ),
      ),
      eventPut(
        tenantId,
        {
          type: "appeal.paid",
          practiceId: a.practiceId,
          ids: { appealId: a.appealId, claimId: claim.claimId, remittanceId: clp.remittanceId },
          status: "paid",
        },
        at,
      ),
    );
    marks.set(a.appealId, markOf(after));
  }
  if (!items.length) return undefined;
  return { items, appeals: [...marks.values()].sort((x, y) => x.seq - y.seq) };
}
