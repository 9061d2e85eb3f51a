import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

export const ProviderEntity = new Entity(
  {
    model: { entity: "provider", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      providerId: { type: "string", required: true, readOnly: true },
      kind: { type: ["individual", "organization"] as const, required: true },
      firstName: { type: "string" },
      middleName: { type: "string" },
      lastName: { type: "string" },
      organizationName: { type: "string" },
      credential: { type: "string" },
      npi: { type: "string", required: true },
      taxonomyCode: { type: "string", required: true },
      taxId: { type: "string" },
      roles: { type: "set", items: "string", required: true },
      address: { type: "any" },
      status: { type: ["active", "inactive"] as const, required: true },
      ...auditedAttributes,
    },
    indexes: {
      byPractice: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: ["providerId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
