import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

export const REPORT_KINDS = [
  "ar-aging",
  "collections",
  "claims",
  "payer-mix",
  "reimbursement",
  "fee-advice",
  "underpayments",
  "profitability",
] as const;
export const REPORT_JOB_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * A company-wide report run as a job: asked for through the API, computed by its own worker
 * (which may read for minutes, past the API's 29 s), written to S3 as JSON and CSV. It keeps who
 * asked and their scope (a practice key's report covers its practice only). Kept 30 days.
 */
export const ReportJobEntity = new Entity(
  {
    model: { entity: "reportJob", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      jobId: { type: "string", required: true, readOnly: true },
      report: { type: REPORT_KINDS, required: true, readOnly: true },
      params: { type: "any", required: true, readOnly: true },
      /** The asker's key, role and practice: the job reads as they would. */
      askedBy: {
        type: "map",
        required: true,
        readOnly: true,
        properties: {
          keyId: { type: "string", required: true },
          role: { type: "string", required: true },
          practiceId: { type: "string" },
        },
      },
      status: { type: REPORT_JOB_STATUSES, required: true },
      files: { type: "map", properties: { json: { type: "string" }, csv: { type: "string" } } },
      error: { type: "string" },
      createdAt: { type: "string", required: true, readOnly: true },
      finishedAt: { type: "string" },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "jobId"], casing: "none" },
        sk: { field: "sk", composite: [], casing: "none" },
      },
    },
  },
  entityConfig(),
);
