import { z } from "zod";
import { isoDate } from "../shared/schema.ts";
import { QUIET_REASONS } from "./quiet.ts";

/** Why an appeal is on the follow-up queue: to send before its deadline, no decision yet, or overturned and not paid. */
export const APPEAL_REASONS = ["appeal_due", "appeal_no_decision", "appeal_unpaid"] as const;
export type AppealReason = (typeof APPEAL_REASONS)[number];
export const FOLLOW_UP_REASONS = [...QUIET_REASONS, ...APPEAL_REASONS] as const;

/** What a task asks for. */
export const TASK_KINDS = [
  "follow_up",
  "call_payer",
  "send_records",
  "appeal",
  "fix_and_resubmit",
  "work_denial",
  "call_patient",
  "other",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Where it came from: a person (`manual`), the claim itself, a payment plan with a missed instalment, or lines paid below their contract (automatic tasks). */
export const TASK_SOURCES = [
  "manual",
  "rejection",
  "denial",
  "follow_up",
  "status_request",
  "appeal",
  "payment_plan",
  "underpayment",
] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/** Open work (`open`, `in_progress`) against finished (`done`, `cancelled`). */
export const isActive = (s: TaskStatus) => s === "open" || s === "in_progress";

const userId = z.string().min(1).max(40);
const title = z.string().trim().min(1).max(200);
const noteText = z.string().trim().min(1).max(2000);

export const taskInput = z.strictObject({
  claimId: z.string().min(1).max(20),
  kind: z.enum(TASK_KINDS),
  /** Defaults to what the kind says, e.g. "Call the payer". */
  title: title.optional(),
  /** A user of the company who works tasks (owner or biller); omitted = unassigned. */
  assigneeId: userId.optional(),
  /** Defaults to a few business days from today, where the practice is. */
  dueDate: isoDate.optional(),
  /** A first note. */
  note: noteText.optional(),
});
export type TaskInput = z.infer<typeof taskInput>;

export const taskPatch = z
  .strictObject({
    title: title.optional(),
    /** A user id, or null to unassign. */
    assigneeId: userId.nullable().optional(),
    dueDate: isoDate.optional(),
    status: z.enum(TASK_STATUSES).optional(),
    /** Appended to the notes with your name and the time (notes are never edited). */
    note: noteText.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, {
    message: "change at least one of title, assigneeId, dueDate, status, note",
  });
export type TaskPatch = z.infer<typeof taskPatch>;

export const noteView = z.object({ at: z.string(), by: z.string(), text: z.string() });
export type TaskNote = z.infer<typeof noteView>;

export const taskView = z.object({
  taskId: z.string(),
  claimId: z.string(),
  practiceId: z.string(),
  kind: z.enum(TASK_KINDS),
  title: z.string(),
  assigneeId: z.string().optional(),
  dueDate: z.string(),
  status: z.enum(TASK_STATUSES),
  source: z.enum(TASK_SOURCES),
  /** Made and closed by the claim's own state (rejections, denials, follow-ups); a person may still work it. */
  automatic: z.boolean(),
  notes: z.array(noteView),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  closedReason: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TaskView = z.infer<typeof taskView>;

export const taskListQuery = z.strictObject({
  assignee: z
    .string()
    .min(1)
    .max(40)
    .optional()
    .describe("A user id, `me` (the signed-in user) or `none` (unassigned)"),
  status: z
    .enum([...TASK_STATUSES, "active", "closed"])
    .default("active")
    .describe("`active` (default): open and in progress; `closed`: done and cancelled"),
  claimId: z.string().min(1).max(20).optional(),
  practiceId: z.string().min(1).max(40).optional(),
  dueBefore: isoDate.optional().describe("Only tasks due before this date (dueBefore=today: the overdue ones)"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;

/** One claim (or one of its appeals) on the follow-up queue. */
export const followUpView = z.object({
  claimId: z.string(),
  practiceId: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  status: z.string().describe("The claim's status"),
  serviceDate: z.string(),
  reason: z.enum(FOLLOW_UP_REASONS),
  reasonText: z.string(),
  sentOn: z.string().optional().describe("The practice-local date it (the claim, or the appeal) was last sent"),
  daysSinceSubmission: z.number().optional(),
  timelyFilingDeadline: z.string(),
  deadline: z.string().describe("The date `daysLeft` counts to"),
  deadlineKind: z
    .enum(["timely_filing", "appeal", "decision", "payment"])
    .describe(
      "timely_filing: the payer's filing limit; appeal: the last day to send the appeal; decision: when the payer should have decided it; payment: when the 835 of an overturned appeal should have come",
    ),
  daysLeft: z.number().describe("Days left before `deadline` (negative: past it)"),
  moneyCents: z.number().describe("The open insurance balance; for an appeal, the money it holds"),
  risk: z.number().describe("moneyCents / max(1, daysLeft): the queue's order, highest first"),
  appeal: z
    .object({
      appealId: z.string(),
      level: z.number().int(),
      status: z.string(),
      deadline: z.string(),
      expectedCents: z.number().int().optional(),
    })
    .optional()
    .describe("The appeal this entry is about"),
  task: taskView.optional().describe("Its open follow-up, send-records or appeal task"),
});
export type FollowUpView = z.infer<typeof followUpView>;

export const followUpQuery = z.strictObject({
  practiceId: z.string().min(1).max(40).optional(),
  reason: z.enum(FOLLOW_UP_REASONS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type FollowUpQuery = z.infer<typeof followUpQuery>;

export const followUpSettings = z.strictObject({
  /** Practice id -> the user its automatic tasks go to (an owner or biller); practices not named stay unassigned. */
  defaultAssignees: z.record(z.string().min(1).max(40), userId),
});
export type FollowUpSettings = z.infer<typeof followUpSettings>;
