import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "./db.ts";
import { tx, type TxItem } from "./transact.ts";

/**
 * The billing company's work on a practice, counted by month, for the profitability report: one
 * `ADD` on a small counter item written in the same transaction as the work itself, so a retried
 * or redelivered change counts once (the work's own condition refuses the second write) and the
 * report reads a month of the whole company in one Query instead of the history.
 *
 * Counters are spread over a few shards (picked from the work's own id), so concurrent work on one
 * practice does not meet on one hot item and conflict. Claims sent and statements are not here:
 * the invoice already counts them (invoice/activity.ts); payments posted are counted from the
 * month's ledger when the invoice is computed.
 */
export const WORK_KINDS = ["resubmissions", "denialsWorked", "appeals", "tasksDone"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
const SHARDS = 4;

export const WorkCountEntity = new Entity(
  {
    model: { entity: "workCount", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      month: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      kind: { type: WORK_KINDS, required: true, readOnly: true },
      shard: { type: "number", required: true, readOnly: true },
      count: { type: "number" },
    },
    indexes: {
      byMonth: {
        pk: { field: "pk", composite: ["tenantId", "month"], casing: "none" },
        sk: { field: "sk", composite: ["practiceId", "kind", "shard"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

function shardOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % SHARDS;
}

/**
 * The transaction item that counts one unit of work done at `at` (an ISO time or a date: its
 * month is the work's month) for a practice; `key` is the work's own id (claim, task...). Each
 * kind has its own items, so one transaction may count units of different kinds (a corrected
 * claim that resolves a denial) without writing one item twice.
 */
export function workItem(tenantId: string, practiceId: string, at: string, kind: WorkKind, key: string): TxItem {
  return tx.update(
    WorkCountEntity.update({ tenantId, month: at.slice(0, 7), practiceId, kind, shard: shardOf(key) })
      .add({ count: 1 })
      .params(),
  );
}

export type WorkCounts = Record<WorkKind, number>;
export const noWork = (): WorkCounts => ({ resubmissions: 0, denialsWorked: 0, appeals: 0, tasksDone: 0 });

/** Every practice's work in a month (one Query over the month's few counter items), by practice id. */
export async function workOfMonth(tenantId: string, month: string, practiceId?: string) {
  const q = WorkCountEntity.query.byMonth({ tenantId, month, ...(practiceId ? { practiceId } : {}) });
  const { data } = await q.go({ pages: "all" });
  const out = new Map<string, WorkCounts>();
  for (const item of data) {
    if (practiceId && item.practiceId !== practiceId) continue;
    const w = out.get(item.practiceId) ?? noWork();
    w[item.kind] += item.count ?? 0;
    out.set(item.practiceId, w);
  }
  return out;
}
