import { payerForSystem } from "../payer/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, invalid } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { usd } from "../shared/money.ts";
import { todayIn } from "../shared/dates.ts";
import { getPractice } from "../practice/index.ts";
import type { OutcomeInput, SentInput } from "./appeal.schema.ts";
import type { AppealRecord } from "./appeal.store.ts";
import { appealFor, requireVersion } from "./access.ts";
import { viewOf } from "./view.ts";
import { commitChange } from "./changes.ts";
import { isOpen } from "./rules.ts";

/** The appeal after a person's step, with its next version. */
const next = (a: AppealRecord, change: Partial<AppealRecord>): AppealRecord => ({
  ...a,
  ...change,
  updatedAt: now(),
  version: a.version + 1,
});

async function answer(p: Principal, a: AppealRecord) {
  return viewOf(p.tenantId, a, await payerForSystem(p.tenantId, a.payerId));
}

/** The appeal went to the payer: when (not in the future, where the practice is) and how. Its letter is now fixed. */
export async function markSent(p: Principal, appealId: string, input: SentInput, ifMatch?: number) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  requireVersion(before, ifMatch);
  if (before.status !== "draft")
    throw new AppError(409, "not-draft", "Appeal already sent", `A ${before.status} appeal is not sent again`);
  const today = todayIn((await getPractice(p, before.practiceId)).timeZone);
  if (input.sentOn > today) throw invalid([{ path: "sentOn", message: `${input.sentOn} is after today (${today})` }]);
  const after = next(before, { status: "sent", sent: { ...input, by: actorOf(p) } });
  const late = input.sentOn > before.deadline ? ` (after its deadline ${before.deadline})` : "";
  const saved = await commitChange(p, before.claimId, () => ({
    after,
    before,
    audit: { action: "sent", note: `${input.method}${late}` },
    history: `appeal ${appealId} sent by ${input.method} on ${input.sentOn}${late}`,
    event: { type: "appeal.sent", status: "sent" },
  }));
  return answer(p, saved);
}

/**
 * The payer's decision. Overturned: it will pay what was appealed (or `expectedCents`), recorded
 * as the payment expected; the appeal stays open until the 835 that pays it is matched to it.
 * Partially overturned: it will pay `expectedCents`, less than appealed; the rest may go to the
 * next level or be written off. Upheld: closed; the view says the next level and its deadline.
 */
export async function recordOutcome(p: Principal, appealId: string, input: OutcomeInput, ifMatch?: number) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  requireVersion(before, ifMatch);
  if (before.status !== "sent" && before.status !== "draft")
    throw new AppError(409, "already-decided", "Appeal already decided", `A ${before.status} appeal has its decision`);
  if (input.decidedOn < (before.sent?.sentOn ?? before.createdAt.slice(0, 10)))
    throw invalid([{ path: "decidedOn", message: "is before the appeal was sent" }]);
  let expectedCents: number | undefined;
  if (input.outcome === "overturned") expectedCents = input.expectedCents ?? before.amountCents;
  if (input.outcome === "partially_overturned") {
    if (input.expectedCents === undefined || input.expectedCents <= 0 || input.expectedCents >= before.amountCents)
      throw invalid([
        {
          path: "expectedCents",
          message: `a partial overturn pays more than 0 and less than the ${before.amountCents} cents appealed`,
        },
      ]);
    expectedCents = input.expectedCents;
  }
  if (expectedCents !== undefined && expectedCents > before.amountCents)
    throw invalid([{ path: "expectedCents", message: `at most the ${before.amountCents} cents appealed` }]);
  const decision = { ...input, by: actorOf(p), at: now() };
  delete (decision as { expectedCents?: number }).expectedCents;
  const after = next(before, {
    status: input.outcome,
    decision,
    ...(expectedCents !== undefined ? { expectedCents } : {}),
  });
  const saved = await commitChange(p, before.claimId, () => ({
    after,
    before,
    audit: { action: "decided", note: input.outcome },
    history: `appeal ${appealId} ${input.outcome.replace("_", " ")} on ${input.decidedOn}${expectedCents !== undefined ? `: ${usd(expectedCents)} expected` : ""}`,
    event: { type: "appeal.decided", status: input.outcome },
  }));
  return answer(p, saved);
}

/** Withdrawn with a reason (the claim was corrected, or the money came another way): closed. */
export async function withdrawAppeal(p: Principal, appealId: string, input: { reason: string }, ifMatch?: number) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  requireVersion(before, ifMatch);
  if (!isOpen(before.status))
    throw new AppError(409, "appeal-closed", "Appeal closed", `A ${before.status} appeal is not withdrawn`);
  const after = next(before, { status: "withdrawn", withdrawn: { reason: input.reason, by: actorOf(p), at: now() } });
  const saved = await commitChange(p, before.claimId, () => ({
    after,
    before,
    audit: { action: "withdrawn", note: input.reason },
    history: `appeal ${appealId} withdrawn: ${input.reason}`,
    event: { type: "appeal.withdrawn", status: "withdrawn" },
  }));
  return answer(p, saved);
}
