import { z } from "zod";
import {
  OPEN_APPEAL_STATUSES,
  claimsWithOpenDenials,
  claimUpdateItem,
  getClaim,
  historyEvent,
  type Claim,
} from "../claim/index.ts";
import { isDenialReason } from "../ledger/index.ts";
import { describeCarc, CARC_ACTIONS, type GroupCode, describeRarc } from "../codes/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";

/**
 * Adjustments that are not the contract, not the patient's share and not a prior payer restated
 * (OA-23): the reasons money was refused.
 */
export const isDenialAdjustment = (e: { kind: string; group?: string; reason?: string; amountCents: number }) =>
  (e.kind === "contractual_adjustment" || e.kind === "other_adjustment") &&
  isDenialReason(e.group, e.reason) &&
  e.amountCents > 0;

export interface DenialGroup {
  reason: string;
  group: string;
  description: string;
  suggestedAction: string;
  amountCents: number;
  /** Remark codes the payer sent with these adjustments, with their descriptions. */
  remarks: { code: string; description: string }[];
  claims: {
    claimId: string;
    practiceId: string;
    status: string;
    lineIds: string[];
    amountCents: number;
    action?: Claim["denialAction"];
    /** The claim's latest open appeal, if any (it holds denied money until paid, decided or withdrawn). */
    appeal?: { appealId: string; level: number; status: string };
  }[];
}

/** Claims a page of the denials queue reads at most (the queue pages by claims; groups are per page). */
export const DENIALS_PAGE = 100;

/**
 * The denials work queue: denied and partially paid claims with denied money nobody has resolved,
 * grouped by adjustment reason (CARC) with its description and a suggested next action, largest
 * amount first. One Query on the sparse denials index (only claims with open denials are in it)
 * and one BatchGetItem of those claims a page: the reasons are kept on the claim at posting, so
 * no ledger is read. `limit` claims a page; `nextCursor` continues.
 */
export async function denialsQueue(
  p: Principal,
  practiceId?: string,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: DenialGroup[]; nextCursor: string | null }> {
  authorize(p, "denial.read");
  const scope = p.practiceId ?? practiceId;
  const { items: claims, nextCursor } = await claimsWithOpenDenials(p.tenantId, scope, {
    limit: Math.min(page.limit ?? DENIALS_PAGE, DENIALS_PAGE),
    cursor: page.cursor,
  });
  const groups = new Map<string, DenialGroup>();
  for (const c of claims) {
    // Worked already: every denied cent was written off or billed to the patient.
    if (c.balances?.deniedCents === 0) continue;
    const appeal = c.appeals?.filter((m) => OPEN_APPEAL_STATUSES.includes(m.status)).at(-1);
    for (const r of c.denials ?? []) {
      const key = `${r.group}-${r.reason}`;
      const d = describeCarc(r.reason, r.group as GroupCode);
      const g = groups.get(key) ?? {
        reason: r.reason,
        group: r.group,
        description: d.description,
        suggestedAction: d.suggestedAction,
        amountCents: 0,
        remarks: [],
        claims: [],
      };
      g.amountCents += r.amountCents;
      for (const code of r.remarks)
        if (!g.remarks.some((x) => x.code === code))
          g.remarks.push({ code, description: describeRarc(code).description });
      g.claims.push({
        claimId: c.claimId,
        practiceId: c.practiceId,
        status: c.status,
        lineIds: [...r.lineIds],
        amountCents: r.amountCents,
        action: c.denialAction,
        ...(appeal ? { appeal: { appealId: appeal.appealId, level: appeal.level, status: appeal.status } } : {}),
      });
      groups.set(key, g);
    }
  }
  return { items: [...groups.values()].sort((a, b) => b.amountCents - a.amountCents), nextCursor };
}

export const denialActionInput = z.strictObject({
  action: z.enum(CARC_ACTIONS.filter((a) => a !== "none") as [string, ...string[]]),
  note: z.string().trim().max(500).optional(),
});

/** Records what the biller decided for a denied claim (kept on the claim and in its history). */
export async function recordDenialAction(p: Principal, claimId: string, input: z.infer<typeof denialActionInput>) {
  authorize(p, "denial.recordAction");
  const claim = await getClaim(p, claimId);
  if (claim.status !== "denied" && claim.status !== "partially_paid") {
    throw new AppError(409, "not-denied", "Claim not denied", `A ${claim.status} claim is not in the denials queue`);
  }
  const at = now();
  const denialAction = { action: input.action, note: input.note, by: actorOf(p), at };
  try {
    await transactWrite([
      tx.update(claimUpdateItem(p.tenantId, claimId, { set: { denialAction, updatedAt: at }, version: claim.version })),
      tx.put(
        historyEvent(
          p.tenantId,
          claimId,
          actorOf(p),
          { kind: "denial_action", reason: `${input.action}${input.note ? `: ${input.note}` : ""}` },
          at,
        ),
      ),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw new AppError(409, "conflict", "Conflict", "The claim changed at the same time; retry");
    throw err;
  }
  return { ...claim, denialAction, version: claim.version + 1 };
}
