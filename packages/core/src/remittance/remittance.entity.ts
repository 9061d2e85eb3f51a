import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { REMITTANCE_STATUSES, SUSPENSE_KINDS } from "./remittance.constants.ts";

/** One 835 transaction (one payment: a check or EFT) and what posting it did. */
export const RemittanceEntity = new Entity(
  {
    model: { entity: "remittance", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      remittanceId: { type: "string", required: true, readOnly: true },
      sha256: { type: "string", required: true },
      payerName: { type: "string", required: true },
      payerKey: { type: "string", required: true },
      trace: { type: "string", required: true },
      paymentCents: { type: "number", required: true },
      depositDate: { type: "string", required: true },
      status: { type: REMITTANCE_STATUSES, required: true },
      problems: { type: "any" },
      summary: { type: "any" },
      /** What the latest re-run of the file found (it posts nothing already posted). */
      lastRun: { type: "any" },
      /** Set in the transaction that posts the remittance's PLB entries: they post once. */
      providerAdjustmentsPostedAt: { type: "string" },
      receivedAt: { type: "string", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "remittanceId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byTenant: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["receivedAt", "remittanceId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** Payer + check/EFT trace number (TRN02): the same payment in another file posts nothing twice. */
export const RemittanceTraceEntity = new Entity(
  {
    model: { entity: "remittanceTrace", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      payerKey: { type: "string", required: true, readOnly: true },
      trace: { type: "string", required: true, readOnly: true },
      remittanceId: { type: "string", required: true },
    },
    indexes: {
      byTrace: {
        pk: { field: "pk", composite: ["tenantId", "payerKey", "trace"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

/** Money that came in without a claim to put it on: kept, visible, never dropped. */
export const SuspenseEntity = new Entity(
  {
    model: { entity: "suspense", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      itemId: { type: "string", required: true, readOnly: true },
      remittanceId: { type: "string", required: true },
      kind: { type: SUSPENSE_KINDS, required: true },
      patientControlNumber: { type: "string" },
      payerClaimControlNumber: { type: "string" },
      chargeCents: { type: "number" },
      paidCents: { type: "number", required: true },
      reason: { type: "string", required: true },
      depositDate: { type: "string", required: true },
      receivedAt: { type: "string", required: true },
      resolved: { type: "boolean", required: true },
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
