import { systemPrincipal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { usd } from "../shared/money.ts";
import { TransactionConflict } from "../shared/transact.ts";
import { writeTaskChange } from "./changes.ts";
import { loadContext, todayFor } from "./context.ts";
import { dueDateFor } from "./needs.ts";
import { isActive, type TaskView } from "./task.schema.ts";
import { tasksById, viewOf, type TaskItem, type TaskRecord } from "./task.store.ts";

/** The lines of one claim that one 835 allowed below their contract: the figures a payer's provider line asks for. */
export interface UnderpaidClaim {
  tenantId: string;
  practiceId: string;
  claimId: string;
  taskId: string;
  payerName: string;
  payerClaimControlNumber?: string;
  depositDate: string;
  lines: {
    lineNumber?: number;
    procedureCode: string;
    modifiers: string[];
    serviceDate: string;
    units: number;
    contractedUnitCents: number;
    expectedCents: number;
    allowedCents: number;
    paidCents: number;
    shortfallCents: number;
    scheduleFrom: string;
  }[];
}

const ACTOR = "contract";
const by = `system:${ACTOR}`;

const code = (l: UnderpaidClaim["lines"][number]) =>
  l.modifiers.length ? `${l.procedureCode}-${l.modifiers.join("-")}` : l.procedureCode;

/** One line's figures in words, as the biller reads them to the payer or puts them in a reprocessing request. */
const underpaidLineText = (l: UnderpaidClaim["lines"][number]) =>
  `${l.lineNumber ? `Line ${l.lineNumber}, ` : ""}${code(l)} on ${l.serviceDate}, ${l.units} unit${l.units === 1 ? "" : "s"}: ` +
  `contract ${usd(l.contractedUnitCents)} a unit (schedule from ${l.scheduleFrom}), so ${usd(l.expectedCents)} expected; ` +
  `allowed ${usd(l.allowedCents)}, paid ${usd(l.paidCents)}, short ${usd(l.shortfallCents)}.`;

/**
 * The task an underpaid claim raises: "Call the payer" about it, due in a few business days where
 * the practice is, given to the practice's default assignee, with the figures to quote in its note
 * (each line's contract, expected, allowed, paid and shortfall; the 835's payer claim number and
 * deposit date). Automatic (source `underpayment`); closed when all of its underpayments are
 * recovered or written off. Made once per claim and 835; answers undefined when it existed already.
 */
export async function raiseUnderpaymentTask(u: UnderpaidClaim): Promise<TaskView | undefined> {
  const ctx = await loadContext(u.tenantId);
  const at = now();
  const assigneeId = ctx.defaultAssignees[u.practiceId];
  const short = u.lines.reduce((s, l) => s + l.shortfallCents, 0);
  const codes = [...new Set(u.lines.map(code))].join(", ");
  const task: TaskRecord = {
    tenantId: u.tenantId,
    taskId: u.taskId,
    claimId: u.claimId,
    practiceId: u.practiceId,
    kind: "call_payer",
    title: `Underpaid ${usd(short)} by ${u.payerName} against the contract (${codes})`.slice(0, 200),
    ...(assigneeId && ctx.assignable.has(assigneeId) ? { assigneeId } : {}),
    dueDate: dueDateFor("call_payer", todayFor(ctx, u.practiceId)),
    status: "open",
    source: "underpayment",
    notes: [
      {
        at,
        by,
        text: [
          `${u.payerName} allowed ${u.lines.length === 1 ? "a line" : `${u.lines.length} lines`} below the contract on the 835 deposited ${u.depositDate}` +
            `${u.payerClaimControlNumber ? ` (payer claim number ${u.payerClaimControlNumber})` : ""}, ${usd(short)} in all.`,
          ...u.lines.map(underpaidLineText),
          "Ask the payer to reprocess at the contracted rate, or appeal; mark each underpayment recovered, appealed or written off.",
        ]
          .join("\n")
          .slice(0, 2000),
      },
    ],
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  try {
    await writeTaskChange(systemPrincipal(u.tenantId, ACTOR), undefined, task);
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("task")) return undefined;
    throw err;
  }
  return viewOf(task);
}

const record = ({ phase: _p, assignee: _a, ...t }: TaskItem): TaskRecord => t;

/** Closes an underpayment's task, `done` with the reason, unless a person closed it already. Idempotent. */
export async function closeUnderpaymentTask(tenantId: string, taskId: string, reason: string): Promise<boolean> {
  const t = (await tasksById(tenantId, [taskId])).get(taskId);
  if (!t || !isActive(t.status)) return false;
  const before = record(t);
  const at = now();
  try {
    await writeTaskChange(
      systemPrincipal(tenantId, ACTOR),
      before,
      {
        ...before,
        status: "done",
        closedAt: at,
        closedBy: by,
        closedReason: reason,
        updatedAt: at,
        version: before.version + 1,
      },
      reason,
    );
    return true;
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("task")) return false;
    throw err;
  }
}
