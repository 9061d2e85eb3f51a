import type { InvoiceBody } from "../invoice/index.ts";

/**
 * What the month-end packet shows, gathered by packet.service.ts and drawn by render.ts (which
 * does no I/O). Money is integer cents; rates are percents with two decimals, or null when there
 * was nothing to measure.
 */
export interface PacketMonth {
  month: string;
  /** Payments posted in the month: insurance and patient, net of refunds and recoupments. */
  collectedCents: number;
  /** Charges of the month's services (date of service). */
  chargesCents: number;
}

export interface PacketAging {
  buckets: readonly string[];
  insurance: number[];
  patient: number[];
  totalCents: number;
}

export interface PacketDenialReason {
  code: string;
  description: string;
  claims: number;
  amountCents: number;
}

export interface PacketKpis {
  cleanClaimRatePercent: number | null;
  denialRatePercent: number | null;
  daysInAR: number | null;
  netCollectionRatePercent: number | null;
  /** What each figure was measured on, printed under the table. */
  basis: string;
}

/**
 * The two sections another part of the product fills: underpayments (payments below the payer's
 * contracted amount) and fee advice (charges to change). Either may be empty or absent: the packet
 * then says that no data is loaded yet; it never prints figures it does not have.
 */
export interface PacketExtras {
  underpayments?: {
    payerName: string;
    /** Lines paid below the expected amount, found this month. */
    lines: number;
    foundCents: number;
    recoveredCents: number;
  }[];
  feeAdvice?: {
    code: string;
    currentChargeCents: number;
    suggestedChargeCents: number;
    /** The rule that produced the suggestion, in words. */
    reason: string;
  }[];
}

export interface PacketData {
  invoice: InvoiceBody;
  months: PacketMonth[];
  aging: PacketAging;
  denials: PacketDenialReason[];
  kpis: PacketKpis;
  extras: PacketExtras;
}
