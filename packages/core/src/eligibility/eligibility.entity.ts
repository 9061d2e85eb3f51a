import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/**
 * One eligibility check: a 270 asked for one coverage of one patient, and the payer's 271 answer.
 * The check id is the 270's trace number (TRN02), which the 271 echoes. Listed under its patient
 * (gsi1, newest last) for the patient's history.
 */
export const EligibilityCheckEntity = new Entity(
  {
    model: { entity: "eligCheck", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      checkId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      coverageId: { type: "string", required: true, readOnly: true },
      payerId: { type: "string", required: true, readOnly: true },
      /** What was asked: the member id and name sent (to compare with what the payer has). */
      asked: { type: "any", required: true, readOnly: true },
      serviceDate: { type: "string", required: true, readOnly: true },
      serviceTypes: { type: "list", items: { type: "string" }, required: true, readOnly: true },
      status: { type: ["queued", "sent", "answered", "failed"] as const, required: true },
      mode: { type: ["realtime", "batch"] as const },
      batchId: { type: "string", readOnly: true },
      requestedBy: { type: "string", required: true, readOnly: true },
      requestedAt: { type: "string", required: true, readOnly: true },
      sentAt: { type: "string" },
      answeredAt: { type: "string" },
      /** The archived 270 and 271 (EDI bucket keys). */
      requestKey: { type: "string" },
      responseKey: { type: "string" },
      result: { type: "any" },
      error: { type: "string" },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "checkId"], template: "${tenantId}#${checkId}", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byPatient: {
        index: "gsi1",
        pk: {
          field: "gsi1pk",
          composite: ["tenantId", "patientId"],
          template: "${tenantId}#elig#${patientId}",
          casing: "none",
        },
        sk: { field: "gsi1sk", composite: ["requestedAt", "checkId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/**
 * The latest answered check of a coverage, small: what the scrubber reads for every claim billed
 * to the coverage (one GetItem) and what the patient page shows first.
 */
export const EligibilityLatestEntity = new Entity(
  {
    model: { entity: "eligLatest", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      coverageId: { type: "string", required: true, readOnly: true },
      checkId: { type: "string", required: true },
      answeredAt: { type: "string", required: true },
      serviceDate: { type: "string", required: true },
      summary: { type: "any", required: true },
    },
    indexes: {
      byCoverage: {
        pk: {
          field: "pk",
          composite: ["tenantId", "patientId", "coverageId"],
          template: "${tenantId}#${patientId}#${coverageId}",
          casing: "none",
        },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

/** A batch of checks (tomorrow's schedule): the checks it made and how they came back. */
export const EligibilityBatchEntity = new Entity(
  {
    model: { entity: "eligBatch", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      batchId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      checkIds: { type: "list", items: { type: "string" }, required: true, readOnly: true },
      total: { type: "number", required: true, readOnly: true },
      answered: { type: "number", required: true },
      active: { type: "number", required: true },
      inactive: { type: "number", required: true },
      rejected: { type: "number", required: true },
      failed: { type: "number", required: true },
      createdBy: { type: "string", required: true, readOnly: true },
      createdAt: { type: "string", required: true, readOnly: true },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "batchId"], template: "${tenantId}#${batchId}", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byPractice: {
        index: "gsi1",
        pk: {
          field: "gsi1pk",
          composite: ["tenantId", "practiceId"],
          template: "${tenantId}#eligb#${practiceId}",
          casing: "none",
        },
        sk: { field: "gsi1sk", composite: ["createdAt", "batchId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
