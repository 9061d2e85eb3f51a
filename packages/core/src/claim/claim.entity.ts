import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { CLAIM_STATUSES } from "./claim.types.ts";

/**
 * A claim: its document (what goes on the 837P), status, findings and version. Read by id;
 * listed by practice, by status across the tenant, and by status within a practice, each
 * sorted by date of service so date ranges and age are key conditions, newest first. The screens
 * (A/R, denials, a patient's claims) read sparse indexes gsi4-gsi6 whose keys screens.ts sets.
 */
export const ClaimEntity = new Entity(
  {
    model: { entity: "claim", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      patientId: { type: "string", required: true },
      payerId: { type: "string", required: true },
      status: { type: CLAIM_STATUSES, required: true },
      serviceDate: { type: "string", required: true },
      frequencyCode: { type: ["1", "7", "8"] as const, required: true },
      totalChargeCents: { type: "number", required: true },
      doc: { type: "any", required: true },
      findings: { type: "any", required: true },
      fingerprint: { type: "string", required: true },
      /** Counts edits after creation: a claim accepted with edits 0 is a clean claim. */
      edits: { type: "number", required: true },
      submissions: { type: "number", required: true },
      batchId: { type: "string" },
      payerClaimControlNumber: { type: "string" },
      replacedBy: { type: "string" },
      /** The claim billed to the patient's secondary coverage after this one was adjudicated. */
      secondaryClaimId: { type: "string" },
      /** The biller's latest decision on a denial: action, note, who, when. */
      denialAction: { type: "any" },
      /** Running totals moved by posting: paid, adjusted, patient responsibility, balance. */
      balances: { type: "any" },
      statusReason: { type: "string" },
      /** 835 claim payments (CLPs) already posted to this claim, so a re-run never posts one twice. */
      postedRemittances: { type: "set", items: "string" },
      /** When the claim first went to the payer, and the deposit date of its first insurance payment (reports). */
      firstSubmittedAt: { type: "string" },
      firstPaidDate: { type: "string" },
      /** A secondary (tertiary) claim: the primary it follows (also in doc; here so screens need not read the doc). */
      primaryClaimId: { type: "string" },
      /** Denial reasons as posted (group, reason, lines, amount, remarks): the denials queue reads them here. */
      denials: { type: "any" },
      // Sparse screen indexes (see screens.ts): set while the claim is on the screen, removed when it leaves.
      gsi4pk: { type: "string", hidden: true },
      gsi4sk: { type: "string", hidden: true },
      gsi5pk: { type: "string", hidden: true },
      gsi5sk: { type: "string", hidden: true },
      gsi6pk: { type: "string", hidden: true },
      gsi6sk: { type: "string", hidden: true },
      createdAt: { type: "string", required: true, readOnly: true },
      updatedAt: { type: "string", required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "claimId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byPractice: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "gsi1sk", composite: ["serviceDate", "claimId"], casing: "none" },
      },
      byStatus: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["tenantId", "status"], casing: "none" },
        sk: { field: "gsi2sk", composite: ["serviceDate", "claimId"], casing: "none" },
      },
      byPracticeStatus: {
        index: "gsi3",
        pk: { field: "gsi3pk", composite: ["tenantId", "practiceId", "status"], casing: "none" },
        sk: { field: "gsi3sk", composite: ["serviceDate", "claimId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** Status history, in the claim's own partition: who moved it, from, to, why, when. */
export const ClaimEventEntity = new Entity(
  {
    model: { entity: "claimEvent", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      at: { type: "string", required: true, readOnly: true },
      eventId: { type: "string", required: true, readOnly: true },
      actor: { type: "string", required: true },
      kind: { type: ["status", "edit", "scrub", "denial_action"] as const, required: true },
      from: { type: "string" },
      to: { type: "string" },
      reason: { type: "string" },
      fields: { type: "list", items: { type: "string" } },
    },
    indexes: {
      byClaim: {
        pk: { field: "pk", composite: ["tenantId", "claimId"], casing: "none" },
        sk: { field: "sk", composite: ["at", "eventId"], casing: "none" },
      },
    },
  },
  entityConfig(),
);

/**
 * Uniqueness of an encounter: one item per (practice, patient, rendering provider, dates, codes),
 * written in the same transaction as the claim so the same visit cannot become two claims.
 */
export const ClaimFingerprintEntity = new Entity(
  {
    model: { entity: "claimFingerprint", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      fingerprint: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true },
    },
    indexes: {
      byFingerprint: {
        pk: { field: "pk", composite: ["tenantId", "practiceId", "fingerprint"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
