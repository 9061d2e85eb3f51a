import { usd } from "../shared/money.ts";
import { addDays } from "../shared/dates.ts";
import { addBusinessDays } from "./business-days.ts";
import type { QuietReason } from "./quiet.ts";
import type { PayerStatusFacts } from "./payer-status.ts";
import { isActive, type TaskKind, type TaskSource, type TaskStatus } from "./task.schema.ts";
import type { AppealMark } from "../claim/index.ts";
import { isOpen } from "../appeal/index.ts";

/**
 * Which automatic tasks a claim needs, pure. A claim's state asks for work, and its automatic
 * tasks follow that state: made when the work appears, closed (with the reason) when it no longer
 * does, made open again if the system closed one and the work comes back. A person's decision
 * stands: a task someone closed is not reopened, and manual tasks are never touched.
 *
 * - rejected (and not yet sent again: still rejected, or fixed and waiting for a batch) -> fix_and_resubmit;
 * - denied money nobody resolved (the denials queue) -> work_denial;
 * - quiet (the follow-up queue), unless the payer asked for records -> follow_up;
 * - returned by the payer for more information (a 277) -> send_records;
 * - each open appeal (draft, sent, overturned and not yet paid) -> appeal, due by its deadline.
 *
 * Ids are deterministic, `tsk_<claim>_<kind code><submission number>`, so running this twice makes
 * nothing twice, and a claim rejected again after a resubmission gets a new task of its own; an
 * appeal's is `tsk_<claim>_ap<n>`, n its place among the claim's appeals. While open appeals hold
 * all the denied money, the denial needs no work_denial task of its own: the appeal tasks are it.
 */
export interface ClaimFacts {
  claimId: string;
  practiceId: string;
  status: string;
  submissions: number;
  /** Open denied money (balances.deniedCents) when the claim is on the denials queue, less what open appeals hold; else 0. */
  openDeniedCents: number;
  /** The claim's appeals, as it keeps them. */
  appeals?: Pick<AppealMark, "seq" | "level" | "status" | "deadline" | "amountCents">[];
  quiet?: QuietReason;
  payerStatus?: PayerStatusFacts;
  /** The timely-filing deadline, when the claim's coverage names one. */
  deadline?: string;
}

export interface Need {
  taskId: string;
  kind: TaskKind;
  source: Exclude<TaskSource, "manual">;
  title: string;
  /** The date the task is due by at the latest (an appeal's deadline), when not the timely-filing one. */
  deadline?: string;
}

const CODE: Partial<Record<TaskKind, string>> = {
  fix_and_resubmit: "fr",
  work_denial: "wd",
  follow_up: "fu",
  send_records: "sr",
};
export const AUTOMATIC_KINDS = Object.keys(CODE) as TaskKind[];

export const autoTaskId = (claimId: string, kind: TaskKind, submission: number) =>
  `tsk_${claimId}_${CODE[kind]}${submission}`;

/** The task of a claim's n-th appeal. */
export const appealTaskId = (claimId: string, seq: number) => `tsk_${claimId}_ap${seq}`;

/** Every id an automatic task of this claim can have: its kinds for each submission so far, one per appeal. */
export const candidateTaskIds = (claimId: string, submissions: number, appeals = 0) => [
  ...Array.from({ length: submissions }, (_, i) => AUTOMATIC_KINDS.map((k) => autoTaskId(claimId, k, i + 1))).flat(),
  ...Array.from({ length: appeals }, (_, i) => appealTaskId(claimId, i + 1)),
];

const LEVELS = ["", "first-level", "second-level", "external review"];

/** Fixed after a rejection but not yet in a batch: the fix is still owed a resubmission. */
const WAITING_TO_GO_AGAIN = ["needs_review", "ready", "on_hold"];

export function neededTasks(c: ClaimFacts): Need[] {
  const n = c.submissions;
  if (n < 1) return [];
  const out: Need[] = [];
  const need = (kind: TaskKind, source: Need["source"], title: string) =>
    out.push({ taskId: autoTaskId(c.claimId, kind, n), kind, source, title });
  if (c.status === "rejected" || WAITING_TO_GO_AGAIN.includes(c.status))
    need("fix_and_resubmit", "rejection", "Fix and resubmit the rejected claim");
  if (c.openDeniedCents > 0) need("work_denial", "denial", `Work the denial (${usd(c.openDeniedCents)} denied)`);
  for (const a of c.appeals ?? [])
    if (isOpen(a.status))
      out.push({
        taskId: appealTaskId(c.claimId, a.seq),
        kind: "appeal",
        source: "appeal",
        title: `Appeal (${LEVELS[a.level]}, ${usd(a.amountCents)}): send by ${a.deadline}, then follow it to the payment`,
        deadline: a.deadline,
      });
  if (c.quiet === "returned") need("send_records", "status_request", "Send the records the payer asked for");
  else if (c.quiet)
    need(
      "follow_up",
      "follow_up",
      c.quiet === "no_acknowledgement"
        ? "Follow up: no 999 or 277CA"
        : c.quiet === "pended"
          ? "Follow up: pended by the payer"
          : "Follow up: no 835 yet",
    );
  return out;
}

