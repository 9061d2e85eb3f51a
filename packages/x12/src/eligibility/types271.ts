/** What read271 returns: one answer per subscriber or dependent asked about. */
import type { X12Issue } from "../errors.ts";

export interface Address271 {
  line1: string;
  line2?: string;
  city?: string;
  state?: string;
  postalCode?: string;
}

export interface Person271 {
  memberId?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string;
  dateOfBirth?: string;
  sex?: string;
  /** REF*6P. */
  groupNumber?: string;
  address?: Address271;
}

/** An entity named in a benefit's LS/LE 2120 loop (NM1*P3 primary care provider...). */
export interface RelatedEntity271 {
  entity: string;
  name: string;
  firstName?: string;
  idQualifier?: string;
  id?: string;
}

export interface Benefit271 {
  /** EB01 (1 active, 6 inactive, A coinsurance, B copay, C deductible, G out of pocket...). */
  code: string;
  description: string;
  /** EB02 (IND, FAM...). */
  coverageLevel?: string;
  coverageLevelDescription?: string;
  /** EB03 (repeating). */
  serviceTypes: { code: string; description: string }[];
  /** EB04, EB05. */
  insuranceType?: string;
  insuranceTypeDescription?: string;
  planDescription?: string;
  /** EB06 (23 calendar year, 29 remaining, 27 visit...). */
  timePeriod?: { code: string; description: string };
  /** EB07. */
  amountCents?: number;
  /** EB08 as a fraction, e.g. 0.2. */
  percent?: number;
  /** EB09/EB10. */
  quantity?: { qualifier: string; description: string; value: number };
  /** EB11 Y / N. */
  authorizationRequired?: boolean;
  /** EB12 Y in, N out, W not applicable (both). */
  network?: "in" | "out" | "both";
  /** DTP in 2110C/D by qualifier meaning ("Plan Begin", "Service"...; the code when unknown); RD8 as "from/to". */
  dates: Record<string, string>;
  /** MSG01. */
  messages: string[];
  /** LS*2120 ... LE*2120. */
  relatedEntities: RelatedEntity271[];
}

export type RejectionLevel = "payer" | "provider" | "subscriber" | "dependent";

export interface Rejection271 {
  level: RejectionLevel;
  /** AAA03. */
  code: string;
  description: string;
  /** AAA04. */
  followUp?: string;
  followUpDescription?: string;
}

export interface Eligibility271 {
  /** ST02 of the 271. */
  controlNumber: string;
  /** Our TRN02 echoed (TRN01=2). */
  traceNumber?: string;
  payer: { name?: string; id?: string };
  provider?: { name?: string; npi?: string; idQualifier?: string; id?: string };
  subscriber: Person271;
  dependent?: Person271;
  /** AAA at the payer, provider, subscriber and dependent levels that apply to this answer. */
  rejections: Rejection271[];
  /** From EB01 1-5 (active) / 6-8 (inactive), and AAA (rejected). */
  status: "active" | "inactive" | "rejected" | "unknown";
  plan: { name?: string; groupNumber?: string; groupName?: string };
  coverageDates: { planBegin?: string; planEnd?: string; eligibilityBegin?: string; eligibilityEnd?: string };
  benefits: Benefit271[];
  /** Bad amounts or dates, reported not thrown. */
  issues: X12Issue[];
}
