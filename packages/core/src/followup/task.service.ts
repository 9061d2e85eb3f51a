import { getClaim } from "../claim/index.ts";
import { actorOf, canSeePractice, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, conflict, invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { authorize } from "../shared/permissions.ts";
import { TransactionConflict } from "../shared/transact.ts";
import { writeTaskChange } from "./changes.ts";
import { loadContext, todayFor, type FollowUpContext } from "./context.ts";
import { dueDateFor, timelyFilingDeadline } from "./needs.ts";
import { isActive, type TaskInput, type TaskKind, type TaskPatch, type TaskView } from "./task.schema.ts";
import { readTask, viewOf, type TaskItem, type TaskRecord } from "./task.store.ts";

/** What a task of each kind says when its maker gives no title. */
export const KIND_TITLES: Record<TaskKind, string> = {
  follow_up: "Follow up on the claim",
  call_payer: "Call the payer",
  send_records: "Send the records the payer asked for",
  appeal: "Appeal the denial",
  fix_and_resubmit: "Fix and resubmit the claim",
  work_denial: "Work the denial",
  call_patient: "Call the patient",
  other: "Work the claim",
};

/** Notes a task keeps at most (an item stays well under DynamoDB's 400 KB). */
export const MAX_NOTES = 100;

function checkAssignee(ctx: FollowUpContext, assigneeId: string) {
  if (!ctx.assignable.has(assigneeId))
    throw invalid([{ path: "assigneeId", message: "must be an active owner or biller of the company" }]);
}

/** The task if this principal may see it: another company's, or another practice's for a practice principal, is not found. */
async function taskFor(p: Principal, taskId: string): Promise<TaskItem> {
  const t = await readTask(p.tenantId, taskId);
  if (!t || !canSeePractice(p, t.practiceId)) throw notFound("Task");
  return t;
}

const record = ({ phase: _p, assignee: _a, ...t }: TaskItem): TaskRecord => t;

/** A person's task on a claim they may see; due in a few business days (practice-local) unless they say when. */
export async function createTask(p: Principal, input: TaskInput): Promise<TaskView> {
  authorize(p, "tasks.manage");
  const claim = await getClaim(p, input.claimId);
  const ctx = await loadContext(p.tenantId);
  if (input.assigneeId) checkAssignee(ctx, input.assigneeId);
  const at = now();
  const actor = actorOf(p);
  const deadline = timelyFilingDeadline(claim.serviceDate, claim.doc.coverage.timelyFilingDays);
  const task: TaskRecord = {
    tenantId: p.tenantId,
    taskId: newId("tsk"),
    claimId: claim.claimId,
    practiceId: claim.practiceId,
    kind: input.kind,
    title: input.title ?? KIND_TITLES[input.kind],
    ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
    dueDate: input.dueDate ?? dueDateFor(input.kind, todayFor(ctx, claim.practiceId), deadline),
    status: "open",
    source: "manual",
    notes: input.note ? [{ at, by: actor, text: input.note }] : [],
    createdBy: actor,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await writeTaskChange(p, undefined, task);
  return viewOf(task);
}

export async function getTask(p: Principal, taskId: string): Promise<TaskView> {
  authorize(p, "tasks.read");
  return viewOf(await taskFor(p, taskId));
}

/**
 * Changes a task under its version (If-Match required): title, assignee, due date, status, and a
 * note appended with its author and time. Closing records who and when; reopening forgets it.
 */
export async function patchTask(p: Principal, taskId: string, patch: TaskPatch, ifMatch?: number): Promise<TaskView> {
  authorize(p, "tasks.manage");
  if (ifMatch === undefined)
    throw new AppError(
      428,
      "precondition-required",
      "Precondition required",
      'Send If-Match with the task version you changed, e.g. If-Match: "3"',
    );
  const current = record(await taskFor(p, taskId));
  if (ifMatch !== current.version)
    throw preconditionFailed(`The task is at version ${current.version}, not ${ifMatch}; reload it and retry`);
  if (patch.assigneeId) checkAssignee(await loadContext(p.tenantId), patch.assigneeId);
  if (patch.note && current.notes.length >= MAX_NOTES)
    throw invalid([{ path: "note", message: `a task keeps at most ${MAX_NOTES} notes; open a new task` }]);
  const at = now();
  const actor = actorOf(p);
  const next: TaskRecord = { ...current, updatedAt: at, version: current.version + 1 };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.dueDate !== undefined) next.dueDate = patch.dueDate;
  if (patch.assigneeId === null) delete next.assigneeId;
  else if (patch.assigneeId !== undefined) next.assigneeId = patch.assigneeId;
  if (patch.status !== undefined && patch.status !== current.status) {
    next.status = patch.status;
    if (!isActive(patch.status)) Object.assign(next, { closedAt: at, closedBy: actor });
    if (isActive(patch.status) && !isActive(current.status)) {
      delete next.closedAt;
      delete next.closedBy;
      delete next.closedReason;
    }
  }
  if (patch.note) next.notes = [...current.notes, { at, by: actor, text: patch.note }];
  try {
    await writeTaskChange(p, current, next);
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("task"))
      throw preconditionFailed("The task changed since you read it; reload it and retry");
    if (err instanceof TransactionConflict) throw conflict("The task changed at the same time; retry");
    throw err;
  }
  return viewOf(next);
}
