import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";
import { APPEAL_STATUSES } from "../claim/index.ts";
import { APPEAL_FAMILIES } from "./rules.ts";

/**
 * An appeal of a denied claim (or of some of its lines): its level, deadline, letter (a PDF in the
 * document bucket, by version), attachments, when and how it was sent, the payer's decision and
 * the 835 payment it was matched to. Read by id; listed by deadline across the company (gsi2) and
 * by practice (gsi3), keys only, under partition keys of their own (`...#ap`). The sort keys are
 * `<phase>#<deadline>#<appeal id>`: phase `a` while open, `z` once closed, so the open appeals
 * are one key range, soonest deadline first, and closed ones cost an open list nothing. Every
 * write puts the whole item under its version.
 */
export const AppealEntity = new Entity(
  {
    model: { entity: "appeal", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      appealId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      payerId: { type: "string", required: true },
      seq: { type: "number", required: true },
      level: { type: "number", required: true },
      status: { type: APPEAL_STATUSES, required: true },
      family: { type: APPEAL_FAMILIES, required: true },
      lineIds: { type: "list", items: { type: "string" } },
      amountCents: { type: "number", required: true },
      /** The denial reasons with their descriptions, as the letter states them. */
      reasons: { type: "any", required: true },
      /** Denied cents per line appealed, as the letter's table prints them: {lineId: cents}. */
      lineDenied: { type: "any", required: true },
      deniedOn: { type: "string", required: true },
      deadline: { type: "string", required: true },
      deadlineSource: { type: ["payer", "override"] as const, required: true },
      argument: { type: "list", items: { type: "string" }, required: true },
      previousAppealId: { type: "string" },
      letterVersion: { type: "number", required: true },
      /** [{attachmentId, fileName, contentType, bytes, status, uploadedAt, by}] */
      attachments: { type: "any", required: true },
      sent: { type: "any" },
      decision: { type: "any" },
      expectedCents: { type: "number" },
      paid: { type: "any" },
      withdrawn: { type: "any" },
      createdBy: { type: "string", required: true, readOnly: true },
      /** Index key part: `a` while open, `z` once closed. */
      phase: { type: ["a", "z"] as const, required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "appealId"], template: "${tenantId}#${appealId}", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byTenant: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["tenantId"], template: "${tenantId}#ap", casing: "none" },
        sk: {
          field: "gsi2sk",
          composite: ["phase", "deadline", "appealId"],
          template: "${phase}#${deadline}#${appealId}",
          casing: "none",
        },
      },
      byPractice: {
        index: "gsi3",
        pk: {
          field: "gsi3pk",
          composite: ["tenantId", "practiceId"],
          template: "${tenantId}#${practiceId}#ap",
          casing: "none",
        },
        sk: {
          field: "gsi3sk",
          composite: ["phase", "deadline", "appealId"],
          template: "${phase}#${deadline}#${appealId}",
          casing: "none",
        },
      },
    },
  },
  entityConfig(),
);
