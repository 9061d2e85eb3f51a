import type { EntityItem } from "electrodb";
import { SuspenseEntity } from "./suspense.entity.ts";
import type { Allocation, SuspenseListQuery, SuspenseView } from "./suspense.schema.ts";
import { runPage } from "../shared/db.ts";
import { tx, type TxItem } from "../shared/transact.ts";

/** The suspense table as the module uses it. */
export type SuspenseItem = EntityItem<typeof SuspenseEntity>;

/** A new item's write, from posting (a re-run's create fails: an item is made once). */
export function suspenseItemPut(item: Omit<SuspenseItem, "resolved" | "allocations" | "allocatedCents" | "version">) {
  return SuspenseEntity.create({ ...item, resolved: false, allocations: [], allocatedCents: 0, version: 1 }).params();
}

export function viewOf({ tenantId: _t, ...i }: SuspenseItem): SuspenseView {
  const allocations = (i.allocations ?? []) as Allocation[];
  const sum = (kind: Allocation["kind"]) =>
    allocations.filter((a) => a.kind === kind).reduce((s, a) => s + a.amountCents, 0);
  const allocatedCents = i.allocatedCents ?? 0;
  return {
    ...i,
    allocations,
    allocatedCents,
    remainingCents: i.paidCents - allocatedCents,
    appliedCents: sum("apply"),
    refundedCents: sum("refund"),
    keptCents: sum("keep"),
    version: i.version ?? 0,
  };
}

export async function readItem(tenantId: string, itemId: string): Promise<SuspenseItem | undefined> {
  const { data } = await SuspenseEntity.get({ tenantId, itemId }).go();
  return data ?? undefined;
}

/** Transaction item: the item with its new allocations, if it is still at the version read (0: an item from before versions). */
export function itemUpdate(i: SuspenseItem, allocations: Allocation[], allocatedCents: number): TxItem {
  const version = i.version ?? 0;
  return tx.update(
    SuspenseEntity.patch({ tenantId: i.tenantId, itemId: i.itemId })
      .set({ allocations, allocatedCents, resolved: allocatedCents === i.paidCents, version: version + 1 })
      .where((a, op) => (version === 0 ? op.notExists(a.version) : op.eq(a.version, version)))
      .params(),
    "suspense",
  );
}

/** Suspense items, by id (the 835's order); open, resolved, or all. */
export async function listSuspense(tenantId: string, q: Partial<SuspenseListQuery>) {
  const query = SuspenseEntity.query.byTenant({ tenantId });
  const filtered =
    q.status === "open"
      ? query.where((a, op) => op.eq(a.resolved, false))
      : q.status === "resolved"
        ? query.where((a, op) => op.eq(a.resolved, true))
        : query;
  const page = await runPage(() => filtered.go({ limit: q.limit, cursor: q.cursor ?? null }));
  return { items: page.items.map(viewOf), nextCursor: page.nextCursor };
}
