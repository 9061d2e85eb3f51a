import { auditPut } from "../audit/index.ts";
import { eventPut, type EventType } from "../event/index.ts";
import type { Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { transactWrite, tx, type TxItem } from "../shared/transact.ts";
import { isActive } from "./task.schema.ts";
import { workItem } from "../shared/work.ts";
import { taskCreateItem, taskPutItem, type TaskRecord } from "./task.store.ts";

const SKIP = new Set(["updatedAt", "version"]);

/** Fields whose values differ between two versions of a task, for the audit trail (names only). */
export function changedTaskFields(before: TaskRecord, after: TaskRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) =>
      !SKIP.has(k) &&
      JSON.stringify((before as Record<string, unknown>)[k]) !== JSON.stringify((after as Record<string, unknown>)[k]),
  );
}

/** The events a change is: created, assigned (to someone new), completed (left the open work). */
export function taskEvents(before: TaskRecord | undefined, after: TaskRecord): { type: EventType; status: string }[] {
  const out: { type: EventType; status: string }[] = [];
  if (!before) out.push({ type: "task.created", status: after.status });
  if (after.assigneeId && after.assigneeId !== before?.assigneeId)
    out.push({ type: "task.assigned", status: after.status });
  if (before && isActive(before.status) && !isActive(after.status))
    out.push({ type: "task.completed", status: after.status });
  return out;
}

/**
 * The writes of one task change, all in one transaction: the task (a create refused if it exists,
 * an update refused unless the stored version is `before`'s), its audit event (who; field names,
 * never values), and its events. `note` goes on the audit event (a closing reason, never PHI).
 */
export function taskChangeItems(
  p: Principal,
  before: TaskRecord | undefined,
  after: TaskRecord,
  note?: string,
): TxItem[] {
  const at = now();
  const fields = before ? changedTaskFields(before, after) : undefined;
  const ids = {
    taskId: after.taskId,
    claimId: after.claimId,
    ...(after.assigneeId ? { assigneeId: after.assigneeId } : {}),
  };
  return [
    before ? taskPutItem(after, before.version) : taskCreateItem(after),
    tx.put(
      auditPut(p, `task:${after.taskId}`, before ? "updated" : "created", {
        practiceId: after.practiceId,
        ...(fields ? { fields } : {}),
        ...(note ? { note } : {}),
      }),
    ),
    // Event ids made in one millisecond count up (event module): they list in the order written here.
    ...taskEvents(before, after).map((e) =>
      eventPut(p.tenantId, { type: e.type, practiceId: after.practiceId, ids, status: e.status }, at),
    ),
    // A task a person completed (one the follow-up job closes itself followed work counted elsewhere).
    ...(after.status === "done" && before?.status !== "done" && p.role !== "system"
      ? [workItem(p.tenantId, after.practiceId, at, "tasksDone", after.taskId)]
      : []),
  ];
}

export async function writeTaskChange(p: Principal, before: TaskRecord | undefined, after: TaskRecord, note?: string) {
  await transactWrite(taskChangeItems(p, before, after, note));
}
