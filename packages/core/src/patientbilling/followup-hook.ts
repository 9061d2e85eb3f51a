import { raiseMissedInstalmentTask } from "../followup/index.ts";
import { log } from "../shared/log.ts";

/** An instalment of a payment plan whose due date passed unpaid. Ids and figures only: no PHI. */
export interface MissedInstalment {
  tenantId: string;
  practiceId: string;
  patientId: string;
  planId: string;
  /** The plan's first claim: the follow-up task sits on it. */
  claimId: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
}

/**
 * Called once per missed instalment (the plan records that it was reported), from
 * `checkMissedInstalments`, which every statement run calls for its practice: raises the follow-up
 * task "Call the patient" on the plan's claim (made once per plan and due date).
 */
export async function onMissedInstalment(m: MissedInstalment): Promise<void> {
  const task = await raiseMissedInstalmentTask(m);
  log("info", "payment plan instalment missed", {
    tenantId: m.tenantId,
    practiceId: m.practiceId,
    planId: m.planId,
    dueDate: m.dueDate,
    ...(task ? { taskId: task.taskId } : {}),
  });
}
