// The followup module's face: tasks on claims (manual and automatic), the follow-up queue of
// claims gone quiet and open appeals, its settings and sweep. Above claim, appeal, payer, practice, user, audit and event in
// the module map; the handlers call it after claim changes (fan-out, denial resolution, cron).
export * from "./task.schema.ts";
export { createTask, getTask, patchTask, KIND_TITLES } from "./task.service.ts";
export { listTasks } from "./list.service.ts";
export { followUpQueue } from "./queue.service.ts";
export { getFollowUpSettings, putFollowUpSettings, type FollowUpSettingsView } from "./settings.service.ts";
export { reconcileClaimTasks, FOLLOW_UP_JOB, type Reconciled } from "./reconcile.service.ts";
export { sweepFollowUps, claimsOfEvents } from "./sweep.service.ts";
export { riskOf, byRisk } from "./risk.ts";
export { quietReason, describeQuiet, QUIET_REASONS, ACK_BUSINESS_DAYS, type QuietReason } from "./quiet.ts";
export { appealEntry } from "./appeal-entries.ts";
export { appealTaskId } from "./needs.ts";
export { raiseMissedInstalmentTask, planTaskId, type PlanInstalmentMissed } from "./plan-tasks.ts";
export { addBusinessDays, businessDaysBetween, isBusinessDay } from "./business-days.ts";
export { raiseUnderpaymentTask, closeUnderpaymentTask, type UnderpaidClaim } from "./underpayment-tasks.ts";
