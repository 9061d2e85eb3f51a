import { claimsOwingMoney, inAR as claimInAR, openMoney, type ClaimSummary } from "../claim/index.ts";
import { allPractices, practiceForSystem } from "../practice/index.ts";
import { payerNames } from "../payer/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";

/** What the reports share: the practices a principal may see, payer names, claims with money owed. */
export const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 100);

export async function scopePractices(
  p: Principal,
  practiceId?: string,
): Promise<{ practiceId: string; name: string }[]> {
  authorize(p, "report.read");
  const only = p.practiceId ?? practiceId;
  const { data } = only
    ? { data: [await practiceForSystem(p.tenantId, only)].filter((x) => x !== undefined) }
    : { data: await allPractices(p.tenantId) };
  return data.map((x) => ({ practiceId: x.practiceId, name: x.legalName }));
}

export { payerNames };

/** A claim's open money: insurance (open denials included, and apart), patient. */
export const balancesOf = (c: ClaimSummary) => openMoney(c);

/** Is the claim's money in A/R: sent and not closed, or a secondary already owed its share. */
export const inAR = (c: ClaimSummary) => claimInAR(c);

/** A practice's claims that owe money: the sparse A/R index, so settled history is never read. */
export async function openClaims(tenantId: string, practiceId: string): Promise<ClaimSummary[]> {
  return claimsOwingMoney(tenantId, practiceId);
}
