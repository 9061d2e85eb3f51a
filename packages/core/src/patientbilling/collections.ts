import { percentOf } from "../invoice/index.ts";
import { toCsv } from "../shared/csv.ts";
import type { Address } from "../shared/schema.ts";

/**
 * Collections hand-off, pure. An agency recovers money from the patient and keeps a share (its fee,
 * in basis points of what it recovered). The ledger treatment:
 *
 * - the gross recovery pays what the patient owes: `collection_recovery` entries, oldest visit
 *   first, reduce each visit's patient balance by what they took (and count as a patient payment);
 * - the agency's fee is the practice's cost, not a write-off of the patient's debt:
 *   `collection_agency_fee` entries (negative, on the same claims) move no balance, and net
 *   against patient payments, so collections (and the billing company's percent) count what the
 *   practice actually received, gross less fee.
 *
 * The fee is rounded half-up once, on the recovery's total, and spread over the claims in
 * proportion to what each took, the last one taking the rounding remainder.
 */
export function recoveryFee(grossCents: number, feeBps: number): { feeCents: number; netCents: number } {
  const feeCents = percentOf(grossCents, feeBps).cents;
  return { feeCents, netCents: grossCents - feeCents };
}

export function allocateRecovery(
  visits: { claimId: string; serviceDate: string; balanceCents: number }[],
  grossCents: number,
  feeCents: number,
): { claimId: string; grossCents: number; feeCents: number }[] {
  const out: { claimId: string; grossCents: number; feeCents: number }[] = [];
  let left = grossCents;
  for (const v of [...visits].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate))) {
    if (left <= 0) break;
    const take = Math.min(left, Math.max(0, v.balanceCents));
    if (take > 0) out.push({ claimId: v.claimId, grossCents: take, feeCents: 0 });
    left -= take;
  }
  let feeLeft = feeCents;
  out.forEach((a, i) => {
    a.feeCents = i === out.length - 1 ? feeLeft : Math.floor((feeCents * a.grossCents) / grossCents);
    feeLeft -= a.feeCents;
  });
  return out;
}

export interface Candidate {
  patientId: string;
  accountNumber: string;
  firstName: string;
  middleName?: string;
  lastName: string;
  address: Address;
  dateOfBirth: string;
  phone?: string;
  balanceCents: number;
  lastPaymentDate?: string;
  firstServiceDate: string;
  lastServiceDate: string;
  finalNoticeDate: string;
  statementsSent: number;
  practiceName: string;
}

/**
 * The placement file agencies take (one row a debtor): account number, debtor's name, address,
 * date of birth, phone if held, balance, date of last payment, date-of-service range, final
 * notice date and the creditor (practice) name. Dates YYYY-MM-DD, balance in dollars.
 */
export const CANDIDATE_COLUMNS = [
  "account_number",
  "debtor_last_name",
  "debtor_first_name",
  "debtor_middle_name",
  "address_line1",
  "address_line2",
  "city",
  "state",
  "postal_code",
  "date_of_birth",
  "phone",
  "balance",
  "last_payment_date",
  "first_service_date",
  "last_service_date",
  "final_notice_date",
  "statements_sent",
  "creditor_name",
] as const;

export function candidatesCsv(rows: Candidate[]): string {
  return toCsv([
    [...CANDIDATE_COLUMNS],
    ...rows.map((c) => [
      c.accountNumber,
      c.lastName,
      c.firstName,
      c.middleName ?? "",
      c.address.line1,
      c.address.line2 ?? "",
      c.address.city,
      c.address.state,
      c.address.postalCode,
      c.dateOfBirth,
      c.phone ?? "",
      (c.balanceCents / 100).toFixed(2),
      c.lastPaymentDate ?? "",
      c.firstServiceDate,
      c.lastServiceDate,
      c.finalNoticeDate,
      String(c.statementsSent),
      c.practiceName,
    ]),
  ]);
}
