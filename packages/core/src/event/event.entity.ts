import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/**
 * One event: a state change a client cares about, written in the same transaction as the change.
 * Kept small (short stored names, ids and a status, never PHI) since every posting writes some:
 * about 200 bytes, one write unit, twice that inside a transaction. Listed per tenant on the table
 * itself (pk `<tenant>#ev`, sorted by the time-ordered event id) and per practice on gsi1; both
 * partitions are time-ordered and bounded by the TTL (`expiresAt`, EVENT_TTL_DAYS).
 */
export const EventEntity = new Entity(
  {
    model: { entity: "ev", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true, field: "t" },
      eventId: { type: "string", required: true, readOnly: true, field: "i" },
      type: { type: "string", required: true, readOnly: true, field: "y" },
      at: { type: "string", required: true, readOnly: true, field: "a" },
      practiceId: { type: "string", readOnly: true, field: "p" },
      /** The ids it concerns, e.g. { claimId, batchId }; a list for many (a payment's claims). */
      ids: { type: "any", required: true, readOnly: true, field: "d" },
      status: { type: "string", readOnly: true, field: "s" },
      /** Epoch seconds: the table's TTL attribute. */
      expiresAt: { type: "number", required: true, readOnly: true },
    },
    indexes: {
      byTenant: {
        pk: { field: "pk", composite: ["tenantId"], template: "${tenantId}#ev", casing: "none" },
        sk: { field: "sk", composite: ["eventId"], template: "${eventId}", casing: "none" },
      },
      // Sparse: a company-wide event (a 277CA file) has no practice and no copy here (eventPut).
      byPractice: {
        index: "gsi1",
        pk: {
          field: "gsi1pk",
          composite: ["tenantId", "practiceId"],
          template: "${tenantId}#${practiceId}#ev",
          casing: "none",
        },
        sk: { field: "gsi1sk", composite: ["eventId"], template: "${eventId}", casing: "none" },
      },
    },
  },
  entityConfig(),
);
