import { systemPrincipal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { usd } from "../shared/money.ts";
import { TransactionConflict } from "../shared/transact.ts";
import { writeTaskChange } from "./changes.ts";
import { loadContext, todayFor } from "./context.ts";
import { dueDateFor } from "./needs.ts";
import type { TaskView } from "./task.schema.ts";
import { viewOf, type TaskRecord } from "./task.store.ts";

/** An instalment of a payment plan whose due date passed unpaid, on one of the plan's claims. Ids and figures only. */
export interface PlanInstalmentMissed {
  tenantId: string;
  practiceId: string;
  /** The plan's claim the task sits on (the patient's visit the plan pays first). */
  claimId: string;
  planId: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
}

/** One task per plan and missed due date: a retry finds it made. */
export const planTaskId = (planId: string, dueDate: string) => `tsk_${planId}_${dueDate.replaceAll("-", "")}`;

/**
 * The task a missed instalment raises: "Call the patient" on the plan's claim, due in two business
 * days where the practice is, given to the practice's default assignee. It is automatic (source
 * `payment_plan`) but closed by a person: nothing on the claim says the patient was reached. Made
 * once; answers undefined when it existed already.
 */
export async function raiseMissedInstalmentTask(m: PlanInstalmentMissed): Promise<TaskView | undefined> {
  const ctx = await loadContext(m.tenantId);
  const at = now();
  const by = "system:payment-plan";
  const assigneeId = ctx.defaultAssignees[m.practiceId];
  const unpaid = m.amountCents - m.paidCents;
  const task: TaskRecord = {
    tenantId: m.tenantId,
    taskId: planTaskId(m.planId, m.dueDate),
    claimId: m.claimId,
    practiceId: m.practiceId,
    kind: "call_patient",
    title: `Payment plan instalment missed: ${usd(unpaid)} due ${m.dueDate}`,
    ...(assigneeId && ctx.assignable.has(assigneeId) ? { assigneeId } : {}),
    dueDate: dueDateFor("call_patient", todayFor(ctx, m.practiceId)),
    status: "open",
    source: "payment_plan",
    notes: [
      {
        at,
        by,
        text: `Plan ${m.planId}: the instalment of ${usd(m.amountCents)} due ${m.dueDate} has ${usd(m.paidCents)} paid. Reach the patient; until it is paid the plan is not in good standing and statements resume.`,
      },
    ],
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  try {
    await writeTaskChange(systemPrincipal(m.tenantId, "payment-plan"), undefined, task);
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("task")) return undefined;
    throw err;
  }
  return viewOf(task);
}
