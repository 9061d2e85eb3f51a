import { addDays, daysBetween } from "../shared/dates.ts";
import { usd } from "../shared/money.ts";
import { DEFAULT_EXPECTED_PAYMENT_DAYS } from "../payer/index.ts";
import { APPEAL_DECISION_DAYS, type AppealRecord } from "../appeal/index.ts";
import { todayFor, type ClaimLike, type FollowUpContext } from "./context.ts";
import { timelyFilingDeadline } from "./needs.ts";
import { riskOf } from "./risk.ts";
import type { AppealReason, FollowUpView } from "./task.schema.ts";

type Entry = Omit<FollowUpView, "task">;

/**
 * An open appeal on the follow-up queue, pure: a draft until it is sent (its deadline counts), a
 * sent one the payer has not decided within APPEAL_DECISION_DAYS, an overturned one whose 835 has
 * not come within the payer's expectedPaymentDays of the decision. Risk as for claims: the money it
 * holds per day left before the date that matters.
 */
export function appealEntry(a: AppealRecord, claim: ClaimLike, ctx: FollowUpContext): Entry | undefined {
  const today = todayFor(ctx, claim.practiceId);
  const payer = ctx.payers.get(claim.payerId);
  const payerName = claim.doc?.coverage?.payerName ?? payer?.name ?? claim.payerId;
  let reason: AppealReason;
  let deadline: string;
  let kind: Entry["deadlineKind"];
  let text: string;
  let money = a.amountCents;
  if (a.status === "draft") {
    [reason, deadline, kind] = ["appeal_due", a.deadline, "appeal"];
    const left = daysBetween(today, deadline);
    text = `Level ${a.level} appeal of ${usd(a.amountCents)} to send by ${deadline} (${left >= 0 ? `${left} days left` : `${-left} days past`})`;
  } else if (a.status === "sent" && a.sent) {
    deadline = addDays(a.sent.sentOn, APPEAL_DECISION_DAYS);
    if (today < deadline) return undefined;
    [reason, kind] = ["appeal_no_decision", "decision"];
    text = `Appeal sent ${a.sent.sentOn} by ${a.sent.method}: no decision ${daysBetween(a.sent.sentOn, today)} days later (payers usually decide within ${APPEAL_DECISION_DAYS})`;
  } else if ((a.status === "overturned" || a.status === "partially_overturned") && a.decision) {
    const days = payer?.expectedPaymentDays ?? DEFAULT_EXPECTED_PAYMENT_DAYS;
    deadline = addDays(a.decision.decidedOn, days);
    if (today < deadline) return undefined;
    [reason, kind] = ["appeal_unpaid", "payment"];
    money = a.expectedCents ?? a.amountCents;
    text = `Overturned on ${a.decision.decidedOn}: ${usd(money)} expected, no 835 ${daysBetween(a.decision.decidedOn, today)} days later (${payerName} pays in ${days})`;
  } else return undefined;
  const daysLeft = daysBetween(today, deadline);
  const filingDays = claim.doc?.coverage?.timelyFilingDays ?? payer?.timelyFilingDays ?? 365;
  return {
    claimId: claim.claimId,
    practiceId: claim.practiceId,
    payerId: claim.payerId,
    payerName,
    status: claim.status,
    serviceDate: claim.serviceDate,
    reason,
    reasonText: text,
    ...(a.sent ? { sentOn: a.sent.sentOn, daysSinceSubmission: daysBetween(a.sent.sentOn, today) } : {}),
    timelyFilingDeadline: timelyFilingDeadline(claim.serviceDate, filingDays),
    deadline,
    deadlineKind: kind,
    daysLeft,
    moneyCents: money,
    risk: riskOf(money, daysLeft),
    appeal: {
      appealId: a.appealId,
      level: a.level,
      status: a.status,
      deadline: a.deadline,
      ...(a.expectedCents !== undefined ? { expectedCents: a.expectedCents } : {}),
    },
  };
}
