import type { CreateEntityItem } from "electrodb";
import { LedgerEntryEntity, type LedgerEntry } from "./ledger.entity.ts";
import { tx } from "../shared/transact.ts";

/**
 * The only reader and writer of the ledger table. Entries are appended in the transaction of the
 * posting that makes them (`entryPut`), never edited; corrections are new entries.
 */
export type NewLedgerEntry = CreateEntityItem<typeof LedgerEntryEntity>;

/** Transaction item: append one entry (fails if its id is already taken, so a retry posts nothing twice). */
export function entryPut(entry: NewLedgerEntry) {
  return tx.put(LedgerEntryEntity.create(entry).params());
}

/** A claim's entries, oldest first. */
export async function entriesOfClaim(tenantId: string, claimId: string): Promise<LedgerEntry[]> {
  return (await LedgerEntryEntity.query.byClaim({ tenantId, claimId }).go({ pages: "all" })).data;
}

/** One page of a practice-month's entries. */
export async function entriesOfPracticeMonth(tenantId: string, practiceId: string, month: string, page: { limit?: number; cursor?: string | null }) {
  return LedgerEntryEntity.query.byPracticeMonth({ tenantId, practiceId, month }).go({ limit: page.limit, cursor: page.cursor ?? null });
}
