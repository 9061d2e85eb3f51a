import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { SUSPENSE_KINDS } from "./suspense.schema.ts";

/**
 * Money that came in without a claim to put it on: kept, visible, never dropped. Worked by
 * allocations (applied to claims, refunded to the payer, kept with a note) until they add up to
 * the item; `allocatedCents` is their sum and `resolved` says it is the whole item. Items written
 * before allocations existed have no `version` (read as 0).
 */
export const SuspenseEntity = new Entity(
  {
    model: { entity: "suspense", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      itemId: { type: "string", required: true, readOnly: true },
      remittanceId: { type: "string", required: true },
      kind: { type: SUSPENSE_KINDS, required: true },
      payerKey: { type: "string" },
      patientControlNumber: { type: "string" },
      payerClaimControlNumber: { type: "string" },
      chargeCents: { type: "number" },
      paidCents: { type: "number", required: true },
      reason: { type: "string", required: true },
      depositDate: { type: "string", required: true },
      receivedAt: { type: "string", required: true },
      resolved: { type: "boolean", required: true },
      /** [{n, kind: apply|refund|keep, amountCents, claimId?, lineId?, entryId?, reference?, method?, note?, by, at}] */
      allocations: { type: "any" },
      allocatedCents: { type: "number" },
      version: { type: "number" },
    },
    indexes: {
      byTenant: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: ["itemId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