/** How an automatic task ends when its claim no longer needs it, and why, in words. */
export function closure(
  kind: TaskKind,
  claimStatus: string,
  appealStatus?: string,
): { status: "done" | "cancelled"; reason: string } {
  if (claimStatus === "voided") return { status: "cancelled", reason: "the claim was voided" };
  if (claimStatus === "corrected") return { status: "cancelled", reason: "the claim was corrected by a replacement" };
  const done = (reason: string) => ({ status: "done" as const, reason });
  switch (kind) {
    case "appeal":
      if (appealStatus === "paid") return done("the appeal was paid");
      if (appealStatus === "upheld") return done("the payer upheld the denial");
      return {
        status: "cancelled",
        reason: appealStatus === "withdrawn" ? "the appeal was withdrawn" : "the appeal is gone",
      };
    case "fix_and_resubmit":
      if (claimStatus === "queued") return done("the claim is in a batch to be sent again");
      if (claimStatus === "closed") return { status: "cancelled", reason: "the claim was closed" };
      return done(`the claim was sent again (${claimStatus})`);
    case "work_denial":
      return done(claimStatus === "paid" ? "the claim was paid" : "the denial was resolved");
    case "follow_up":
    case "send_records":
      if (claimStatus === "accepted") return done("accepted by the payer, within its time to pay");
      if (claimStatus === "submitted") return done("within the time to acknowledge it again");
      if (claimStatus === "closed") return { status: "cancelled", reason: "the claim was closed" };
      return done(`the payer answered (${claimStatus})`);
    default:
      return done(`the claim no longer needs it (${claimStatus})`);
  }
}

/** An automatic task as the plan reads it. */
export interface AutoTask {
  taskId: string;
  kind: TaskKind;
  status: TaskStatus;
  closedBy?: string;
}

export type Action =
  | { op: "create"; need: Need }
  | { op: "reopen"; task: AutoTask; need: Need }
  | { op: "close"; task: AutoTask; status: "done" | "cancelled"; reason: string };

/** What to do to a claim's automatic tasks (`tasks`: every one it has, open or not) so they match its state. */
export function planClaim(c: ClaimFacts, tasks: AutoTask[]): Action[] {
  const byId = new Map(tasks.map((t) => [t.taskId, t]));
  const needs = neededTasks(c);
  const wanted = new Set(needs.map((n) => n.taskId));
  const actions: Action[] = [];
  for (const need of needs) {
    const t = byId.get(need.taskId);
    if (!t) actions.push({ op: "create", need });
    else if (!isActive(t.status) && t.closedBy?.startsWith("system:")) actions.push({ op: "reopen", task: t, need });
  }
  const appealOf = (taskId: string) => c.appeals?.find((a) => appealTaskId(c.claimId, a.seq) === taskId)?.status;
  for (const t of tasks)
    if (isActive(t.status) && !wanted.has(t.taskId))
      actions.push({
        op: "close",
        task: t,
        ...(t.kind === "work_denial" && c.appeals?.some((a) => isOpen(a.status))
          ? { status: "done" as const, reason: "an appeal works the denial now" }
          : closure(t.kind, c.status, appealOf(t.taskId))),
      });
  return actions;
}

/** Business days each kind of task is given, from today. */
const DUE_BUSINESS_DAYS: Record<TaskKind, number> = {
  follow_up: 2,
  call_payer: 2,
  send_records: 3,
  fix_and_resubmit: 2,
  work_denial: 5,
  call_patient: 2,
  appeal: 10,
  other: 5,
};

/** A task's due date: a few business days from today, never after the claim's timely-filing deadline (if still ahead). */
export function dueDateFor(kind: TaskKind, today: string, deadline?: string): string {
  const due = addBusinessDays(today, DUE_BUSINESS_DAYS[kind]);
  if (deadline && deadline >= today && deadline < due) return deadline;
  return due;
}

/** The timely-filing deadline: the date of service plus the payer's limit. */
export const timelyFilingDeadline = (serviceDate: string, timelyFilingDays: number) =>
  addDays(serviceDate, timelyFilingDays);
