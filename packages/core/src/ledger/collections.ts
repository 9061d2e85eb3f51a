import { LedgerEntryEntity, type LedgerEntry } from "./ledger.entity.ts";
import { expandItem } from "./ledger.service.ts";

/**
 * What a practice collected, by category: the money ledger entries move, as month close and the
 * collection reports count it.
 */
export interface Collections {
  insurancePaymentsCents: number;
  patientPaymentsCents: number;
  /** Refunds and recoupments: negative amounts that net against collections. */
  refundsCents: number;
  recoupmentsCents: number;
  interestCents: number;
}

/** A ledger entry as month close reads it. */
export type LedgerRow = Pick<
  LedgerEntry,
  "entryId" | "claimId" | "kind" | "amountCents" | "depositDate" | "payerId" | "remittanceId"
>;

/** A counted collection: what kind it is under the contract's counting rules. */
export type Category = keyof Collections;

/** Which collection category a ledger entry is; undefined for entries that move no money (adjustments). */
export function categoryOf(e: Pick<LedgerRow, "kind" | "amountCents">): Category | undefined {
  switch (e.kind) {
    case "insurance_payment":
      // A negative insurance payment is a reversal taking money back: a recoupment.
      return e.amountCents >= 0 ? "insurancePaymentsCents" : "recoupmentsCents";
    case "provider_adjustment":
      return "recoupmentsCents";
    // Money held as credit is collected when it is received (applying it later moves no money); an
    // agency's recovery is counted net of its fee: the gross as a patient payment, the fee against it.
    case "patient_payment":
    case "patient_deposit":
    case "collection_recovery":
    case "collection_agency_fee":
      return "patientPaymentsCents";
    case "refund":
    case "credit_refund":
      return "refundsCents";
    case "interest":
      return "interestCents";
    default:
      return undefined;
  }
}

/**
 * Sort-key ranges a practice-month's ledger is read in, side by side: entry ids start with the
 * posting's hex file hash (835s) or `pmt_` (payments), so eight ranges split a month about evenly.
 * BETWEEN is inclusive, but no entry id is a bare boundary character, so no entry is read twice.
 */
const BOUNDS = ["", "2", "4", "6", "8", "a", "c", "e", "~"];
const LEDGER_RANGES = BOUNDS.slice(0, -1).map((lo, i) => [lo, BOUNDS[i + 1]!] as const);

/** Every ledger entry booked into a practice-month: Queries on its one partition, paged, eight ranges at once. */
export async function ledgerOf(
  tenantId: string,
  practiceId: string,
  month: string,
  consistent = false,
): Promise<LedgerEntry[]> {
  const parts = await Promise.all(
    LEDGER_RANGES.map(([lo, hi]) =>
      LedgerEntryEntity.query
        .byPracticeMonth({ tenantId, practiceId, month })
        .between({ entryId: lo }, { entryId: hi })
        .go({ pages: "all", consistent }),
    ),
  );
  return parts.flatMap((p) => p.data.flatMap(expandItem));
}
