import type { EventView } from "../event/index.ts";
import { closeUnderpaymentTask, raiseUnderpaymentTask } from "../followup/index.ts";
import { payerNames } from "../payer/index.ts";
import type { UnderpaymentView } from "./underpayment.schema.ts";
import { underpaymentsById } from "./underpayment.store.ts";

/**
 * Underpayments as follow-up work. Each `underpayment.found` event (one claim, one 835) raises one
 * "Call the payer" task with the lines' figures; it closes when every one of the claim's
 * underpayments from that 835 is recovered or written off (while appealed, the task is the appeal's
 * follow-up and stays open).
 */
export async function raiseUnderpaymentTasks(tenantId: string, events: EventView[]): Promise<number> {
  const found = events.filter((e) => e.type === "underpayment.found" && Array.isArray(e.ids.underpaymentIds));
  if (!found.length) return 0;
  const items = await underpaymentsById(
    tenantId,
    found.flatMap((e) => e.ids.underpaymentIds as string[]),
  );
  const names = await payerNames(tenantId);
  let raised = 0;
  for (const e of found) {
    const lines = (e.ids.underpaymentIds as string[]).flatMap((id) => items.get(id) ?? []);
    // Only work still open: a retried message after the biller marked them finds nothing to do.
    const open = lines.filter((u) => u.status === "open");
    const first = open[0];
    if (!first?.taskId) continue;
    const task = await raiseUnderpaymentTask({
      tenantId,
      practiceId: first.practiceId,
      claimId: first.claimId,
      taskId: first.taskId,
      payerName: names.get(first.payerId) ?? "the payer",
      payerClaimControlNumber: first.payerClaimControlNumber,
      depositDate: first.depositDate,
      lines: open,
    });
    if (task) raised++;
  }
  return raised;
}

/** After an underpayment's status changed: its task closes once all of its group are recovered or written off. */
export async function settleUnderpaymentTask(
  tenantId: string,
  u: UnderpaymentView & { groupIds?: string[] },
): Promise<void> {
  const final = (x: UnderpaymentView) => x.status === "recovered" || x.status === "written_off";
  if (!u.taskId || !final(u)) return;
  const others = (u.groupIds ?? []).filter((id) => id !== u.underpaymentId);
  const group = [u, ...(await underpaymentsById(tenantId, others)).values()];
  if (!group.every(final)) return;
  const worked = [...new Set(group.map((x) => x.status.replace("_", " ")))].join(", ");
  await closeUnderpaymentTask(tenantId, u.taskId, `underpayments worked: ${worked}`);
}
