import { chainsOf, recordPayment, visitBalance } from "../remittance/index.ts";
import { claimsOfPatient, getClaim } from "../claim/index.ts";
import { getPatient } from "../patient/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid } from "../shared/errors.ts";
import type { DeskPaymentInput } from "./patientbilling.schema.ts";

/**
 * A payment the patient makes at the front desk (or by phone, or by mail), at any time: before the
 * payer answered (it is held as credit on the visit), or against what they owe. Named on a visit
 * (any of its claims), it goes there; otherwise it pays what the patient owes, oldest visit first,
 * and whatever is left is held as credit on the newest visit, so no money is ever refused.
 */
export function deskAllocations(
  visits: { claimId: string; serviceDate: string; patientBalanceCents: number }[],
  amountCents: number,
): { claimId: string; amountCents: number }[] {
  const byDate = [...visits].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate));
  const out = new Map<string, number>();
  let left = amountCents;
  for (const v of byDate) {
    if (left <= 0) break;
    const take = Math.min(left, Math.max(0, v.patientBalanceCents));
    if (take > 0) out.set(v.claimId, take);
    left -= take;
  }
  if (left > 0) {
    const newest = byDate.at(-1)!.claimId;
    out.set(newest, (out.get(newest) ?? 0) + left);
  }
  return [...out].map(([claimId, cents]) => ({ claimId, amountCents: cents }));
}

export async function deskPayment(p: Principal, practiceId: string, patientId: string, input: DeskPaymentInput) {
  authorize(p, "payment.desk");
  await getPatient(p, practiceId, patientId);
  let allocations: { claimId: string; amountCents: number }[];
  if (input.claimId) {
    const claim = await getClaim(p, input.claimId).catch(() => undefined);
    if (!claim || claim.practiceId !== practiceId || claim.patientId !== patientId)
      throw invalid([{ path: "claimId", message: "no such visit of this patient" }]);
    allocations = [{ claimId: claim.claimId, amountCents: input.amountCents }];
  } else {
    // Every visit of the patient, answered by a payer or not (a copay may come before any 835).
    const visits = chainsOf(await claimsOfPatient(p.tenantId, practiceId, patientId))
      .filter((chain) => chain[0]!.status !== "voided" && chain[0]!.status !== "corrected")
      .map(visitBalance);
    if (!visits.length)
      throw invalid([{ path: "claimId", message: "the patient has no visit to hold the payment on yet" }]);
    allocations = deskAllocations(visits, input.amountCents);
  }
  return recordPayment(p, {
    practiceId,
    kind: "patient",
    method: input.method,
    paymentDate: input.paymentDate,
    ...(input.reference ? { reference: input.reference } : {}),
    amountCents: input.amountCents,
    allocations,
  });
}
