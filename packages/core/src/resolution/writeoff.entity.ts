import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { WRITE_OFF_CODES, WRITE_OFF_REQUEST_STATUSES } from "./resolution.schema.ts";

/**
 * A biller's write-off of a denial above the company's approval amount, waiting for an owner:
 * approved (the write-off posts then) or rejected. Read by id; listed across the company (gsi2,
 * keys only) under its own partition key (`...#wo`), sorted `<phase>#<requested at>#<id>`: phase
 * `a` while pending, `z` once decided, so the approvals list is one key range, oldest first.
 */
export const WriteOffRequestEntity = new Entity(
  {
    model: { entity: "writeOffRequest", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      requestId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      amountCents: { type: "number", required: true },
      reasonCode: { type: WRITE_OFF_CODES, required: true },
      reason: { type: "string", required: true },
      status: { type: WRITE_OFF_REQUEST_STATUSES, required: true },
      thresholdCents: { type: "number", required: true },
      requestedBy: { type: "string", required: true, readOnly: true },
      requestedAt: { type: "string", required: true, readOnly: true },
      decidedBy: { type: "string" },
      decidedAt: { type: "string" },
      decisionNote: { type: "string" },
      entryId: { type: "string" },
      phase: { type: ["a", "z"] as const, required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "requestId"], template: "${tenantId}#${requestId}", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byTenant: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["tenantId"], template: "${tenantId}#wo", casing: "none" },
        sk: {
          field: "gsi2sk",
          composite: ["phase", "requestedAt", "requestId"],
          template: "${phase}#${requestedAt}#${requestId}",
          casing: "none",
        },
      },
    },
  },
  entityConfig(),
);
