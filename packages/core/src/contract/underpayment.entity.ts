import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";
import { UNDERPAYMENT_STATUSES } from "./underpayment.schema.ts";

/**
 * A service line the payer allowed below its contract by more than the tolerance: one item, read
 * by id; listed by practice (gsi1, which copies the small item) and across the company (gsi2,
 * keys only, then by id). Both list keys are `<status>#<date of service>#<id>`, so a status is a
 * key range in date order, and a report over a period reads a date range of each status.
 * Every write puts the whole item under its version, so every index key follows.
 */
export const UnderpaymentEntity = new Entity(
  {
    model: { entity: "underpayment", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      underpaymentId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      payerId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      lineId: { type: "string" },
      lineNumber: { type: "number" },
      procedureCode: { type: "string", required: true },
      modifiers: { type: "list", items: { type: "string" } },
      units: { type: "number", required: true },
      serviceDate: { type: "string", required: true },
      chargeCents: { type: "number", required: true },
      contractedUnitCents: { type: "number", required: true },
      expectedCents: { type: "number", required: true },
      allowedCents: { type: "number", required: true },
      paidCents: { type: "number", required: true },
      shortfallCents: { type: "number", required: true },
      toleranceCents: { type: "number", required: true },
      scheduleFrom: { type: "string", required: true },
      remittanceId: { type: "string", required: true },
      payerClaimControlNumber: { type: "string" },
      depositDate: { type: "string", required: true },
      status: { type: UNDERPAYMENT_STATUSES, required: true },
      /** The follow-up task the claim's underpaid lines of this 835 share, and those lines' underpayments. */
      taskId: { type: "string" },
      groupIds: { type: "list", items: { type: "string" } },
      note: { type: "string" },
      statusBy: { type: "string" },
      statusAt: { type: "string" },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: {
          field: "pk",
          composite: ["tenantId", "underpaymentId"],
          template: "${tenantId}#up#${underpaymentId}",
          casing: "none",
        },
        sk: { field: "sk", composite: [] },
      },
      byPractice: {
        index: "gsi1",
        pk: {
          field: "gsi1pk",
          composite: ["tenantId", "practiceId"],
          template: "${tenantId}#${practiceId}#up",
          casing: "none",
        },
        sk: {
          field: "gsi1sk",
          composite: ["status", "serviceDate", "underpaymentId"],
          template: "${status}#${serviceDate}#${underpaymentId}",
          casing: "none",
        },
      },
      byTenant: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["tenantId"], template: "${tenantId}#up", casing: "none" },
        sk: {
          field: "gsi2sk",
          composite: ["status", "serviceDate", "underpaymentId"],
          template: "${status}#${serviceDate}#${underpaymentId}",
          casing: "none",
        },
      },
    },
  },
  entityConfig(),
);

/**
 * What a primary claim's latest 835 said, line by line, for the reimbursement and fee-advice
 * reports: one small item per claim, rewritten by each posting of the claim, in a partition per
 * practice and month of service (sorted by date of service), so a report over a period reads that
 * period's partitions and nothing else. Lines are packed under short names:
 * c code, m modifiers, u units, ch charge, al allowed, pd paid, ex expected (-1: no contract),
 * cu contracted per unit (-1: none), dn denied (1).
 */
export const AdjudicationEntity = new Entity(
  {
    model: { entity: "adjudication", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      month: { type: "string", required: true, readOnly: true },
      serviceDate: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      payerId: { type: "string", required: true, field: "py" },
      remittanceId: { type: "string", required: true, field: "rm" },
      depositDate: { type: "string", required: true, field: "dd" },
      submittedDate: { type: "string", field: "sd" },
      reversed: { type: "boolean", field: "rv" },
      lines: { type: "any", required: true, field: "l" },
    },
    indexes: {
      byMonth: {
        pk: {
          field: "pk",
          composite: ["tenantId", "practiceId", "month"],
          template: "${tenantId}#${practiceId}#adj#${month}",
          casing: "none",
        },
        sk: {
          field: "sk",
          composite: ["serviceDate", "claimId"],
          template: "${serviceDate}#${claimId}",
          casing: "none",
        },
      },
    },
  },
  entityConfig(),
);

/** The company's underpayment tolerance per line, and payers' own. One item per tenant. */
export const UnderpaymentSettingsEntity = new Entity(
  {
    model: { entity: "underpaymentSettings", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      toleranceCents: { type: "number", required: true },
      payerTolerances: { type: "any", required: true },
      updatedAt: { type: "string", required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: "pk", composite: ["tenantId"], template: "${tenantId}#ups", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
