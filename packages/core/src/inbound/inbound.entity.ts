import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

export const INBOUND_STATUSES = ["received", "processing", "posting", "processed", "failed"] as const;

/**
 * Every file that came back from the clearinghouse (999, 277CA, 835) or was uploaded. Keyed by
 * the file's SHA-256, so the same file twice is one record and is processed once.
 */
export const InboundFileEntity = new Entity(
  {
    model: { entity: "inboundFile", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      sha256: { type: "string", required: true, readOnly: true },
      key: { type: "string", required: true },
      bytes: { type: "number", required: true },
      name: { type: "string" },
      source: { type: ["poll", "upload"] as const, required: true },
      kind: { type: "string" },
      status: { type: INBOUND_STATUSES, required: true },
      error: { type: "string" },
      summary: { type: "any" },
      attempts: { type: "number", required: true },
      /** When the current (or last) attempt started; a file processing past its worker's time limit may be requeued. */
      processingSince: { type: "string" },
      receivedAt: { type: "string", required: true, readOnly: true },
      processedAt: { type: "string" },
      /** An 835 being posted chunk by chunk: its posting run and how many chunks it has. */
      postingRun: {
        type: "map",
        properties: { runId: { type: "string", required: true }, chunks: { type: "number", required: true } },
      },
    },
    indexes: {
      bySha: {
        pk: { field: "pk", composite: ["tenantId", "sha256"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byTenant: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["receivedAt", "sha256"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
