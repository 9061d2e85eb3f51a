import { z } from "zod";
import { claimsInStatus, claimUpdateItem, getClaim, historyEvent, type Claim } from "../claim/index.ts";
import { entriesOfClaim, isDenialReason } from "../ledger/index.ts";
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
  }[];
}

/**
 * The denials work queue: denied and partially paid claims, grouped by adjustment reason (CARC)
 * with its description and a suggested next action, largest amount first.
 */
export async function denialsQueue(p: Principal, practiceId?: string): Promise<DenialGroup[]> {
  authorize(p, "denial.read");
  const scope = p.practiceId ?? practiceId;
  const claims: Claim[] = [];
  for (const status of ["denied", "partially_paid"] as const) {
    claims.push(...(await claimsInStatus(p.tenantId, status, { practiceId: scope })));
  }
  const groups = new Map<string, DenialGroup>();
  for (const c of claims) {
    // Worked already: every denied cent was written off or billed to the patient.
    if (c.balances?.deniedCents === 0) continue;
    const data = await entriesOfClaim(p.tenantId, c.claimId);
    const byReason = new Map<
      string,
      { group: string; reason: string; lineIds: Set<string>; amountCents: number; remarks: Set<string> }
    >();
    for (const e of data) {
      if (!isDenialAdjustment(e)) continue;
      const key = `${e.group}-${e.reason}`;
      const cur = byReason.get(key) ?? {
        group: e.group ?? "",
        reason: e.reason ?? "",
        lineIds: new Set<string>(),
        amountCents: 0,
        remarks: new Set<string>(),
      };
      cur.amountCents += e.amountCents;
      for (const r of e.remarks ?? []) cur.remarks.add(r);
      if (e.lineId) cur.lineIds.add(e.lineId);
      byReason.set(key, cur);
    }
    for (const [key, r] of byReason) {
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
      });
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.amountCents - a.amountCents);
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
