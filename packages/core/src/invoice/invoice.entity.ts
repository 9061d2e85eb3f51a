import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

export const INVOICE_STATUSES = ["draft", "finalizing", "finalized", "sent", "paid", "void"] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/**
 * A practice's collections invoice for one month. The item at `slot: "current"` is the period's
 * live invoice: while it is absent or a draft, payments may still post into the month; from
 * `finalizing` on the month is closed and later payments post into the next open month (the
 * prior-period line). A voided invoice is copied to `slot: "void-<number>"` and the period
 * reopens for a new draft; numbers are never reused.
 */
export const InvoiceEntity = new Entity(
  {
    model: { entity: "invoice", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      period: { type: "string", required: true, readOnly: true },
      slot: { type: "string", required: true, readOnly: true },
      invoiceId: { type: "string", required: true },
      status: { type: INVOICE_STATUSES, required: true },
      /** `INV-000123`, given at finalize from a per-tenant counter without gaps. */
      number: { type: "string" },
      /** The computed invoice (collections, lines, totals), frozen once finalized. */
      body: { type: "any", required: true },
      /** S3 keys of the JSON, CSV and PDF in the document bucket. */
      files: { type: "any" },
      /** S3 key of the month-end packet PDF (the physician's report), once the worker wrote it. */
      packetKey: { type: "string" },
      computedAt: { type: "string", required: true },
      /** When the month was marked `finalizing`: the posting fence runs from here. */
      closingAt: { type: "string" },
      finalizedAt: { type: "string" },
      sentAt: { type: "string" },
      paidAt: { type: "string" },
      voidedAt: { type: "string" },
      voidReason: { type: "string" },
      version: { type: "number", required: true },
    },
    indexes: {
      byPractice: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: ["period", "slot"], casing: "none" },
      },
      byPeriod: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "period"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["practiceId", "slot"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** One month-close run over a company's practices, fanned out one practice per SQS message. */
export const InvoiceRunEntity = new Entity(
  {
    model: { entity: "invoiceRun", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      period: { type: "string", required: true, readOnly: true },
      practices: { type: "number", required: true },
      done: { type: "number", required: true },
      failed: { type: "number", required: true },
      /** Practices that could not be invoiced, with the reason. */
      errors: {
        type: "list",
        items: {
          type: "map",
          properties: { practiceId: { type: "string", required: true }, message: { type: "string", required: true } },
        },
      },
      startedAt: { type: "string", required: true },
      requestedBy: { type: "string", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "runId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byTenant: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["startedAt", "runId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);
