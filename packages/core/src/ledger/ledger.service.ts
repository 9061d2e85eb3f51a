import type { CreateEntityItem } from "electrodb";
import { LedgerEntryEntity, type LedgerEntry } from "./ledger.entity.ts";
import { tx } from "../shared/transact.ts";
import { runPage } from "../shared/db.ts";

/**
 * The only reader and writer of the ledger table. Entries are appended in the transaction of the
 * posting that makes them (`entryPut`), never edited; corrections are new entries.
 */
export type NewLedgerEntry = CreateEntityItem<typeof LedgerEntryEntity>;

/** Transaction item: append one entry (fails if its id is already taken, so a retry posts nothing twice). */
/** A ledger entry's write, labelled "entry": its create condition fails when the entry exists (a re-run). */
export function entryPut(entry: NewLedgerEntry) {
  return tx.put(LedgerEntryEntity.create(entry).params(), "entry");
}

/** A claim's entries, oldest first. */
export async function entriesOfClaim(tenantId: string, claimId: string): Promise<LedgerEntry[]> {
  return (await LedgerEntryEntity.query.byClaim({ tenantId, claimId }).go({ pages: "all" })).data;
}

/** One page of a practice-month's entries. */
export async function entriesOfPracticeMonth(
  tenantId: string,
  practiceId: string,
  month: string,
  q: { limit?: number; cursor?: string },
) {
  const page = await runPage(() =>
    LedgerEntryEntity.query
      .byPracticeMonth({ tenantId, practiceId, month })
      .go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map(({ tenantId: _t, ...e }) => e), nextCursor: page.nextCursor };
}
