import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { INQUIRY_RUN_STATUSES } from "./claimstatus.schema.ts";

/**
 * A status inquiry run: one 276 file for a company (the day's scheduled run, or one asked for
 * now), the claims it asks about, and the archived file, so a redelivered message submits the
 * stored file again instead of building a new one.
 */
export const InquiryRunEntity = new Entity(
  {
    model: { entity: "statusInquiryRun", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      status: { type: INQUIRY_RUN_STATUSES, required: true },
      requestedBy: { type: "string", required: true },
      requestedAt: { type: "string", required: true },
      claimIds: { type: "list", items: { type: "string" }, required: true },
      fileKey: { type: "string" },
      fileName: { type: "string" },
      askedAt: { type: "string" },
      submittedAt: { type: "string" },
      skipped: { type: "any" },
      /** DynamoDB TTL: runs are kept 90 days (the claims keep what they were asked). */
      expiresAt: { type: "number" },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "runId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
