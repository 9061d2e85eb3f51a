import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

export const POLL_STATUSES = ["queued", "running", "done", "failed"] as const;

/**
 * A clearinghouse poll someone asked for (`POST /v1/clearinghouse/poll`) and what it did: the
 * worker's progress, the files it took, the ones it had to leave. Kept 30 days (TTL).
 */
export const ClearinghousePollEntity = new Entity(
  {
    model: { entity: "clearinghousePoll", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      pollId: { type: "string", required: true, readOnly: true },
      status: { type: POLL_STATUSES, required: true },
      requestedBy: { type: "string", required: true, readOnly: true },
      requestedAt: { type: "string", required: true, readOnly: true },
      startedAt: { type: "string" },
      finishedAt: { type: "string" },
      attempts: { type: "number", required: true },
      /** Files taken that were new, and files recognised by their hash (already here). */
      received: { type: "number", required: true },
      duplicates: { type: "number", required: true },
      /** The first files taken (up to 100): archived, recorded and queued (new), or recognised by their hash (duplicate). */
      files: {
        type: "list",
        items: {
          type: "map",
          properties: {
            name: { type: "string", required: true },
            sha256: { type: "string", required: true },
            kind: { type: "string", required: true },
            bytes: { type: "number", required: true },
            duplicate: { type: "boolean", required: true },
          },
        },
      },
      /** Files left at the clearinghouse for the next poll, or the whole poll's failure (no name). */
      errors: {
        type: "list",
        items: {
          type: "map",
          properties: { name: { type: "string" }, message: { type: "string", required: true } },
        },
      },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "pollId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
