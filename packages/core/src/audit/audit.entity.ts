import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/** Append-only audit trail: who changed what, when. Field names only, never values (no PHI). */
export const AuditEventEntity = new Entity(
  {
    model: { entity: "auditEvent", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      subject: { type: "string", required: true, readOnly: true },
      eventId: { type: "string", required: true, readOnly: true },
      at: { type: "string", required: true, readOnly: true },
      action: { type: "string", required: true },
      actor: { type: "string", required: true },
      practiceId: { type: "string" },
      fields: { type: "list", items: { type: "string" } },
      note: { type: "string" },
    },
    indexes: {
      bySubject: {
        pk: { field: "pk", composite: ["tenantId", "subject"], casing: "none" },
        sk: { field: "sk", composite: ["at", "eventId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
