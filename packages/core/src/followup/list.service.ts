import { getClaim } from "../claim/index.ts";
import type { Principal } from "../shared/context.ts";
import { invalid } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import type { Page } from "../shared/schema.ts";
import { isActive, type TaskListQuery, type TaskView } from "./task.schema.ts";
import { INDEXES, taskPage, viewOf, type TaskItem } from "./task.store.ts";

/** Which tasks a status filter keeps, and the phase of the sort key they are in. */
function statusFilter(status: TaskListQuery["status"]): { phase: "a" | "z"; keep: (t: TaskItem) => boolean } {
  if (status === "active") return { phase: "a", keep: () => true };
  if (status === "closed") return { phase: "z", keep: () => true };
  return { phase: isActive(status) ? "a" : "z", keep: (t) => t.status === status };
}

/**
 * Tasks by due date, soonest first: open and in progress by default. One Query on the index the
 * filters name (assignee, then practice, then the company; a claim's tasks on their own index),
 * the other filters applied to what it reads. A practice principal sees its practice's only.
 */
export async function listTasks(p: Principal, q: TaskListQuery): Promise<Page<TaskView>> {
  authorize(p, "tasks.read");
  if (p.practiceId && q.practiceId && q.practiceId !== p.practiceId) return { items: [], nextCursor: null };
  const practiceId = p.practiceId ?? q.practiceId;
  let assignee: string | undefined;
  if (q.assignee === "me") {
    if (!p.userId)
      throw invalid([{ path: "assignee", message: "`me` is a signed-in user; an API key names a user id" }]);
    assignee = p.userId;
  } else if (q.assignee === "none") assignee = "-";
  else assignee = q.assignee;
  const { phase, keep } = statusFilter(q.status);
  const where = (t: TaskItem) =>
    keep(t) &&
    (practiceId === undefined || t.practiceId === practiceId) &&
    (assignee === undefined || (t.assigneeId ?? "-") === assignee) &&
    (q.dueBefore === undefined || t.dueDate < q.dueBefore) &&
    (phase === "a" ? isActive(t.status) : !isActive(t.status));

  if (q.claimId) {
    // A claim has few tasks: all of them, sorted here. Another practice's claim is not found.
    await getClaim(p, q.claimId);
    const { items } = await taskPage(
      INDEXES.claim.name,
      INDEXES.claim.pk(p.tenantId, q.claimId),
      { from: "tsk_", to: "tsk_~" },
      { where },
    );
    items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.taskId < b.taskId ? -1 : 1));
    return { items: items.map(viewOf), nextCursor: null };
  }
  const range = { from: `${phase}#`, to: `${phase}#${q.dueBefore ?? "~"}` };
  const [index, pk] =
    assignee !== undefined
      ? [INDEXES.assignee.name, INDEXES.assignee.pk(p.tenantId, assignee)]
      : practiceId !== undefined
        ? [INDEXES.practice.name, INDEXES.practice.pk(p.tenantId, practiceId)]
        : [INDEXES.tenant.name, INDEXES.tenant.pk(p.tenantId)];
  const page = await taskPage(index, pk, range, { limit: q.limit, cursor: q.cursor, where });
  return { items: page.items.map(viewOf), nextCursor: page.nextCursor };
}
