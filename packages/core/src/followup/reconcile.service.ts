import { claimSummariesById } from "../claim/index.ts";
import { systemPrincipal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { TransactionConflict } from "../shared/transact.ts";
import { writeTaskChange } from "./changes.ts";
import {
  claimFacts,
  factsOf,
  loadContext,
  mayBeQuiet,
  type ClaimLike,
  type Facts,
  type FollowUpContext,
} from "./context.ts";
import { candidateTaskIds, dueDateFor, planClaim, type Action } from "./needs.ts";
import { tasksById, type TaskItem, type TaskRecord } from "./task.store.ts";

/** Who the automatic tasks' changes are made by, in audit events and on the tasks. */
export const FOLLOW_UP_JOB = "follow-up";
const ACTOR = `system:${FOLLOW_UP_JOB}`;

export interface Reconciled {
  created: number;
  reopened: number;
  closed: number;
}

const record = ({ phase: _p, assignee: _a, ...t }: TaskItem): TaskRecord => t;

/**
 * Brings the automatic tasks of some claims in line with the claims' state (needs.ts): makes the
 * tasks the claims need, closes with the reason those they no longer need, reopens one the
 * system closed if its work came back. Idempotent (ids are deterministic; every write is
 * conditional), so any caller may run it any time: the fan-out worker after claim events, the
 * daily sweep, a denial resolution. A change another run made first is left to it.
 */
export async function reconcileClaimTasks(
  tenantId: string,
  claimIds: string[],
  known: { claims?: ClaimLike[]; ctx?: FollowUpContext } = {},
): Promise<Reconciled> {
  // Hot items only: status, balances, dates (the payer's limit stands in for the coverage's).
  const claims = known.claims ?? (await claimSummariesById(tenantId, [...new Set(claimIds)]));
  const done: Reconciled = { created: 0, reopened: 0, closed: 0 };
  if (!claims.length) return done;
  const tasks = await tasksById(
    tenantId,
    claims.flatMap((c) => candidateTaskIds(c.claimId, c.submissions, c.appeals?.length ?? 0)),
  );
  const byClaim = new Map<string, TaskItem[]>();
  for (const t of tasks.values())
    if (t.source !== "manual") byClaim.set(t.claimId, [...(byClaim.get(t.claimId) ?? []), t]);
  const own = (c: ClaimLike) => byClaim.get(c.claimId) ?? [];
  // Most events are claims paid with nothing to do: the company's context is read only when needed.
  const idle = !claims.some(mayBeQuiet) && claims.every((c) => planClaim(claimFacts(c), own(c)).length === 0);
  if (!known.ctx && idle) return done;
  const ctx = known.ctx ?? (await loadContext(tenantId));
  for (const c of claims) {
    const facts = factsOf(c, ctx);
    for (const action of planClaim(facts, own(c))) {
      const before = action.op === "create" ? undefined : record(tasks.get(action.task.taskId)!);
      try {
        await writeTaskChange(
          systemPrincipal(tenantId, FOLLOW_UP_JOB),
          before,
          apply(action, before, facts, ctx),
          note(action),
        );
        done[action.op === "create" ? "created" : action.op === "reopen" ? "reopened" : "closed"]++;
      } catch (err) {
        // Another run made the same change first (the task exists, or moved on): nothing to do.
        if (!(err instanceof TransactionConflict && err.failed("task"))) throw err;
      }
    }
  }
  return done;
}

const note = (a: Action) =>
  a.op === "close" ? a.reason : a.op === "reopen" ? `needed again: ${a.need.title}` : `automatic: ${a.need.source}`;

/** The task after an action. */
function apply(a: Action, before: TaskRecord | undefined, f: Facts, ctx: FollowUpContext): TaskRecord {
  const at = now();
  if (a.op === "close")
    return {
      ...before!,
      status: a.status,
      closedAt: at,
      closedBy: ACTOR,
      closedReason: a.reason,
      updatedAt: at,
      version: before!.version + 1,
    };
  const due = dueDateFor(a.need.kind, f.today, a.need.deadline ?? f.deadline);
  if (a.op === "reopen") {
    const { closedAt: _a, closedBy: _b, closedReason: _r, ...open } = before!;
    return {
      ...open,
      status: "open",
      dueDate: due,
      notes: [...open.notes, { at, by: ACTOR, text: `Open again: ${a.need.title}` }],
      updatedAt: at,
      version: before!.version + 1,
    };
  }
  const assigneeId = ctx.defaultAssignees[f.practiceId];
  return {
    tenantId: ctx.tenantId,
    taskId: a.need.taskId,
    claimId: f.claimId,
    practiceId: f.practiceId,
    kind: a.need.kind,
    title: a.need.title,
    ...(assigneeId && ctx.assignable.has(assigneeId) ? { assigneeId } : {}),
    dueDate: due,
    status: "open",
    source: a.need.source,
    notes: [],
    createdBy: ACTOR,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}
