import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

export const BATCH_STATUSES = [
  "queued",
  "building",
  "stored",
  "submitted",
  "failed",
  "accepted",
  "rejected",
  "partially_accepted",
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** A claim batch: the claims that leave together as one 837P interchange. */
export const ClaimBatchEntity = new Entity(
  {
    model: { entity: "claimBatch", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      batchId: { type: "string", required: true, readOnly: true },
      status: { type: BATCH_STATUSES, required: true },
      claimIds: { type: "list", items: { type: "string" }, required: true },
      /** Claims taken out before the file was written (the 837P could not carry them). */
      setAsideClaimIds: { type: "list", items: { type: "string" } },
      practiceId: { type: "string" },
      payerId: { type: "string" },
      createdBy: { type: "string", required: true },
      createdAt: { type: "string", required: true, readOnly: true },
      updatedAt: { type: "string", required: true },
      /** ISA13 of the interchange; also GS06 and the 837's ST02 base. */
      interchangeControlNumber: { type: "number" },
      fileKey: { type: "string" },
      fileSha256: { type: "string" },
      fileBytes: { type: "number" },
      fileName: { type: "string" },
      attempts: { type: "number", required: true },
      /** Epoch ms until which the worker that took the batch (building or stored) holds it; past it, a redelivery may take over. */
      leaseUntil: { type: "number" },
      /** The batch run (selection by practice or payer) that created this batch. */
      runId: { type: "string" },
      error: { type: "string" },
      submittedAt: { type: "string" },
      ack: { type: "any" },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "batchId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byTenant: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["createdAt", "batchId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

export const BATCH_RUN_STATUSES = ["running", "done"] as const;

/**
 * A batch run: "batch every ready claim of this practice (or payer)", done by the batch-run worker
 * one chunk (one queue message) at a time, so a request never selects or moves the claims itself.
 * Each batch the run creates is written in one transaction with its claims' moves and the run's
 * counts, so the counts are exact whatever is redelivered.
 */
export const BatchRunEntity = new Entity(
  {
    model: { entity: "batchRun", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      status: { type: BATCH_RUN_STATUSES, required: true },
      practiceId: { type: "string", readOnly: true },
      payerId: { type: "string", readOnly: true },
      /** At most this many claims in the run (absent: every ready claim). */
      limit: { type: "number", readOnly: true },
      /** Claims one chunk (one message) takes at most. */
      chunkClaims: { type: "number", required: true, readOnly: true },
      claims: { type: "number", required: true },
      batchIds: { type: "list", items: { type: "string" }, required: true },
      /** Batches written whose queue message may not have gone yet; each chunk sends them first. */
      unsent: { type: "set", items: "string" },
      /** Chunks finished; the message for chunk `chunks` is the one to act on. */
      chunks: { type: "number", required: true },
      /** The latest chunk whose message was sent (-1: none yet). */
      sentChunk: { type: "number", required: true },
      createdBy: { type: "string", required: true, readOnly: true },
      createdAt: { type: "string", required: true, readOnly: true },
      updatedAt: { type: "string", required: true },
      finishedAt: { type: "string" },
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

/** Which batch an interchange control number belongs to: the 999 and 277CA name ours back. */
export const ControlNumberEntity = new Entity(
  {
    model: { entity: "controlNumber", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      controlNumber: { type: "string", required: true, readOnly: true },
      batchId: { type: "string", required: true },
    },
    indexes: {
      byNumber: {
        pk: { field: "pk", composite: ["tenantId", "controlNumber"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
