import { daysBetween } from "../shared/dates.ts";
import { usd } from "../shared/money.ts";
import type { SkipReason, StatementKind, StatementSettings } from "./patientbilling.schema.ts";

/**
 * The statement cycle, pure. A patient who owes gets a first statement at the first run after the
 * last payer set the balance, then a reminder every `intervalDays` while it is still owed (each
 * firmer than the last), and after `remindersBeforeFinal` reminders a final notice; an account
 * past the final notice by `collectionsAfterDays` is listed for a collection agency. Paying it off
 * ends the cycle (the next balance starts with a first statement again). Nothing is sent for
 * money still pending a secondary payer, to a patient whose payment plan is in good standing, or
 * for an account placed with an agency.
 */
export interface AccountState {
  stage: "none" | "cycle" | "final" | "placed";
  /** Statements of the current cycle sent so far. */
  sent: number;
  lastStatementDate?: string;
  finalNoticeDate?: string;
}

export interface PatientPosition {
  /** What the patient owes now (never a share pending a secondary payer). */
  owedCents: number;
  pendingSecondaryCents: number;
  planInGoodStanding: boolean;
}

export type Decision =
  | { send: true; kind: Exclude<StatementKind, "on_demand">; sequence: number }
  | { send: false; reason: SkipReason; reset?: boolean };

export const NEW_ACCOUNT: AccountState = { stage: "none", sent: 0 };

export function nextStatement(
  account: AccountState,
  position: PatientPosition,
  settings: Pick<StatementSettings, "intervalDays" | "remindersBeforeFinal">,
  runDate: string,
): Decision {
  if (account.stage === "placed") return { send: false, reason: "placed" };
  if (position.owedCents <= 0) {
    if (position.pendingSecondaryCents > 0) return { send: false, reason: "pending_secondary" };
    return { send: false, reason: "nothing_owed", ...(account.stage !== "none" ? { reset: true } : {}) };
  }
  if (position.planInGoodStanding) return { send: false, reason: "payment_plan" };
  if (account.stage === "final") return { send: false, reason: "after_final" };
  if (account.stage === "none" || account.sent === 0 || !account.lastStatementDate)
    return { send: true, kind: "first", sequence: 1 };
  if (daysBetween(account.lastStatementDate, runDate) < settings.intervalDays)
    return { send: false, reason: "not_due" };
  const sequence = account.sent + 1;
  return { send: true, kind: account.sent >= 1 + settings.remindersBeforeFinal ? "final" : "reminder", sequence };
}

/** The account after a statement of this kind went out on `date`. */
export function afterStatement(account: AccountState, kind: StatementKind, date: string): AccountState {
  if (kind === "on_demand") return account;
  return {
    stage: kind === "final" ? "final" : "cycle",
    sent: kind === "first" ? 1 : account.sent + 1,
    lastStatementDate: date,
    ...(kind === "final" ? { finalNoticeDate: date } : {}),
  };
}

/** Whether an account past its final notice has waited long enough to be handed to an agency. */
export function dueForCollections(account: AccountState, collectionsAfterDays: number, asOf: string): boolean {
  return (
    account.stage === "final" &&
    account.finalNoticeDate !== undefined &&
    daysBetween(account.finalNoticeDate, asOf) >= collectionsAfterDays
  );
}

/** (312) 555-0100. */
export const formatPhone = (p?: string) => (p ? `(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}` : undefined);

/** 2026-12-22 -> 12/22/2026, as a US patient reads a date. */
export const usDate = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

/** The statement's heading: each step of the cycle says where it stands. */
export function statementTitle(kind: StatementKind, sequence: number): string {
  if (kind === "final") return "FINAL NOTICE";
  if (kind !== "reminder") return "Patient statement";
  return sequence === 2 ? "Reminder" : sequence === 3 ? "Second reminder" : `Past due: reminder ${sequence - 1}`;
}

/** What the statement tells the patient: plain, and firmer at each step. */
export function statementMessage(
  kind: StatementKind,
  sequence: number,
  amountDueCents: number,
  dueDate: string,
  phone?: string,
): string {
  const amount = usd(amountDueCents);
  const due = usDate(dueDate);
  const call = formatPhone(phone) ? `call us at ${formatPhone(phone)}` : "call our billing office";
  if (kind === "final")
    return `FINAL NOTICE: your balance of ${amount} is seriously past due. If we do not receive payment or hear from you by ${due}, your account may be referred to a collection agency. To pay or to set up a payment plan, ${call} now.`;
  if (kind === "reminder" && sequence === 2)
    return `Reminder: we have not yet received your payment of ${amount}. Please pay by ${due}. If you cannot pay it all at once, ${call} to set up a payment plan.`;
  if (kind === "reminder" && sequence === 3)
    return `Second reminder: your balance of ${amount} is past due. Please pay by ${due}, or ${call} today to arrange a payment plan.`;
  if (kind === "reminder")
    return `Past due: your balance of ${amount} is overdue and this is reminder ${sequence - 1}. Pay by ${due} or ${call} now, before your account receives a final notice.`;
  return `Your insurance has processed the visits below; what it left for you to pay is ${amount}. Please pay by ${due}. Questions about your bill? Please ${call}.`;
}
