import type { EntityItem } from "electrodb";
import { UnderpaymentEntity } from "./underpayment.entity.ts";
import type { UnderpaymentView } from "./underpayment.schema.ts";

export type Item = EntityItem<typeof UnderpaymentEntity>;

export const view = ({ tenantId: _t, groupIds: _g, ...rest }: Item): UnderpaymentView => ({
  ...rest,
  modifiers: rest.modifiers ?? [],
});

export async function read(tenantId: string, underpaymentId: string): Promise<Item | undefined> {
  const { data } = await UnderpaymentEntity.get({ tenantId, underpaymentId }).go({ consistent: true });
  return data ?? undefined;
}

export async function byIds(tenantId: string, ids: string[], consistent = false): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((underpaymentId) => ({ tenantId, underpaymentId }));
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      const { data, unprocessed } = await UnderpaymentEntity.get(keys).go({ consistent });
      for (const u of data) out.set(u.underpaymentId, u);
      keys = unprocessed.map((k) => ({ tenantId, underpaymentId: k.underpaymentId }));
    }
    if (keys.length) throw new Error(`${keys.length} underpayments were not read`);
  }
  return out;
}

/** Underpayments by id as last written, for a system reader (the follow-up hook); with the ids of each one's group. */
export async function underpaymentsById(
  tenantId: string,
  ids: string[],
): Promise<Map<string, UnderpaymentView & { groupIds?: string[] }>> {
  const items = await byIds(tenantId, [...new Set(ids)], true);
  return new Map([...items].map(([id, u]) => [id, { ...view(u), groupIds: u.groupIds }]));
}
