import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { REMITTANCE_STATUSES } from "./remittance.constants.ts";

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
      /** The remittance's PLBs, kept from planning until the run's last chunk posts them. */
      providerAdjustments: { type: "any" },
      /** Whether an earlier run had posted it completely: this run's claims already posted count as skipped. */
      rerun: { type: "boolean" },
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

/**
 * One posting run of an 835 file: its chunks (a few hundred claim payments each, posted by their
 * own queue messages), how many are done, and the counts so far, for the file and per remittance.
 * The chunk that completes the run posts the PLBs and marks the remittances posted.
 */
export const PostingRunEntity = new Entity(
  {
    model: { entity: "postingRun", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      sha256: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      chunks: { type: "number", required: true },
      chunksDone: { type: "number", required: true },
      /** The file's PostSummary so far. */
      totals: { type: "any", required: true },
      /** Per remittance being posted: { posted, unmatched, skipped }. */
      remittances: { type: "any", required: true },
      startedAt: { type: "string", required: true },
      finishedAt: { type: "string" },
    },
    indexes: {
      byRun: {
        pk: { field: "pk", composite: ["tenantId", "sha256"], casing: "none" },
        sk: { field: "sk", composite: ["runId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** A chunk's progress: the next claim to post (a resumed chunk starts there), its counts, and done. */
export const PostingChunkEntity = new Entity(
  {
    model: { entity: "postingChunk", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      sha256: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      chunk: { type: "number", required: true, readOnly: true },
      next: { type: "number", required: true },
      posted: { type: "number", required: true },
      unmatched: { type: "number", required: true },
      skipped: { type: "number", required: true },
      done: { type: "boolean", required: true },
      practiceId: { type: "string" },
    },
    indexes: {
      byChunk: {
        pk: { field: "pk", composite: ["tenantId", "sha256", "runId"], casing: "none" },
        sk: { field: "sk", composite: ["chunk"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
