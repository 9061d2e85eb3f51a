import type { CreateEntityItem } from "electrodb";
import { LedgerEntryEntity, type LedgerEntry, type LedgerItem } from "./ledger.entity.ts";
import type { EntryDraft } from "./balances.ts";
import { tx } from "../shared/transact.ts";
import { runPage } from "../shared/db.ts";

/**
 * The only reader and writer of the ledger table. Entries are appended in the transaction of the
 * posting that makes them (`entryPut`), never edited; corrections are new entries.
 */
export type NewLedgerEntry = CreateEntityItem<typeof LedgerEntryEntity>;

/** A ledger entry's write, labelled "entry": its create condition fails when the entry exists (a re-run). */
export function entryPut(entry: NewLedgerEntry) {
  return tx.put(LedgerEntryEntity.create(entry).params(), "entry");
}

/** What the entries of one CLP share: claim, month, remittance, deposit date; `entryId` is the CLP's. */
export type SharedEntryFields = Omit<
  NewLedgerEntry,
  "kind" | "amountCents" | "lineId" | "group" | "reason" | "remarks" | "entries"
>;

/** The kind of an item that holds a CLP's entries (never an entry's kind: such items are expanded when read). */
const CLP_ITEM = "clp";

type Packed = { k: string; l?: string; g?: string; r?: string; a: number; rm?: string[] };

/** Entry kinds in a CLP's item, short (a kind not listed is kept as it is). */
const KIND_CODE: Partial<Record<EntryDraft["kind"], string>> = {
  insurance_payment: "ip",
  contractual_adjustment: "ca",
  other_adjustment: "oa",
  deductible: "de",
  coinsurance: "ci",
  copay: "cp",
  patient_responsibility: "pr",
  prior_payer_adjustment: "pp",
};
const KIND_OF: Record<string, string> = Object.fromEntries(Object.entries(KIND_CODE).map(([k, c]) => [c, k]));

/**
 * One CLP's entries as one item, labelled "entry" like a single entry (a re-run's create fails).
 * Read back, entry n (from 1) has the id `<entryId>-<nnn>`, the ids one item per entry had.
 */
export function entriesPut(shared: SharedEntryFields, entries: EntryDraft[]) {
  const packed: Packed[] = entries.map((e) => ({
    k: KIND_CODE[e.kind] ?? e.kind,
    a: e.amountCents,
    ...(e.lineId !== undefined ? { l: e.lineId } : {}),
    ...(e.group !== undefined ? { g: e.group } : {}),
    ...(e.reason !== undefined ? { r: e.reason } : {}),
    ...(e.remarks?.length ? { rm: e.remarks } : {}),
  }));
  return tx.put(
    LedgerEntryEntity.create({ ...shared, kind: CLP_ITEM, amountCents: 0, entries: packed }).params(),
    "entry",
  );
}

/** A stored item as the entries it holds: itself, or each entry of a CLP's item. */
export function expandItem(item: LedgerItem): LedgerEntry[] {
  const { entries, ...shared } = item;
  if (shared.kind !== CLP_ITEM || !Array.isArray(entries)) return [shared];
  const { kind: _k, amountCents: _a, ...common } = shared;
  return (entries as Packed[]).map((e, n) => ({
    ...common,
    entryId: `${shared.entryId}-${String(n + 1).padStart(3, "0")}`,
    kind: KIND_OF[e.k] ?? e.k,
    amountCents: e.a,
    ...(e.l !== undefined ? { lineId: e.l } : {}),
    ...(e.g !== undefined ? { group: e.g } : {}),
    ...(e.r !== undefined ? { reason: e.r } : {}),
    ...(e.rm ? { remarks: e.rm } : {}),
  }));
}

/** A claim's entries, oldest first. */
export async function entriesOfClaim(tenantId: string, claimId: string): Promise<LedgerEntry[]> {
  return (await LedgerEntryEntity.query.byClaim({ tenantId, claimId }).go({ pages: "all" })).data.flatMap(expandItem);
}

/** One page of a practice-month's entries (a page reads `limit` items; a CLP's entries come together). */
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
  return {
    items: page.items.flatMap(expandItem).map(({ tenantId: _t, ...e }) => e),
    nextCursor: page.nextCursor,
  };
}
