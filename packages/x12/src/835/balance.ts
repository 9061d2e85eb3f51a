/**
 * 835 balancing, as the payer guarantees it and we verify it:
 * per line, charge - paid = sum of the line's CAS; per claim, charge - paid = sum of the claim's CAS
 * and all its lines' CAS; per transaction, BPR02 = sum(CLP04) - sum(PLB amounts).
 */
import { formatCents } from "../money.ts";
import type { Adjustment, Balance835, Claim835, Remittance835 } from "./types.ts";

function sumAdjustments(adjustments: readonly Adjustment[]): number {
  let total = 0;
  for (const a of adjustments) total += a.amountCents;
  return total;
}

function money(cents: number): string {
  const s = formatCents(cents);
  const dot = s.indexOf(".");
  return dot < 0 ? `${s}.00` : s.length - dot === 2 ? `${s}0` : s;
}

/** Adds one claim to a transaction's running balance: counts it, sums CLP04, records problems. */
export function balanceClaim(claim: Claim835, balance: Balance835): void {
  balance.claims++;
  balance.paidCents += claim.paidCents;
  const id = claim.patientControlNumber;
  let lineCas = 0;
  for (const line of claim.lines) {
    const cas = sumAdjustments(line.adjustments);
    lineCas += cas;
    const diff = line.chargeCents - line.paidCents;
    if (diff !== cas) {
      const ctl = line.lineItemControlNumber === undefined ? "" : ` REF*6R ${line.lineItemControlNumber}`;
      balance.problems.push({
        claim: id,
        line: line.line,
        message:
          `claim ${id} line ${line.line} (${line.procedure.code || line.procedure.qualifier}${ctl}): ` +
          `charge ${money(line.chargeCents)} - paid ${money(line.paidCents)} = ${money(diff)}, but the line CAS total ${money(cas)}`,
      });
    }
  }
  const claimCas = sumAdjustments(claim.adjustments);
  const diff = claim.chargeCents - claim.paidCents;
  if (diff !== claimCas + lineCas) {
    const parts =
      claim.lines.length === 0
        ? `claim CAS ${money(claimCas)}`
        : `claim CAS ${money(claimCas)} + line CAS ${money(lineCas)}`;
    balance.problems.push({
      claim: id,
      message: `claim ${id}: charge ${money(claim.chargeCents)} - paid ${money(claim.paidCents)} = ${money(diff)}, but ${parts} = ${money(claimCas + lineCas)}`,
    });
  }
}

/** Completes a transaction's balance once its claims and PLBs are known. */
export function finishBalance(remit: Remittance835): void {
  const b = remit.balance;
  b.paymentCents = remit.payment.amountCents;
  let plb = 0;
  for (const p of remit.providerAdjustments) plb += p.amountCents;
  b.providerAdjustmentCents = plb;
  const expected = b.paidCents - plb;
  if (b.paymentCents !== expected) {
    b.problems.push({
      claim: "",
      message: `BPR02 ${money(b.paymentCents)} does not equal sum(CLP04) ${money(b.paidCents)} - sum(PLB) ${money(plb)} = ${money(expected)}`,
    });
  }
  b.balanced = b.problems.length === 0;
}

/** Recomputes the balance of a remittance read with its claims kept (read835). */
export function balance835(remit: Remittance835): Balance835 {
  const balance: Balance835 = {
    balanced: false,
    paymentCents: 0,
    claims: 0,
    paidCents: 0,
    providerAdjustmentCents: 0,
    problems: [],
  };
  for (const claim of remit.claims) balanceClaim(claim, balance);
  finishBalance({ ...remit, balance });
  return balance;
}
