import type { Address } from "../shared/schema.ts";

/** The claim lifecycle. */
export const CLAIM_STATUSES = [
  "draft",
  "needs_review",
  "ready",
  "queued",
  "submitted",
  "accepted",
  "rejected",
  "paid",
  "partially_paid",
  "denied",
  "closed",
  "on_hold",
  "voided",
  "corrected",
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type Severity = "error" | "warning";

/** A scrubber finding: what is wrong, where, and how to fix it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** JSON path into the claim, e.g. `lines.2.diagnosisPointers.0`. */
  path: string;
  message: string;
  fixHint: string;
}

export interface ClaimProvider {
  providerId?: string;
  kind: "individual" | "organization";
  firstName?: string;
  lastName?: string;
  organizationName?: string;
  npi: string;
  taxonomyCode?: string;
  taxId?: string;
  address?: Address;
}

export interface ClaimSubscriber {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  dateOfBirth?: string;
  sex?: "M" | "F" | "U";
  address?: Partial<Address>;
}

/** The coverage the claim is billed to, copied from the patient at claim time. */
export interface ClaimCoverage {
  coverageId: string;
  order: "primary" | "secondary" | "tertiary";
  payerId: string;
  payerName: string;
  clearinghousePayerId: string;
  claimFilingIndicator: string;
  timelyFilingDays: number;
  memberId: string;
  groupNumber?: string;
  relationship: "self" | "spouse" | "child" | "other";
  subscriber?: ClaimSubscriber;
  effectiveFrom?: string;
  effectiveTo?: string;
}

export interface ClaimPatient {
  patientId: string;
  firstName: string;
  middleName?: string;
  lastName: string;
  dateOfBirth: string;
  sex: "M" | "F" | "U";
  address: Address;
  accountNumber?: string;
}

export interface ClaimLine {
  /** 1-based line number. */
  lineNumber: number;
  /** Line item control number sent as REF*6R; matched first when the 835 comes back. */
  lineId: string;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  diagnosisPointers: number[];
  serviceDate: string;
  serviceDateTo?: string;
  ndc?: string;
  ndcQuantity?: number;
  ndcUnit?: string;
  /** Where the charge came from. */
  chargeSource: "encounter" | "fee_schedule" | "missing";
}

export interface ClaimAccident {
  autoAccident: boolean;
  autoAccidentState?: string;
  employment: boolean;
  otherAccident: boolean;
  date?: string;
}

/** A CAS adjustment carried from a prior payer's 835. */
export interface CobAdjustment {
  group: string;
  reason: string;
  amountCents: number;
}

/** How the primary payer adjudicated the claim, for the secondary's 837P (loops 2320/2330B/2430). */
export interface PriorPayer {
  /** Which coverage this payer was for the patient (a tertiary claim has a primary and a secondary before it). */
  order?: "primary" | "secondary";
  payerName: string;
  clearinghousePayerId: string;
  claimFilingIndicator: string;
  memberId: string;
  groupNumber?: string;
  relationship: "self" | "spouse" | "child" | "other";
  subscriber?: ClaimSubscriber;
  paidCents: number;
  payerClaimControlNumber: string;
  adjudicationDate: string;
  claimAdjustments: CobAdjustment[];
  lines: {
    lineId: string;
    procedureCode: string;
    modifiers: string[];
    units: number;
    paidCents: number;
    adjustments: CobAdjustment[];
  }[];
}

/** Everything the scrubber and the 837P builder need, in one document. */
export interface ClaimDocument {
  claimId: string;
  practiceId: string;
  externalId?: string;
  /** 1 original, 7 replacement, 8 void. */
  frequencyCode: "1" | "7" | "8";
  /** For 7/8: the payer's claim control number of the claim being replaced or voided. */
  payerClaimControlNumber?: string;
  originalClaimId?: string;
  billingProvider: ClaimProvider;
  renderingProvider: ClaimProvider;
  referringProvider?: ClaimProvider;
  patient: ClaimPatient;
  coverage: ClaimCoverage;
  placeOfService: string;
  serviceDate: string;
  serviceDateTo?: string;
  diagnoses: string[];
  lines: ClaimLine[];
  totalChargeCents: number;
  /** What the practice said the total was, when it said. */
  submittedTotalCents?: number;
  priorAuthorization?: string;
  accident?: ClaimAccident;
  /** For a secondary (or tertiary) claim: the adjudication of the payer just before, copied from its 835. */
  priorPayer?: PriorPayer;
  /** For a tertiary claim: the payers before that one (the primary), as their 835s reported them. */
  earlierPayers?: PriorPayer[];
  /** The primary claim this secondary claim follows. */
  primaryClaimId?: string;
  /** A claim rebilled to another payer after a denial: the denied claim it replaces. */
  rebilledFromClaimId?: string;
}

/** The states of an appeal (appeal module): open while draft, sent, or overturned and not yet paid. */
export const APPEAL_STATUSES = [
  "draft",
  "sent",
  "overturned",
  "partially_overturned",
  "upheld",
  "paid",
  "withdrawn",
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const OPEN_APPEAL_STATUSES: readonly AppealStatus[] = ["draft", "sent", "overturned", "partially_overturned"];

/**
 * An appeal as its claim keeps it (the appeal module writes it in the appeal's own transactions):
 * posting, resolutions and the follow-up rules read it on the claim, so a claim with no appeal
 * costs them no read. `seq` numbers the claim's appeals from 1 (their automatic tasks' ids).
 */
export interface AppealMark {
  appealId: string;
  seq: number;
  level: 1 | 2 | 3;
  status: AppealStatus;
  /** The denied money the appeal asks for. */
  amountCents: number;
  /** What the payer said it will pay (overturned, or partially). */
  expectedCents?: number;
  /** The last day to send it. */
  deadline: string;
  sentOn?: string;
  decidedOn?: string;
}
