import { z } from "zod";
import { address, cents, isoDate } from "../shared/schema.ts";

/** Patient billing's inputs and views, as the API takes and shows them. */

/** A practice's statement cycle (DOMAIN.md, patient collections: statements every ~30 days, three or four before a final notice). */
export const statementSettingsInput = z.strictObject({
  /** Days between statements to a patient who still owes. */
  intervalDays: z.number().int().min(7).max(120).default(30),
  /** Reminders after the first statement before the final notice (each firmer than the last). */
  remindersBeforeFinal: z.number().int().min(0).max(6).default(3),
  /** Days a statement gives the patient to pay (its due date). */
  paymentDueDays: z.number().int().min(0).max(90).default(21),
  /** Days after the final notice before an account still owing is listed for a collection agency. */
  collectionsAfterDays: z.number().int().min(0).max(365).default(30),
  /** Where patients mail payments (the stub's pay-to address); the practice's address when omitted. */
  remitTo: address.optional(),
});
export type StatementSettings = z.output<typeof statementSettingsInput>;
export const DEFAULT_SETTINGS: StatementSettings = statementSettingsInput.parse({});

export const statementSettingsView = z.object({
  practiceId: z.string(),
  intervalDays: z.number().int(),
  remindersBeforeFinal: z.number().int(),
  paymentDueDays: z.number().int(),
  collectionsAfterDays: z.number().int(),
  remitTo: address.optional(),
  updatedAt: z.string().nullable().describe("null: the defaults, never saved"),
});

export const STATEMENT_KINDS = ["first", "reminder", "final", "on_demand"] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** One statement of a patient's history. */
export const statementRecordView = z.object({
  statementId: z.string(),
  statementDate: z.string(),
  kind: z.enum(STATEMENT_KINDS),
  sequence: z.number().int(),
  amountDueCents: z.number().int(),
  dueDate: z.string(),
  runId: z.string().optional(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  pdfUrl: z.string(),
});

const money = z.number().int();

/** A visit as a statement prints it. */
export const statementVisitView = z.object({
  claimId: z.string(),
  serviceDate: z.string(),
  services: z.array(z.object({ code: z.string(), description: z.string(), chargeCents: money })),
  chargeCents: money,
  insurancePaidCents: money,
  insuranceAdjustedCents: money,
  patientPaidCents: money,
  balanceCents: money,
});

/** What a statement says: who owes whom what, for which visits, by when. */
export const statementDocumentView = z.object({
  statementId: z.string(),
  kind: z.enum(STATEMENT_KINDS),
  sequence: z.number().int(),
  statementDate: z.string(),
  dueDate: z.string(),
  accountNumber: z.string(),
  practice: z.object({ name: z.string(), address, phone: z.string().optional() }),
  remitTo: address,
  patient: z.object({ patientId: z.string(), name: z.string(), address }),
  visits: z.array(statementVisitView),
  amountDueCents: money,
  pendingSecondaryCents: money,
  message: z.string(),
});
export type StatementDocument = z.infer<typeof statementDocumentView>;

/** A statement issued by hand (POST .../statements). */
export const statementView = statementDocumentView.extend({
  issuedAt: z.string(),
  jsonUrl: z.string(),
  pdfUrl: z.string(),
});

/** A desk payment: the patient's money whenever it comes, on a visit or across what they owe. */
export const deskPaymentInput = z.strictObject({
  amountCents: cents.min(1, "must be positive"),
  method: z.enum(["cash", "check", "card", "eft"]),
  paymentDate: isoDate,
  reference: z.string().trim().max(50).optional(),
  /** The visit (any claim of it). Omitted: what the patient owes, oldest visit first; any rest is held as credit on the newest visit. */
  claimId: z.string().min(1).max(20).optional(),
});
export type DeskPaymentInput = z.infer<typeof deskPaymentInput>;

export const statementRunInput = z.strictObject({
  /** One practice; omitted: every active practice of the company. */
  practiceId: z.string().min(1).max(40).optional(),
  /** The run's date (the statements' date; default today). A run never looks ahead of today. */
  runDate: isoDate.optional(),
});

export const SKIP_REASONS = [
  "nothing_owed",
  "pending_secondary",
  "payment_plan",
  "placed",
  "not_due",
  "after_final",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const statementRunView = z.object({
  runId: z.string(),
  runDate: z.string(),
  practiceId: z.string().optional(),
  status: z.enum(["running", "done", "done_with_errors"]),
  practices: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  sent: z.number().int().describe("Statements produced"),
  skipped: z.number().int(),
  reasons: z.record(z.enum(SKIP_REASONS), z.number().int()).describe("Patients skipped, by reason"),
  amountDueCents: money,
  combinedPdfUrl: z.string().nullable().describe("Every statement of the run in one print-ready PDF (15-minute link)"),
  errors: z.array(z.object({ practiceId: z.string(), message: z.string() })),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  requestedBy: z.string(),
});
export type StatementRunView = z.infer<typeof statementRunView>;

/** An account due for a collection agency, as the candidates list shows it. */
export const candidateView = z.object({
  patientId: z.string(),
  accountNumber: z.string(),
  firstName: z.string(),
  middleName: z.string().optional(),
  lastName: z.string(),
  address,
  dateOfBirth: z.string(),
  phone: z.string().optional(),
  balanceCents: money,
  lastPaymentDate: z.string().optional(),
  firstServiceDate: z.string(),
  lastServiceDate: z.string(),
  finalNoticeDate: z.string(),
  statementsSent: z.number().int(),
  practiceName: z.string(),
});
/** What an agency reported recovering, gross, with its fee and what the practice received. */
export const recoveryView = z.object({
  recoveryId: z.string(),
  recoveredOn: z.string(),
  grossCents: money,
  feeCents: money,
  netCents: money,
  reference: z.string().optional(),
  postedAt: z.string(),
  by: z.string(),
});
/** An account placed with an agency. */
export const placementView = z.object({
  placementId: z.string(),
  practiceId: z.string(),
  patientId: z.string(),
  agencyName: z.string(),
  placedOn: z.string(),
  feeBps: z.number().int(),
  placedCents: money.describe("What the patient owed when placed"),
  recoveredCents: money.describe("Gross recovered so far"),
  feesCents: money.describe("The agency's fees on it"),
  recoveries: z.array(recoveryView),
  placedBy: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
