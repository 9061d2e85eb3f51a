import { claimsById, claimsInStatus, claimsWithOpenDenials } from "../claim/index.ts";
import type { EventView } from "../event/index.ts";
import { loadContext, type ClaimLike } from "./context.ts";
import { openAppeals } from "../appeal/index.ts";
import { reconcileClaimTasks, type Reconciled } from "./reconcile.service.ts";
import { INDEXES, taskPage } from "./task.store.ts";

/**
 * The daily follow-up sweep of one company: every claim that may need an automatic task (the
 * follow-up queue's `submitted` and `accepted` claims, the rejected ones, those on the denials
 * queue), every claim with an open appeal and every claim an open automatic task is on, reconciled. It catches what the fan-out of
 * claim events missed, and what only time changes (a claim goes quiet with no event). Reads open
 * work only: the status and denials indexes, and the open phase of the task index.
 */
export async function sweepFollowUps(tenantId: string, now = new Date()): Promise<Reconciled & { claims: number }> {
  const ctx = await loadContext(tenantId, now);
  const claims = new Map<string, ClaimLike>();
  const add = (cs: ClaimLike[]) => cs.forEach((c) => claims.set(c.claimId, c));
  for (const status of ["submitted", "accepted", "rejected"] as const) add(await claimsInStatus(tenantId, status));
  for (let cursor: string | null | undefined; cursor !== null;) {
    const page = await claimsWithOpenDenials(tenantId, undefined, { limit: 100, cursor });
    add(page.items);
    cursor = page.nextCursor;
  }
  const appeals = await openAppeals(tenantId);
  const open = await taskPage(
    INDEXES.tenant.name,
    INDEXES.tenant.pk(tenantId),
    { from: "a#", to: "a#~" },
    { where: (t) => t.source !== "manual" },
  );
  add(
    await claimsById(
      tenantId,
      [...new Set([...open.items.map((t) => t.claimId), ...appeals.map((a) => a.claimId)])].filter(
        (id) => !claims.has(id),
      ),
    ),
  );
  const done = await reconcileClaimTasks(tenantId, [], { claims: [...claims.values()], ctx });
  return { ...done, claims: claims.size };
}

/**
 * The claims a batch of committed events says changed, what the fan-out worker reconciles:
 * `claim.*` and `appeal.*` name their claim; a payment and a submitted batch their claims (a resubmitted claim
 * has no event of its own: its batch's names it).
 */
export function claimsOfEvents(events: Pick<EventView, "type" | "ids">[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    const ids = (k: string) => [e.ids[k] ?? []].flat();
    if (e.type.startsWith("claim.") || e.type.startsWith("appeal.")) ids("claimId").forEach((id) => out.add(id));
    if (e.type === "payment.posted" || e.type === "batch.submitted") ids("claimIds").forEach((id) => out.add(id));
  }
  return [...out];
}
