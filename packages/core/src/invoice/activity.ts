import { CounterEntity } from "../shared/counter.ts";
import { FirstSubmissionEntity } from "./activity.entity.ts";
import { tx } from "../shared/transact.ts";
import type { LedgerRow } from "../ledger/index.ts";

/**
 * Per practice-month counts the flat fees bill on. Statements sent are a counter moved when a
 * statement is issued (one write per statement, never contended). Claims submitted are not a
 * counter: every claim's first submission writes its own small record, keyed by practice, month
 * and claim, in the claim's own transaction, so concurrent batches of one practice never meet on
 * one hot item. Month close counts the records of the month; a claim has one record, in the month
 * of its first submission, however often its move is retried or its batch redelivered.
 */
export type Activity = "claims-submitted" | "statements-sent";

const counterName = (kind: Activity, practiceId: string, month: string) => `${kind}:${practiceId}:${month}`;

export function countActivity(tenantId: string, practiceId: string, month: string, kind: Activity) {
  return tx.update(
    CounterEntity.update({ tenantId, name: counterName(kind, practiceId, month) })
      .add({ value: 1 })
      .params(),
  );
}

/**
 * The transaction item that records a claim's first submission, written with the claim's move
 * to submitted (whose condition on the claim's version makes the move, and the record, happen once;
 * the record's key is the claim, so writing it again could not count it twice).
 */
export function firstSubmissionItem(
  tenantId: string,
  first: { practiceId: string; claimId: string; batchId: string; at: string },
) {
  return tx.put(FirstSubmissionEntity.put({ tenantId, ...first, month: first.at.slice(0, 7) }).params());
}

async function firstSubmissions(tenantId: string, practiceId: string, month: string): Promise<number> {
  const { data } = await FirstSubmissionEntity.query
    .byMonth({ tenantId, practiceId, month })
    .go({ pages: "all", attributes: ["claimId"], consistent: true });
  return data.length;
}

export async function readActivity(
  tenantId: string,
  practiceId: string,
  month: string,
): Promise<Record<Activity, number>> {
  const counter = async (kind: Activity) => {
    const { data } = await CounterEntity.get({ tenantId, name: counterName(kind, practiceId, month) }).go({
      consistent: true,
    });
    return data?.value ?? 0;
  };
  // A claims-submitted counter is what months before the per-claim records counted (nothing adds to it now).
  const [legacy, records, statements] = await Promise.all([
    counter("claims-submitted"),
    firstSubmissions(tenantId, practiceId, month),
    counter("statements-sent"),
  ]);
  return { "claims-submitted": legacy + records, "statements-sent": statements };
}

const POSTINGS = new Set(["insurance_payment", "patient_payment", "patient_deposit", "collection_recovery"]);

/**
 * Payments posted in a month, from the ledger entries month close reads anyway (no counter on the
 * posting path): one per claim per remittance (an 835's CLP, a reversal included) and one per
 * patient payment on a claim.
 */
export function paymentsPosted(
  entries: Pick<LedgerRow, "kind" | "claimId" | "remittanceId" | "entryId" | "amountCents">[],
): number {
  const seen = new Set<string>();
  for (const e of entries)
    if (POSTINGS.has(e.kind) && e.amountCents !== 0) seen.add(`${e.kind}|${e.claimId}|${e.remittanceId ?? e.entryId}`);
  return seen.size;
}
