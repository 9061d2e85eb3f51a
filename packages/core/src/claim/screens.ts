import type { ClaimStatus } from "./claim.types.ts";
import type { Balances } from "../ledger/index.ts";

/**
 * Which screens a claim is on, pure. The daily screens read sparse indexes that hold only what is
 * open, so their cost follows the open work, not every claim the company ever billed:
 *
 * - gsi4, A/R by practice: a claim sent to the payer (or a secondary already owed its share) that
 *   still owes money to anyone. A paid claim with nothing owed leaves it.
 * - gsi5, the denials queue: a denied or partially paid claim with denied money nobody resolved yet.
 * - gsi6, a patient's claims: every claim of the patient (a patient's visits, not the practice's).
 *
 * Every write that moves a claim's status or balances sets or removes these keys in the same update
 * (claimUpdateItem, moveItems, claimInsertItems), so the indexes never disagree with the claim.
 */

/** Claims with money still owed on them: sent to the payer and not closed, voided or replaced. */
export const AR_STATUSES: readonly ClaimStatus[] = [
  "submitted",
  "accepted",
  "rejected",
  "denied",
  "partially_paid",
  "paid",
];
/**
 * A secondary (tertiary) claim is owed from the moment the primary's posting creates it: the
 * patient share it took over is insurance A/R while it waits to be sent too.
 */
export const CROSSOVER_WAITING: readonly ClaimStatus[] = ["ready", "needs_review", "queued", "on_hold"];

/** A denial reason kept on the claim at posting: what the denials queue shows without the ledger. */
export interface DenialReason {
  group: string;
  reason: string;
  lineIds: string[];
  amountCents: number;
  remarks: string[];
}

/** What the screen rules look at. */
export interface ScreenState {
  claimId: string;
  practiceId: string;
  patientId: string;
  serviceDate: string;
  status: ClaimStatus;
  totalChargeCents: number;
  balances?: Balances;
  primaryClaimId?: string;
  doc?: { primaryClaimId?: string };
  denials?: DenialReason[];
}

/** A secondary or tertiary claim: it bills services a primary claim already charged. */
export const isCrossoverClaim = (c: Pick<ScreenState, "primaryClaimId" | "doc">) =>
  (c.primaryClaimId ?? c.doc?.primaryClaimId) !== undefined;

/** A claim's open money: insurance (open denials included, and apart), patient. */
export const openMoney = (c: Pick<ScreenState, "balances" | "totalChargeCents">) => ({
  insurance: c.balances?.insuranceBalanceCents ?? c.totalChargeCents,
  denied: c.balances?.deniedCents ?? 0,
  patient: c.balances?.patientBalanceCents ?? c.balances?.patientResponsibilityCents ?? 0,
});

/** Is the claim's money in A/R: sent and not closed, or a secondary already owed its share. */
export const inAR = (c: Pick<ScreenState, "status" | "primaryClaimId" | "doc">) =>
  AR_STATUSES.includes(c.status) || (isCrossoverClaim(c) && CROSSOVER_WAITING.includes(c.status));

/** In A/R and owing something to someone: on the aging screen. */
export function owesMoney(c: ScreenState): boolean {
  if (!inAR(c)) return false;
  const m = openMoney(c);
  return m.insurance !== 0 || m.denied !== 0 || m.patient !== 0;
}

/** Denied money nobody has worked yet: on the denials queue. */
export const hasOpenDenials = (c: ScreenState) =>
  (c.status === "denied" || c.status === "partially_paid") &&
  c.balances?.deniedCents !== 0 &&
  (c.denials?.length ?? 0) > 0;

export const SCREEN_KEYS = ["gsi4pk", "gsi4sk", "gsi5pk", "gsi5sk"] as const;

/** Index keys, short: tenant first in every partition key. */
export const arPartition = (tenantId: string, practiceId: string) => `${tenantId}#${practiceId}`;
export const denialsPartition = (tenantId: string) => tenantId;
export const patientPartition = (tenantId: string, practiceId: string, patientId: string) =>
  `${tenantId}#${practiceId}#${patientId}`;

/** The sparse keys a claim in this state carries, and the ones it must drop. */
export function screenKeys(
  tenantId: string,
  c: ScreenState,
): { set: Partial<Record<(typeof SCREEN_KEYS)[number], string>>; remove: (typeof SCREEN_KEYS)[number][] } {
  const set: Partial<Record<(typeof SCREEN_KEYS)[number], string>> = {};
  const remove: (typeof SCREEN_KEYS)[number][] = [];
  const byDate = `${c.serviceDate}#${c.claimId}`;
  if (owesMoney(c)) Object.assign(set, { gsi4pk: arPartition(tenantId, c.practiceId), gsi4sk: byDate });
  else remove.push("gsi4pk", "gsi4sk");
  if (hasOpenDenials(c))
    Object.assign(set, { gsi5pk: denialsPartition(tenantId), gsi5sk: `${c.practiceId}#${byDate}` });
  else remove.push("gsi5pk", "gsi5sk");
  return { set, remove };
}

/** The patient index's keys: set once, when the claim is created. */
export const patientKeys = (
  tenantId: string,
  c: Pick<ScreenState, "practiceId" | "patientId" | "serviceDate" | "claimId">,
) => ({
  gsi6pk: patientPartition(tenantId, c.practiceId, c.patientId),
  gsi6sk: `${c.serviceDate}#${c.claimId}`,
});

/** Adds one CLP's denial adjustments to the reasons kept on the claim (amounts add up per group and reason). */
export function addDenials(
  kept: DenialReason[] | undefined,
  adjustments: { group?: string; reason?: string; lineId?: string; amountCents: number; remarks?: string[] }[],
): DenialReason[] {
  const out = (kept ?? []).map((d) => ({ ...d, lineIds: [...d.lineIds], remarks: [...d.remarks] }));
  for (const a of adjustments) {
    const group = a.group ?? "";
    const reason = a.reason ?? "";
    let d = out.find((x) => x.group === group && x.reason === reason);
    if (!d) out.push((d = { group, reason, lineIds: [], amountCents: 0, remarks: [] }));
    d.amountCents += a.amountCents;
    if (a.lineId && !d.lineIds.includes(a.lineId)) d.lineIds.push(a.lineId);
    for (const r of a.remarks ?? []) if (!d.remarks.includes(r)) d.remarks.push(r);
  }
  return out;
}
