import { hasOpenDenials, openMoney, todayIn, type ClaimSummary } from "../claim/index.ts";
import { allPractices } from "../practice/index.ts";
import { DEFAULT_EXPECTED_PAYMENT_DAYS, payersById, type Payer } from "../payer/index.ts";
import { companyUsers } from "../user/index.ts";
import { daysBetween } from "../shared/dates.ts";
import { FollowUpSettingsEntity } from "./followup.entity.ts";
import { timelyFilingDeadline, type ClaimFacts } from "./needs.ts";
import { payerStatusOf } from "./payer-status.ts";
import { describeQuiet, quietReason } from "./quiet.ts";
import { riskOf } from "./risk.ts";
import { heldByAppeals } from "../appeal/index.ts";
import type { FollowUpView } from "./task.schema.ts";

/** A claim as the follow-up rules read it: its hot item, and the coverage of its document when it was read. */
export type ClaimLike = ClaimSummary & {
  doc?: { primaryClaimId?: string; coverage?: { timelyFilingDays?: number; payerName?: string } };
};

/** What the rules need to know about the company, read once per run: practices' time zones, payers, settings, people. */
export interface FollowUpContext {
  tenantId: string;
  now: Date;
  timeZones: Map<string, string>;
  payers: Map<string, Payer>;
  defaultAssignees: Record<string, string>;
  /** Users a task may be assigned to: active owners and billers. */
  assignable: Set<string>;
}

/** Roles that work tasks, and so may be given them. */
export const ASSIGNABLE_ROLES = ["owner", "biller"];

export async function loadContext(tenantId: string, now = new Date()): Promise<FollowUpContext> {
  const [practices, payers, settings, users] = await Promise.all([
    allPractices(tenantId),
    payersById(tenantId),
    FollowUpSettingsEntity.get({ tenantId }).go(),
    companyUsers(tenantId),
  ]);
  return {
    tenantId,
    now,
    timeZones: new Map(practices.map((p) => [p.practiceId, p.timeZone])),
    payers,
    defaultAssignees: (settings.data?.defaultAssignees ?? {}) as Record<string, string>,
    assignable: new Set(
      users.filter((u) => u.status === "active" && ASSIGNABLE_ROLES.includes(u.role)).map((u) => u.userId),
    ),
  };
}

/** Today where the practice is (UTC for a practice that is gone). */
export const todayFor = (ctx: FollowUpContext, practiceId: string) =>
  todayIn(ctx.timeZones.get(practiceId) ?? "UTC", ctx.now);

/** The practice-local date of an instant. */
const localDate = (ctx: FollowUpContext, practiceId: string, iso: string) =>
  todayIn(ctx.timeZones.get(practiceId) ?? "UTC", new Date(iso));

export interface Facts extends ClaimFacts {
  today: string;
  sentOn?: string;
  expectedPaymentDays: number;
  payerName: string;
}

/** What the task rules read of a claim alone (whether it is quiet needs the company's calendar and payers). */
export const claimFacts = (c: ClaimLike): ClaimFacts => ({
  claimId: c.claimId,
  practiceId: c.practiceId,
  status: c.status,
  submissions: c.submissions,
  openDeniedCents: hasOpenDenials(c) ? Math.max(0, (c.balances?.deniedCents ?? 0) - heldByAppeals(c.appeals)) : 0,
  ...(c.appeals?.length ? { appeals: c.appeals } : {}),
});

/** Only a claim the payer has and has not answered can be quiet. */
export const mayBeQuiet = (c: Pick<ClaimLike, "status">) => c.status === "submitted" || c.status === "accepted";

export function factsOf(c: ClaimLike, ctx: FollowUpContext): Facts {
  const today = todayFor(ctx, c.practiceId);
  const payer = ctx.payers.get(c.payerId);
  const sentAt = c.lastSubmittedAt ?? c.firstSubmittedAt;
  const sentOn = sentAt ? localDate(ctx, c.practiceId, sentAt) : undefined;
  const payerStatus = payerStatusOf(c);
  const expectedPaymentDays = payer?.expectedPaymentDays ?? DEFAULT_EXPECTED_PAYMENT_DAYS;
  const filingDays = c.doc?.coverage?.timelyFilingDays ?? payer?.timelyFilingDays;
  return {
    ...claimFacts(c),
    quiet: quietReason({ status: c.status, sentOn, payerStatus }, today, expectedPaymentDays),
    ...(payerStatus ? { payerStatus } : {}),
    ...(filingDays ? { deadline: timelyFilingDeadline(c.serviceDate, filingDays) } : {}),
    today,
    sentOn,
    expectedPaymentDays,
    payerName: c.doc?.coverage?.payerName ?? payer?.name ?? c.payerId,
  };
}

/** The claim's follow-up queue entry, if it is quiet (its task is attached by the caller). */
export function queueEntry(c: ClaimLike, ctx: FollowUpContext): Omit<FollowUpView, "task"> | undefined {
  const f = factsOf(c, ctx);
  if (!f.quiet || !f.sentOn) return undefined;
  const deadline = f.deadline ?? f.today;
  const daysLeft = daysBetween(f.today, deadline);
  const moneyCents = openMoney(c).insurance;
  return {
    claimId: c.claimId,
    practiceId: c.practiceId,
    payerId: c.payerId,
    payerName: f.payerName,
    status: c.status,
    serviceDate: c.serviceDate,
    reason: f.quiet,
    reasonText: describeQuiet(f.quiet, f, f.today, f.expectedPaymentDays),
    sentOn: f.sentOn,
    daysSinceSubmission: daysBetween(f.sentOn, f.today),
    timelyFilingDeadline: deadline,
    deadline,
    deadlineKind: "timely_filing",
    daysLeft,
    moneyCents,
    risk: riskOf(moneyCents, daysLeft),
  };
}
