/**
 * Typed records of an 835 (005010X221A1) health care claim payment/advice. Money is integer cents.
 * Lists are read-only: empty ones share one frozen array, so a million claims without remarks cost
 * no million empty arrays.
 */
import type { X12Issue } from "../errors.ts";

export interface Adjustment {
  /** CAS01 claim adjustment group: CO, PR, OA, PI, CR. */
  group: string;
  /** CARC reason code. */
  reason: string;
  amountCents: number;
  quantity?: number;
}

export interface Identifier {
  qualifier: string;
  value: string;
}

export interface AmountEntry {
  qualifier: string;
  amountCents: number;
}

export interface DateEntry {
  qualifier: string;
  /** YYYY-MM-DD, or undefined when the element is not a valid date. */
  date: string | undefined;
  raw: string;
}

export interface Party835 {
  /** NM101 / N101 entity identifier code (QC, IL, 74, 82, PR, PE...). */
  entity: string;
  /** 1 person, 2 organisation. */
  entityType: string;
  /** Last name or organisation name. */
  name: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  idQualifier?: string;
  id?: string;
}

export interface Payment835 {
  /** BPR01: C payment + remittance, D make payment only, H notification only, I remittance only, P prenotification, U, X. */
  handlingCode: string;
  /** BPR02 total actual provider payment. */
  amountCents: number;
  /** BPR03 C credit / D debit. */
  creditDebit: string;
  /** BPR04: ACH, CHK, BOP, FWT, NON. */
  method: string;
  /** BPR05 payment format (CCP, CTX). */
  format?: string;
  /** BPR16 check issue or EFT effective date, YYYY-MM-DD; undefined when absent or not a date. */
  date: string | undefined;
  /** BPR16 as sent. */
  rawDate: string;
}

export interface Trace835 {
  /** TRN01 trace type (1 current transaction). */
  type: string;
  /** TRN02 check or EFT trace number. */
  number: string;
  /** TRN03 payer identifier (1 + EIN, or other). */
  payerId: string;
  /** TRN04 originating company supplemental code. */
  supplementalId?: string;
}

export interface Payer835 {
  name: string;
  /** N104 when present, else REF*2U (payer identification number). */
  id?: string;
  idQualifier?: string;
  references: Identifier[];
}

export interface Payee835 {
  name: string;
  /** N103: XX (NPI), FI (tax id), PI, XV. */
  idQualifier?: string;
  id?: string;
  /** N104 when N103 = XX. */
  npi?: string;
  /** REF*TJ, or N104 when N103 = FI. */
  taxId?: string;
  references: Identifier[];
}

export interface ProcedureCode {
  /** HC (CPT/HCPCS), AD, ER, IV, N4, NU, WK... */
  qualifier: string;
  code: string;
  modifiers: readonly string[];
  description?: string;
}

export interface ServiceLine835 {
  /** 1-based position of the line in its claim. */
  line: number;
  /** 1-based segment index of the SVC. */
  segmentIndex: number;
  procedure: ProcedureCode;
  chargeCents: number;
  paidCents: number;
  /** SVC04 NUBC revenue code. */
  revenueCode?: string;
  /** SVC05 paid units (default 1 when absent, per the IG). */
  units?: number;
  /** SVC06: the procedure as submitted, when the payer changed it. */
  originalProcedure?: ProcedureCode;
  /** SVC07 original units. */
  originalUnits?: number;
  /** DTM*472 (or 150 when only a from date is given), YYYY-MM-DD. */
  serviceDate?: string;
  /** DTM*151 service period end. */
  serviceDateEnd?: string;
  adjustments: readonly Adjustment[];
  /** REF*6R line item control number sent on the 837 (match lines on it first). */
  lineItemControlNumber?: string;
  /** The line's other REF segments (REF*6R is in lineItemControlNumber). */
  references: readonly Identifier[];
  /** AMT*B6 allowed amount. */
  allowedCents?: number;
  /** The line's other AMT segments (AMT*B6 is in allowedCents). */
  amounts: readonly AmountEntry[];
  /** LQ*HE remark codes (RARC). */
  remarkCodes: readonly string[];
  /** DTM segments other than 472, 150 and 151. */
  dates: readonly DateEntry[];
}

