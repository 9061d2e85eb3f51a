import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";

/**
 * What patient billing keeps: a practice's statement settings, each patient's place in the
 * statement cycle and the statements sent, statement runs, payment plans and collection
 * placements. Every partition starts with the tenant id; most then with the practice.
 */

/** A practice's statement cycle and collections settings (one item; absent = the defaults). */
export const StatementSettingsEntity = new Entity(
  {
    model: { entity: "statementSettings", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      settings: { type: "any", required: true },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byPractice: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

/**
 * A patient's place in the statement cycle: how many statements the current balance has had and
 * when the last went, when the final notice went, and whether the account went to an agency.
 * gsi1 lists a practice's accounts by stage (the collections candidates are those at `final`).
 */
export const PatientAccountEntity = new Entity(
  {
    model: { entity: "patientAccount", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      /** none: no cycle running; cycle: statements going out; final: the final notice went; placed: with an agency. */
      stage: { type: ["none", "cycle", "final", "placed"] as const, required: true },
      sent: { type: "number", required: true },
      lastStatementDate: { type: "string" },
      lastStatementId: { type: "string" },
      finalNoticeDate: { type: "string" },
      placementId: { type: "string" },
      updatedAt: { type: "string", required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byPatient: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: ["patientId"], casing: "none" },
      },
      byStage: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["stage", "patientId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** A statement sent to a patient: what it said and where its PDF is (the patient's statement history). */
export const StatementEntity = new Entity(
  {
    model: { entity: "statement", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      statementDate: { type: "string", required: true, readOnly: true },
      statementId: { type: "string", required: true, readOnly: true },
      /** first, reminder, final (the cycle), or on_demand (issued by hand, outside the cycle). */
      kind: { type: ["first", "reminder", "final", "on_demand"] as const, required: true },
      /** The statement's number in its cycle (1 = first); 0 for one issued by hand. */
      sequence: { type: "number", required: true },
      amountDueCents: { type: "number", required: true },
      dueDate: { type: "string", required: true },
      runId: { type: "string" },
      key: { type: "string", required: true },
      issuedAt: { type: "string", required: true },
      issuedBy: { type: "string", required: true },
    },
    indexes: {
      byPatient: {
        pk: { field: "pk", composite: ["tenantId", "practiceId", "patientId"], casing: "none" },
        sk: { field: "sk", composite: ["statementDate", "statementId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** A statement run: one practice's or the whole company's, one SQS job per practice. */
export const StatementRunEntity = new Entity(
  {
    model: { entity: "statementRun", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      runDate: { type: "string", required: true },
      practiceId: { type: "string" },
      practices: { type: "number", required: true },
      done: { type: "number", required: true },
      failed: { type: "number", required: true },
      sent: { type: "number", required: true },
      skipped: { type: "number", required: true },
      amountDueCents: { type: "number", required: true },
      combinedKey: { type: "string" },
      /** Practices (or patients of one) the run could not do, with the reason. */
      errors: {
        type: "list",
        items: {
          type: "map",
          properties: { practiceId: { type: "string", required: true }, message: { type: "string", required: true } },
        },
      },
      startedAt: { type: "string", required: true },
      finishedAt: { type: "string" },
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

/** One practice's part of a run, written once (the job's counts join the run in the same transaction). */
export const StatementRunPartEntity = new Entity(
  {
    model: { entity: "statementRunPart", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      runId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      sent: { type: "number", required: true },
      skipped: { type: "number", required: true },
      /** Patients skipped, by reason. */
      reasons: { type: "any", required: true },
      /** The statements' S3 keys (without .json/.pdf), for the run's combined PDF. */
      keys: { type: "list", items: { type: "string" }, required: true },
      at: { type: "string", required: true },
    },
    indexes: {
      byRun: {
        pk: { field: "pk", composite: ["tenantId", "runId"], casing: "none" },
        sk: { field: "sk", composite: ["practiceId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** A payment plan: an agreed balance in instalments. gsi1 finds it by id alone. */
export const PaymentPlanEntity = new Entity(
  {
    model: { entity: "paymentPlan", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      planId: { type: "string", required: true, readOnly: true },
      status: { type: ["active", "completed", "cancelled"] as const, required: true },
      agreedOn: { type: "string", required: true },
      totalCents: { type: "number", required: true },
      /** [{ dueDate, amountCents }], in order. */
      instalments: { type: "any", required: true },
      /** The claims of the visits the plan covers: payments on them since it was agreed pay its instalments. */
      claimIds: { type: "list", items: { type: "string" }, required: true },
      /** Due dates of instalments already reported missed (each raises its task once). */
      missedNotified: { type: "list", items: { type: "string" } },
      note: { type: "string" },
      createdAt: { type: "string", required: true },
      createdBy: { type: "string", required: true },
      cancelledAt: { type: "string" },
      cancelReason: { type: "string" },
      updatedAt: { type: "string", required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byPatient: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: ["patientId", "planId"], casing: "none" },
      },
      byId: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "planId"], casing: "none" },
        sk: { field: "gsi1sk", composite: [], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** An account placed with a collection agency, and what the agency reported recovering. */
export const PlacementEntity = new Entity(
  {
    model: { entity: "placement", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      placementId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true, readOnly: true },
      agencyName: { type: "string", required: true },
      placedOn: { type: "string", required: true },
      feeBps: { type: "number", required: true },
      placedCents: { type: "number", required: true },
      recoveredCents: { type: "number", required: true },
      feesCents: { type: "number", required: true },
      /** [{ recoveryId, recoveredOn, grossCents, feeCents, netCents, reference, postedAt, by }]. */
      recoveries: { type: "any", required: true },
      placedBy: { type: "string", required: true },
      createdAt: { type: "string", required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byPractice: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: ["placementId"], casing: "none" },
      },
      byId: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "placementId"], casing: "none" },
        sk: { field: "gsi1sk", composite: [], casing: "none" },
      },
    },
  },
  entityConfig(),
);
