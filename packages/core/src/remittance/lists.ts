import { RemittanceEntity } from "./remittance.entity.ts";
import { runPage } from "../shared/db.ts";

/** Payments received (one per 835 transaction), newest first. */
export async function listRemittances(tenantId: string, q: { limit?: number; cursor?: string }) {
  const page = await runPage(() =>
    RemittanceEntity.query.byTenant({ tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null, order: "desc" }),
  );
  return { items: page.items.map(({ tenantId: _t, ...r }) => r), nextCursor: page.nextCursor };
}
