import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

export const TenantEntity = new Entity(
  {
    model: { entity: "tenant", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      status: { type: ["active", "suspended"] as const, required: true },
      address: { type: "any" },
      email: { type: "string" },
      phone: { type: "string" },
      paymentInstructions: { type: "string" },
      /** Write-offs above this many cents wait for an owner's approval (not set: none do). */
      writeOffApprovalCents: { type: "number" },
      /** The company's cost of one unit of work on a practice (profitability report; not set: the default). */
      costPerTouchCents: { type: "number" },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      /** The platform's list of tenants, for scheduled jobs that visit each (polls, month close). */
      all: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: [] },
        sk: { field: "gsi1sk", composite: ["tenantId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** Every active tenant id, a page at a time (platform jobs only). */
export async function* allTenantIds(): AsyncGenerator<string> {
  let cursor: string | null = null;
  do {
    const page: { data: { tenantId: string; status: string }[]; cursor: string | null } = await TenantEntity.query
      .all({})
      .go({ cursor, limit: 100 });
    for (const t of page.data) if (t.status === "active") yield t.tenantId;
    cursor = page.cursor;
  } while (cursor);
}

/** API keys: looked up by tenant + key id (both carried in the key's prefix), secret kept as a hash. */
export const ApiKeyEntity = new Entity(
  {
    model: { entity: "apiKey", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      keyId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      role: { type: ["owner", "biller", "viewer", "practice"] as const, required: true },
      practiceId: { type: "string" },
      secretHash: { type: "string", required: true, readOnly: true },
      createdBy: { type: "string", required: true },
      revokedAt: { type: "string" },
      revokedBy: { type: "string" },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["keyId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
