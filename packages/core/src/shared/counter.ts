import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "./db.ts";

/** Atomic per-tenant counters (X12 interchange control numbers, invoice numbers). */
export const CounterEntity = new Entity(
  {
    model: { entity: "counter", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true, readOnly: true },
      value: { type: "number", required: true },
    },
    indexes: {
      byName: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["name"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** The next value of a tenant counter: 1, 2, 3... (one UpdateItem with ADD; never repeats). */
export async function nextCounter(tenantId: string, name: string): Promise<number> {
  const res = await CounterEntity.update({ tenantId, name }).add({ value: 1 }).go({ response: "all_new" });
  return res.data.value as number;
}
