import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

export const TenantEntity = new Entity(
  {
    model: { entity: "tenant", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      status: { type: ["active", "suspended"] as const, required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

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
