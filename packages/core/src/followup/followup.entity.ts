import { Entity } from "electrodb";
import { SERVICE, auditedAttributes, entityConfig } from "../shared/db.ts";
import { TASK_KINDS, TASK_SOURCES, TASK_STATUSES } from "./task.schema.ts";

/**
 * A task on a claim: what to do (kind, title), who (assignee), by when (due date), its notes
 * (appended, never edited), its status and where it came from. Read by id; listed by assignee
 * (gsi1, which copies the item: "my tasks" is one Query), across the company (gsi2), by practice
 * (gsi3) and by claim (gsi7); gsi2, gsi3 and gsi7 copy keys only, as the claim indexes do, and the
 * tasks are then read by id. The list sort keys are `<phase>#<due date>#<task id>`: phase `a` for
 * open and in progress, `z` for done and cancelled, so open work is a key range sorted by due date
 * and finished tasks never cost an open list anything. Every write puts the whole (small) item
 * under its version, so every index key follows.
 */
export const TaskEntity = new Entity(
  {
    model: { entity: "task", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      taskId: { type: "string", required: true, readOnly: true },
      claimId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      kind: { type: TASK_KINDS, required: true },
      title: { type: "string", required: true },
      assigneeId: { type: "string" },
      dueDate: { type: "string", required: true },
      status: { type: TASK_STATUSES, required: true },
      source: { type: TASK_SOURCES, required: true, readOnly: true },
      notes: { type: "any", required: true },
      closedAt: { type: "string" },
      closedBy: { type: "string" },
      closedReason: { type: "string" },
      createdBy: { type: "string", required: true, readOnly: true },
      /** Index key parts: `a` while open or in progress, `z` once done or cancelled; `-` when unassigned. */
      phase: { type: ["a", "z"] as const, required: true },
      assignee: { type: "string", required: true },
      ...auditedAttributes,
    },
    indexes: {
      byId: {
        pk: { field: "pk", composite: ["tenantId", "taskId"], template: "${tenantId}#${taskId}", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
      byAssignee: {
        index: "gsi1",
        pk: {
          field: "gsi1pk",
          composite: ["tenantId", "assignee"],
          template: "${tenantId}#tk#${assignee}",
          casing: "none",
        },
        sk: {
          field: "gsi1sk",
          composite: ["phase", "dueDate", "taskId"],
          template: "${phase}#${dueDate}#${taskId}",
          casing: "none",
        },
      },
      byTenant: {
        index: "gsi2",
        pk: { field: "gsi2pk", composite: ["tenantId"], template: "${tenantId}#tk", casing: "none" },
        sk: {
          field: "gsi2sk",
          composite: ["phase", "dueDate", "taskId"],
          template: "${phase}#${dueDate}#${taskId}",
          casing: "none",
        },
      },
      byPractice: {
        index: "gsi3",
        pk: {
          field: "gsi3pk",
          composite: ["tenantId", "practiceId"],
          template: "${tenantId}#${practiceId}#tk",
          casing: "none",
        },
        sk: {
          field: "gsi3sk",
          composite: ["phase", "dueDate", "taskId"],
          template: "${phase}#${dueDate}#${taskId}",
          casing: "none",
        },
      },
      byClaim: {
        index: "gsi7",
        pk: {
          field: "gsi7pk",
          composite: ["tenantId", "claimId"],
          template: "${tenantId}#${claimId}#tk",
          casing: "none",
        },
        sk: { field: "gsi7sk", composite: ["taskId"], template: "${taskId}", casing: "none" },
      },
    },
  },
  entityConfig(),
);

/** The company's follow-up settings, one item: each practice's default assignee for automatic tasks. */
export const FollowUpSettingsEntity = new Entity(
  {
    model: { entity: "followUpSettings", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      defaultAssignees: { type: "any", required: true },
      updatedAt: { type: "string", required: true },
      version: { type: "number", required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: "pk", composite: ["tenantId"], template: "${tenantId}#followup", casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);
