import { Entity } from "electrodb";
import { SERVICE, entityConfig } from "../shared/db.ts";
import { CLAIM_STATUSES } from "./claim.types.ts";

/**
 * A claim's hot item: status, balances, version, keys and what lists and screens show, small
 * (well under 1 KB before posting) because every status move and posting rewrites it. Its
 * document (what goes on the 837P) and scrubber findings are the cold item beside it in the same
 * partition (ClaimDocEntity), written only when they change. Read by id;
 * listed by practice, by status across the tenant, and by status within a practice, each
 * sorted by date of service so date ranges and age are key conditions, newest first. The screens
 * (A/R, denials, a patient's claims) read sparse indexes gsi4-gsi6 whose keys screens.ts sets.
 */
export const ClaimEntity = new Entity(
  {
    model: { entity: "claim", version: "1", service: SERVICE },
    // Stored attribute names are short (field): a claim's hot item is rewritten by every move.
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true, field: "t" },
      claimId: { type: "string", required: true, readOnly: true, field: "c" },
      practiceId: { type: "string", required: true, readOnly: true, field: "p" },
      patientId: { type: "string", required: true, field: "pt" },
      payerId: { type: "string", required: true, field: "py" },
      status: { type: CLAIM_STATUSES, required: true, field: "s" },
      serviceDate: { type: "string", required: true, field: "d" },
      frequencyCode: { type: ["1", "7", "8"] as const, required: true, field: "f" },
      totalChargeCents: { type: "number", required: true, field: "ch" },
      fingerprint: { type: "string", required: true, field: "fp" },
      /** Counts edits after creation: a claim accepted with edits 0 is a clean claim. */
      edits: { type: "number", required: true, field: "ed" },
      submissions: { type: "number", required: true, field: "sb" },
      batchId: { type: "string", field: "bt" },
      payerClaimControlNumber: { type: "string", field: "icn" },
      replacedBy: { type: "string", field: "rb" },
      /** The claim billed to the patient's secondary coverage after this one was adjudicated. */
      secondaryClaimId: { type: "string", field: "sc" },
      /** The biller's latest decision on a denial: action, note, who, when. */
      denialAction: { type: "any", field: "da" },
      /** Running totals moved by posting: paid, adjusted, patient responsibility, balance. */
      balances: { type: "any", field: "b" },
      statusReason: { type: "string", field: "sr" },
      /** 835 claim payments (CLPs) already posted to this claim, so a re-run never posts one twice. */
      postedRemittances: { type: "set", items: "string", field: "pr" },
      /** When the claim first went to the payer, and the deposit date of its first insurance payment (reports). */
      firstSubmittedAt: { type: "string", field: "fs" },
      /** When it last went to the payer (a resubmission after a rejection moves it on): the follow-up queue counts from it. */
      lastSubmittedAt: { type: "string", field: "ls" },
      /** What the payer last said to a status inquiry (276/277), packed (payer-status.ts); never moves the status. */
      payerStatus: { type: "any", field: "ps" },
      firstPaidDate: { type: "string", field: "fpd" },
      /** A secondary (tertiary) claim: the primary it follows (also in doc; here so screens need not read the doc). */
      primaryClaimId: { type: "string", field: "pc" },
      /** Denial reasons as posted (group, reason, lines, amount, remarks): the denials queue reads them here. */
      denials: { type: "any", field: "dn" },
      /** The claim's appeals, small (AppealMark): posting, resolutions and follow-up read them here. */
      appeals: { type: "any", field: "ap" },
      /** A denied claim rebilled to another payer: the claim that bills it now. */
      rebilledTo: { type: "string", field: "rt" },
      // Sparse screen indexes (see screens.ts): set while the claim is on the screen, removed when it leaves.
      gsi4pk: { type: "string", hidden: true },
      gsi4sk: { type: "string", hidden: true },
      gsi5pk: { type: "string", hidden: true },
      gsi5sk: { type: "string", hidden: true },
      gsi6pk: { type: "string", hidden: true },
      gsi6sk: { type: "string", hidden: true },
      createdAt: { type: "string", required: true, readOnly: true, field: "ca" },
      updatedAt: { type: "string", required: true, field: "ua" },
      version: { type: "number", required: true, field: "v" },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "claimId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      // The claim indexes copy keys only (infra/resources.ts): a status move rewrites two small
      // entries, not the claim; lists read the keys, then the claims by id.
      byPractice: {
        index: "gsi7",
        pk: {
          field: "gsi7pk",
          composite: ["tenantId", "practiceId"],
          template: "${tenantId}#${practiceId}",
          casing: "none",
        },
        sk: {
          field: "gsi7sk",
          composite: ["serviceDate", "claimId"],
          template: "${serviceDate}#${claimId}",
          casing: "none",
        },
      },
      // Short key templates (tenant first): only claims live in these indexes.
      byStatus: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["tenantId", "status"], template: "${tenantId}#${status}", casing: "none" },
        sk: {
          field: "gsi2sk",
          composite: ["serviceDate", "claimId"],
          template: "${serviceDate}#${claimId}",
          casing: "none",
        },
      },
      byPracticeStatus: {
        index: "gsi3",
        pk: {
          field: "gsi3pk",
          composite: ["tenantId", "practiceId", "status"],
          template: "${tenantId}#${practiceId}#${status}",
          casing: "none",
        },
        sk: {
          field: "gsi3sk",
          composite: ["serviceDate", "claimId"],
          template: "${serviceDate}#${claimId}",
          casing: "none",
        },
      },
    },
  },
  entityConfig(),
);

/** A claim's cold item, in its partition beside the hot one: the document and the scrubber's findings. */
export const ClaimDocEntity = new Entity(
  {
    model: { entity: "claimDoc", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      doc: { type: "any", required: true },
      findings: { type: "any", required: true },
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "claimId"], casing: "none" },
        sk: { field: "sk", composite: [] },
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
      kind: { type: ["status", "edit", "scrub", "denial_action", "payer_status"] as const, required: true },
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
