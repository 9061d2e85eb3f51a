import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";

export const PracticeEntity = new Entity(
  {
    model: { entity: "practice", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      legalName: { type: "string", required: true },
      npi: { type: "string", required: true },
      taxId: { type: "string", required: true },
      taxonomyCode: { type: "string", required: true },
      address: { type: "any", required: true },
      phone: { type: "string" },
      timeZone: { type: "string", required: true },
      status: { type: ["active", "inactive"] as const, required: true },
      contracts: { type: "any", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["practiceId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
