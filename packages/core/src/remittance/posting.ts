import type { Claim835 } from "@claimledger/x12";
import type { ClaimLine, ClaimStatus } from "../claim/index.ts";
import { isDenialReason, isPriorPayerReason, type EntryDraft, type EntryKind } from "../ledger/index.ts";

/**
 * Posting rules, pure: what one 835 claim (CLP) writes to the ledger and how it moves the claim.
 * Amounts are signed cents; a reversal (CLP02 22) posts the negative of what it reverses.
 */
function kindOf(group: string, reason: string): EntryKind {
  if (group === "PR")
    return reason === "1"
      ? "deductible"
      : reason === "2"
        ? "coinsurance"
        : reason === "3"
          ? "copay"
          : "patient_responsibility";
  if (isPriorPayerReason(reason)) return "prior_payer_adjustment";
  return group === "CO" ? "contractual_adjustment" : "other_adjustment";
}

/** Matches an 835 service line to ours: line item control number first, then code + date. */
export function matchLine(
  lines: ClaimLine[],
  svc: Claim835["lines"][number],
  used: Set<string>,
): ClaimLine | undefined {
  const free = lines.filter((l) => !used.has(l.lineId));
  return (
    free.find((l) => svc.lineItemControlNumber !== undefined && l.lineId === svc.lineItemControlNumber) ??
    free.find(
      (l) =>
        l.procedureCode === (svc.originalProcedure ?? svc.procedure).code &&
        (!svc.serviceDate || l.serviceDate === svc.serviceDate),
    ) ??
    free.find((l) => l.procedureCode === svc.procedure.code)
  );
}

/**
 * The ledger entries of one CLP. A reversal (CLP02 22) carries negative amounts in the 835; a
 * payer that sends it with positive amounts (charge > 0) gets them negated, so it always takes back.
 */
export function entriesFor(clp: Claim835, lines: ClaimLine[]): EntryDraft[] {
  const sign = clp.status === "22" && clp.chargeCents > 0 ? -1 : 1;
  const out: EntryDraft[] = [];
  const used = new Set<string>();
  const claimRemarks = clp.remarkCodes.length ? [...clp.remarkCodes] : undefined;
  for (const adj of clp.adjustments)
    out.push({
      kind: kindOf(adj.group, adj.reason),
      group: adj.group,
      reason: adj.reason,
      amountCents: sign * adj.amountCents,
      remarks: claimRemarks,
    });
  if (clp.lines.length === 0) {
    if (clp.paidCents !== 0) out.push({ kind: "insurance_payment", amountCents: sign * clp.paidCents });
    return out;
  }
  for (const svc of clp.lines) {
    const line = matchLine(lines, svc, used);
    if (line) used.add(line.lineId);
    if (svc.paidCents !== 0)
      out.push({ kind: "insurance_payment", lineId: line?.lineId, amountCents: sign * svc.paidCents });
    const remarks = svc.remarkCodes.length || claimRemarks ? [...svc.remarkCodes, ...(claimRemarks ?? [])] : undefined;
    for (const adj of svc.adjustments) {
      out.push({
        kind: kindOf(adj.group, adj.reason),
        lineId: line?.lineId,
        group: adj.group,
        reason: adj.reason,
        amountCents: sign * adj.amountCents,
        remarks,
      });
    }
  }
  return out;
}

/**
 * The claim's status after a CLP. Denial is decided by CLP02 = 4, not by zero pay (a line paid 0
 * because it all went to the deductible is processed). A processed claim with some lines denied
 * outright (paid 0, no patient share, adjusted for a reason other than the contract) is partially paid.
 */
export function statusAfter(clp: Claim835, current: ClaimStatus): ClaimStatus {
  // A reversal takes the claim back to accepted; the corrected CLP that follows moves it on.
  if (clp.status === "22") return current === "accepted" ? current : "accepted";
  if (clp.status === "4") return "denied";
  const deniedLines = clp.lines.filter(
    (l) =>
      l.paidCents === 0 &&
      !l.adjustments.some((a) => a.group === "PR") &&
      l.adjustments.some((a) => isDenialReason(a.group, a.reason)),
  );
  if (deniedLines.length > 0 && deniedLines.length < clp.lines.length) return "partially_paid";
  if (deniedLines.length > 0 && deniedLines.length === clp.lines.length) return "denied";
  return "paid";
}
