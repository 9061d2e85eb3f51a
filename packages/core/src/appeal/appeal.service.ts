import { getClaim, type Claim } from "../claim/index.ts";
import { entriesOfClaim } from "../ledger/index.ts";
import { payerForSystem, type Payer } from "../payer/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, invalid } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { authorize } from "../shared/permissions.ts";
import { usd } from "../shared/money.ts";
import type { AppealInput, AppealListQuery, AppealPatch, AppealView } from "./appeal.schema.ts";
import { appealPage, appealsById, type AppealRecord } from "./appeal.store.ts";
import { appealFor, requireVersion } from "./access.ts";
import { appealDaysOf, viewOf } from "./view.ts";
import { commitChange } from "./changes.ts";
import { denialFacts } from "./facts.ts";
import { writeLetter } from "./letter.service.ts";
import { workItem } from "../shared/work.ts";
import {
  MAX_APPEALS_PER_CLAIM,
  appealDeadline,
  familyOf,
  heldByAppeals,
  leftByDecision,
  type AppealLevel,
} from "./rules.ts";

export async function getAppeal(p: Principal, appealId: string): Promise<AppealView> {
  const a = await appealFor(p, appealId);
  return viewOf(p.tenantId, a, await payerForSystem(p.tenantId, a.payerId));
}

/** A claim's appeals, oldest first. */
export async function claimAppeals(p: Principal, claimId: string): Promise<AppealView[]> {
  const claim = await getClaim(p, claimId);
  const payer = await payerForSystem(p.tenantId, claim.payerId);
  const found = await appealsById(
    p.tenantId,
    (claim.appeals ?? []).map((m) => m.appealId),
  );
  return Promise.all(found.map((a) => viewOf(p.tenantId, a, payer)));
}

/** Open (or closed) appeals, soonest deadline first; a practice principal sees its practice's. */
export async function listAppeals(p: Principal, q: AppealListQuery) {
  if (p.practiceId && q.practiceId && q.practiceId !== p.practiceId) return { items: [], nextCursor: null };
  const page = await appealPage(p.tenantId, q.status === "open" ? "a" : "z", p.practiceId ?? q.practiceId, q);
  const payers = new Map<string, Payer | undefined>();
  for (const id of new Set(page.items.map((a) => a.payerId))) payers.set(id, await payerForSystem(p.tenantId, id));
  return {
    items: await Promise.all(page.items.map((a) => viewOf(p.tenantId, a, payers.get(a.payerId)))),
    nextCursor: page.nextCursor,
  };
}

/** The open appeals of the company (or a practice), for the follow-up queue. */
export const openAppeals = async (tenantId: string, practiceId?: string) =>
  (await appealPage(tenantId, "a", practiceId)).items;

/**
 * A new appeal of a denied claim or some of its lines, as a draft with its letter. The amount is
 * the denied money still open that no other open appeal holds (for lines: theirs); a next level
 * appeals what the last decision left unpaid, its deadline counted from that decision.
 */
