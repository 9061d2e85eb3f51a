import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/** A claim's first submission: one per claim, in the month (YYYY-MM) it first went out, with the batch it went in. */
export const FirstSubmissionEntity = new Entity(
  {
    model: { entity: "firstSubmission", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      month: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      batchId: { type: "string", required: true, readOnly: true },
      at: { type: "string", required: true, readOnly: true },
    },
    indexes: {
      byMonth: {
        pk: { field: "pk", composite: ["tenantId", "practiceId", "month"], casing: "none" },
        sk: { field: "sk", composite: ["claimId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
