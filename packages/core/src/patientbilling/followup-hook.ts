import { log } from "../shared/log.ts";

/** An instalment of a payment plan whose due date passed unpaid. Ids and figures only: no PHI. */
export interface MissedInstalment {
  tenantId: string;
  practiceId: string;
  patientId: string;
  planId: string;
  dueDate: string;
  amountCents: number;
  paidCents: number;
}

/**
 * THE call site for the follow-up module's tasks. Called once per missed instalment (the plan
 * records that it was reported), from `checkMissedInstalments`, which every statement run calls
 * for its practice. The follow-up module (`packages/core/src/followup`, tasks and queues) is built
 * on another branch; when it is merged, this body becomes the task it raises ("Payment plan
 * instalment missed": the patient, the plan, the due date and amount) in its queue for the
 * practice. Until then it logs, ids only.
 */
export async function onMissedInstalment(m: MissedInstalment): Promise<void> {
  log("info", "payment plan instalment missed", {
    tenantId: m.tenantId,
    practiceId: m.practiceId,
    planId: m.planId,
    dueDate: m.dueDate,
    amountCents: m.amountCents,
    paidCents: m.paidCents,
  });
}