export async function createAppeal(p: Principal, claimId: string, input: AppealInput): Promise<AppealView> {
  authorize(p, "appeal.manage");
  const claim = await getClaim(p, claimId);
  if (claim.status === "voided" || claim.status === "corrected")
    throw new AppError(409, "not-appealable", "Claim not appealable", `A ${claim.status} claim is not appealed`);
  const marks = claim.appeals ?? [];
  if (marks.length >= MAX_APPEALS_PER_CLAIM)
    throw new AppError(
      409,
      "too-many-appeals",
      "Too many appeals",
      `A claim keeps at most ${MAX_APPEALS_PER_CLAIM} appeals`,
    );
  const unknown = (input.lineIds ?? []).filter((id) => !claim.doc.lines.some((l) => l.lineId === id));
  if (unknown.length)
    throw invalid(unknown.map((id) => ({ path: "lineIds", message: `${id} is not a line of the claim` })));
  // A next level follows the last decision that left money unpaid.
  const decided = [...marks].reverse().find((m) => m.decidedOn !== undefined && m.status !== "overturned");
  const last = decided ? (await appealsById(p.tenantId, [decided.appealId]))[0] : undefined;
  const previous = last && leftByDecision(last) > 0 ? last : undefined;
  const level: AppealLevel = input.level ?? (previous ? (Math.min(previous.level + 1, 3) as AppealLevel) : 1);
  if (level > 1 && !previous)
    throw new AppError(
      409,
      "no-prior-level",
      "No earlier decision",
      `A level ${level} appeal needs a decided level ${level - 1} appeal on this claim`,
    );
  const lineIds = input.lineIds ?? (level > 1 ? previous?.lineIds : undefined);
  const facts = denialFacts(await entriesOfClaim(p.tenantId, claimId), lineIds);
  if (lineIds && lineIds.some((id) => (facts.byLine.get(id) ?? 0) <= 0))
    throw invalid([{ path: "lineIds", message: "names a line the payer did not deny" }]);
  const available = (claim.balances?.deniedCents ?? 0) - heldByAppeals(marks);
  const asked = level > 1 && previous ? leftByDecision(previous) : lineIds ? facts.totalCents : available;
  const amountCents = Math.min(asked, available);
  if (amountCents <= 0 || !facts.deniedOn)
    throw new AppError(
      409,
      "nothing-to-appeal",
      "Nothing to appeal",
      `No denied money is open on claim ${claimId} that another appeal does not hold`,
    );
  const payer = await payerForSystem(p.tenantId, claim.payerId);
  const deniedOn = level > 1 && previous?.decision ? previous.decision.decidedOn : facts.deniedOn;
  const at = now();
  const draft: AppealRecord = {
    tenantId: p.tenantId,
    appealId: newId("apl"),
    claimId,
    practiceId: claim.practiceId,
    payerId: claim.payerId,
    seq: marks.length + 1,
    level,
    status: "draft",
    family: input.family ?? familyOf(facts.reasons),
    ...(lineIds ? { lineIds } : {}),
    amountCents,
    reasons: facts.reasons,
    lineDenied: Object.fromEntries(facts.byLine),
    deniedOn,
    deadline: input.deadline ?? appealDeadline(deniedOn, appealDaysOf(payer)),
    deadlineSource: input.deadline ? "override" : "payer",
    argument: input.argument,
    ...(level > 1 && previous ? { previousAppealId: previous.appealId } : {}),
    letterVersion: 1,
    attachments: [],
    createdBy: actorOf(p),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await writeLetter(p, draft, claim, level > 1 ? previous : undefined);
  const saved = await commitChange(
    p,
    claimId,
    (c: Claim) => {
      const after = { ...draft, seq: (c.appeals?.length ?? 0) + 1 };
      return {
        after,
        audit: { action: "created", note: `level ${level}, ${draft.family}` },
        history: `appeal ${after.appealId} drafted (level ${level}, ${usd(amountCents)}, send by ${after.deadline})`,
        event: { type: "appeal.created", status: "draft" },
        extra: [workItem(p.tenantId, claim.practiceId, at, "appeals", after.appealId)],
      };
    },
    claim,
  );
  return viewOf(p.tenantId, saved, payer);
}

/** Changes a draft's argument, letter family or deadline (If-Match); the letter is written again. */
export async function updateAppeal(p: Principal, appealId: string, patch: AppealPatch, ifMatch?: number) {
  authorize(p, "appeal.manage");
  const before = await appealFor(p, appealId);
  requireVersion(before, ifMatch);
  if (before.status !== "draft")
    throw new AppError(
      409,
      "not-draft",
      "Appeal already sent",
      `A ${before.status} appeal's letter is what was sent; it is not changed`,
    );
  const claim = await getClaim(p, before.claimId);
  const after: AppealRecord = {
    ...before,
    ...patch,
    ...(patch.deadline ? { deadlineSource: "override" as const } : {}),
    letterVersion: before.letterVersion + 1,
    updatedAt: now(),
    version: before.version + 1,
  };
  const previous = before.previousAppealId ? (await appealsById(p.tenantId, [before.previousAppealId]))[0] : undefined;
  await writeLetter(p, after, claim, previous);
  const saved = await commitChange(
    p,
    before.claimId,
    () => ({
      after,
      before,
      audit: { action: "updated", fields: Object.keys(patch) },
      history: `appeal ${appealId} changed (${Object.keys(patch).join(", ")})`,
    }),
    claim,
  );
  return viewOf(p.tenantId, saved, await payerForSystem(p.tenantId, before.payerId));
}