export interface Claim835 {
  /** 1-based segment index of the CLP. */
  segmentIndex: number;
  /** CLP01 patient control number: our claim id. */
  patientControlNumber: string;
  /** CLP02 claim status code (1, 2, 3, 4, 19, 20, 21, 22, 23, 25). */
  status: string;
  chargeCents: number;
  paidCents: number;
  /** CLP05 patient responsibility (0 when absent). */
  patientResponsibilityCents: number;
  /** CLP06 claim filing indicator code (12, 13, MA, MB, MC, CI, HM...). */
  filingIndicator: string;
  /** CLP07 payer claim control number (the ICN / DCN). */
  payerClaimControlNumber: string;
  /** CLP08 facility type code (place of service for professional claims). */
  facilityCode?: string;
  /** CLP09 claim frequency type code. */
  frequencyCode?: string;
  /** CLP11 DRG code. */
  drgCode?: string;
  adjustments: readonly Adjustment[];
  patient?: Party835;
  insured?: Party835;
  correctedPatient?: Party835;
  renderingProvider?: Party835;
  crossoverCarrier?: Party835;
  otherParties: readonly Party835[];
  /** MIA elements (inpatient adjudication) as sent, MIA01 first. */
  inpatient?: string[];
  /** MOA elements (outpatient adjudication) as sent, MOA01 first. */
  outpatient?: string[];
  /** Remark codes from MOA03-MOA07 and MIA05/20-24. */
  remarkCodes: readonly string[];
  /** DTM*232 claim statement period start. */
  statementFrom?: string;
  /** DTM*233 claim statement period end. */
  statementTo?: string;
  /** DTM*050 received date. */
  receivedDate?: string;
  /** DTM segments other than 232, 233 and 050. */
  dates: readonly DateEntry[];
  references: readonly Identifier[];
  amounts: readonly AmountEntry[];
  lines: readonly ServiceLine835[];
}

export interface ProviderAdjustment835 {
  segmentIndex: number;
  /** PLB01 provider identifier. */
  providerId: string;
  /** PLB02 fiscal period date, YYYY-MM-DD. */
  date: string | undefined;
  /** PLB03-1 etc.: L6 interest, WO overpayment recovery, FB forward balance, 72 authorized return, CS... */
  reason: string;
  /** PLB03-2: the reference identification. */
  reference?: string;
  /** Positive reduces the payment; negative increases it. */
  amountCents: number;
}

export interface BalanceProblem {
  /** CLP01 of the claim; "" for a transaction-level problem (BPR02 against CLP04 and PLB). */
  claim: string;
  /** 1-based service line within the claim. */
  line?: number;
  message: string;
}

export interface Balance835 {
  /** BPR02 = sum(CLP04) - sum(PLB) and every claim and line balances against its CAS. */
  balanced: boolean;
  paymentCents: number;
  claims: number;
  paidCents: number;
  providerAdjustmentCents: number;
  problems: BalanceProblem[];
}

export interface Remittance835 {
  /** ST02. */
  controlNumber: string;
  /** 1-based segment index of the ST. */
  segmentIndex: number;
  payment: Payment835;
  trace?: Trace835;
  /** DTM*405 production date. */
  productionDate?: string;
  /** REF*EV receiver id, REF*F2 version. */
  references: Identifier[];
  payer: Payer835;
  payee: Payee835;
  /** The claims, in file order. Empty when the claims were handed out one by one (streaming). */
  claims: Claim835[];
  providerAdjustments: ProviderAdjustment835[];
  balance: Balance835;
  /** Defects found while reading (bad amounts, bad dates, missing elements): reported, not thrown. */
  issues: X12Issue[];
}

/** What the claim-by-claim readers hand out. */
export type Remittance835Event =
  { type: "claim"; claim: Claim835; remittance: Remittance835 } | { type: "remittance"; remittance: Remittance835 };
