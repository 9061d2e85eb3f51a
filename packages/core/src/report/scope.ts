import { claimsInStatus, type Claim, type ClaimStatus } from "../claim/index.ts";
import { isCrossover } from "../remittance/index.ts";
import { allPractices, practiceForSystem } from "../practice/index.ts";
import { payerNames } from "../payer/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";

/** What the reports share: the practices a principal may see, payer names, claims with money owed. */
export const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 100);

/** Claims with money still owed on them: sent to the payer and not closed, voided or replaced. */
export const AR_STATUSES: ClaimStatus[] = ["submitted", "accepted", "rejected", "denied", "partially_paid", "paid"];
/**
 * A secondary (tertiary) claim is owed from the moment the primary's posting creates it: the
 * patient share it took over is insurance A/R while it waits to be sent too.
 */
const CROSSOVER_WAITING: ClaimStatus[] = ["ready", "needs_review", "queued", "on_hold"];

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
export const balancesOf = (c: Claim) => ({
  insurance: c.balances?.insuranceBalanceCents ?? c.totalChargeCents,
  denied: c.balances?.deniedCents ?? 0,
  patient: c.balances?.patientBalanceCents ?? c.balances?.patientResponsibilityCents ?? 0,
});

/** Is the claim's money in A/R: sent and not closed, or a secondary already owed its share. */
export const inAR = (c: Claim) =>
  AR_STATUSES.includes(c.status) || (isCrossover(c) && CROSSOVER_WAITING.includes(c.status));

export async function openClaims(tenantId: string, practiceId: string): Promise<Claim[]> {
  const out: Claim[] = [];
  for (const status of [...AR_STATUSES, ...CROSSOVER_WAITING]) {
    out.push(...(await claimsInStatus(tenantId, status, { practiceId })).filter(inAR));
  }
  return out;
}
