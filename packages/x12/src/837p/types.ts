/**
 * Input of the 837P (005010X222A1) builder. Money is integer cents; dates are "YYYY-MM-DD".
 * Loop numbers in the comments say where each field goes.
 */
import type { InterchangeHeader } from "../writer.ts";

export type Gender = "M" | "F" | "U";
/** 1 = person, 2 = organisation (NM102). */
export type EntityType = "1" | "2";
/** Payer responsibility sequence (SBR01): P primary, S secondary, T tertiary, A-H fourth to eleventh, U unknown. */
export type PayerResponsibility = "P" | "S" | "T" | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "U";
/** Patient's relationship to the subscriber (PAT01 / 2320 SBR02): 01 spouse, 19 child, 20 employee, 21 unknown, 39 organ donor, 40 cadaver donor, 53 life partner, G8 other. */
export type PatientRelationship = "01" | "19" | "20" | "21" | "39" | "40" | "53" | "G8";

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  /** Two-letter state or province code. */
  state: string;
  postalCode: string;
  /** ISO country code, only outside the US. */
  country?: string;
}

export interface Contact {
  name?: string;
  phone?: string;
  phoneExtension?: string;
  email?: string;
  fax?: string;
}

/** 1000A: who sends the file (NM1*41 + PER*IC). */
export interface Submitter {
  entityType?: EntityType;
  /** Organisation name, or last name when entityType is "1". */
  name: string;
  firstName?: string;
  /** NM109 electronic transmitter id (qualifier 46) assigned by the receiver. */
  id: string;
  contact: Contact;
}

/** 1000B: the clearinghouse or payer that receives the file (NM1*40). */
export interface Receiver {
  name: string;
  /** NM109 (qualifier 46). */
  id: string;
}

/** 2000A/2010AA: the billing provider (HL 20, PRV*BI, NM1*85, N3/N4, REF*EI). */
export interface BillingProvider {
  entityType?: EntityType;
  /** Organisation name, or last name for an individual. */
  name: string;
  firstName?: string;
  middleName?: string;
  npi: string;
  /** PRV*BI*PXC taxonomy code. */
  taxonomy?: string;
  /** REF02: the EIN (REF*EI) or, when taxIdType is "SY", the SSN. */
  taxId: string;
  taxIdType?: "EI" | "SY";
  /** A street address (not a PO box); ZIP+4 expected by most payers. */
  address: Address;
  contact?: Contact;
}

export interface Payer {
  name: string;
  /** NM109 payer id (qualifier PI). */
  id: string;
  address?: Address;
}

export interface PersonName {
  lastName: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
}

/** 2000B/2010BA: the policy holder. Address, birth date and gender are required when the subscriber is the patient. */
export interface Subscriber extends PersonName {
  /** SBR01: this payer's place in the order of payment. */
  payerResponsibility: PayerResponsibility;
  entityType?: EntityType;
  /** NM109 member id (qualifier MI). */
  memberId: string;
  /** SBR03 group or policy number. */
  groupNumber?: string;
  /** SBR04 group name (sent only when there is no group number). */
  groupName?: string;
  /** SBR05 insurance type code (e.g. 12-16, 41, 42, 43, 47 when Medicare is secondary). */
  insuranceType?: string;
  /** SBR09 claim filing indicator code: CI commercial, MB Medicare B, MC Medicaid, BL BCBS, HM HMO, 12... */
  claimFilingIndicator: string;
  address?: Address;
  birthDate?: string;
  gender?: Gender;
}

/** 2000C/2010CA: the patient, only when not the subscriber. */
export interface Patient extends PersonName {
  relationship: PatientRelationship;
  address: Address;
  birthDate: string;
  gender: Gender;
}

export interface ProviderPerson extends PersonName {
  npi?: string;
}

export interface RenderingProvider extends ProviderPerson {
  entityType?: EntityType;
  npi: string;
  /** PRV*PE*PXC taxonomy. */
  taxonomy?: string;
}

export interface ServiceFacility {
  name: string;
  npi?: string;
  address: Address;
}

/** A CAS adjustment (from the prior payer's 835). */
export interface CobAdjustment {
  /** CO, PR, OA, PI, CR. */
  group: string;
  /** CARC. */
  reason: string;
  amountCents: number;
  quantity?: number;
}

/** 2320/2330A/2330B: a payer that adjudicated (or covers) the claim before the one billed. */
export interface OtherPayer {
  /** SBR01 of that payer (e.g. "P" for the primary when billing the secondary). */
  responsibility: PayerResponsibility;
  /** SBR02: patient's relationship to that payer's subscriber; "18" self. */
  relationship: "18" | PatientRelationship;
  groupNumber?: string;
  groupName?: string;
  insuranceType?: string;
  claimFilingIndicator: string;
  /** Claim-level CAS from that payer's 835 (2320 CAS). */
  adjustments?: CobAdjustment[];
  /** AMT*D: what that payer paid (required once it adjudicated the claim). */
  paidCents?: number;
  /** AMT*A8 total non-covered amount. */
  nonCoveredCents?: number;
  /** AMT*EAF remaining patient liability. */
  remainingPatientLiabilityCents?: number;
  /** OI03 benefits assignment (default "Y"), OI06 release of information (default "Y"). */
  benefitsAssigned?: "Y" | "N" | "W";
  releaseOfInformation?: "Y" | "I";
  /** 2330A: that payer's subscriber. */
  subscriber: PersonName & { entityType?: EntityType; memberId: string; address?: Address };
  /** 2330B: that payer. */
  payer: Payer & {
    /** REF*F8: that payer's claim control number (CLP07 of its 835). */
    claimControlNumber?: string;
    /** DTP*573: adjudication/remittance date; required when no line-level (2430) adjudication is sent. */
    adjudicationDate?: string;
  };
}

/** 2430: how another payer adjudicated one service line (from its 835 SVC loop). */
export interface LineAdjudication {
  /** SVD01: the other payer's id, equal to that OtherPayer's payer.id. */
  payerId: string;
  /** SVD02. */
  paidCents: number;
  /** SVD03: the procedure as adjudicated; defaults to the line's. */
  procedureCode?: string;
  modifiers?: string[];
  /** SVD05 paid units; defaults to the line's units. */
  units?: number;
  /** SVD06 bundled line number. */
  bundledLineNumber?: number;
  /** Line-level CAS from that payer's 835. */
  adjustments?: CobAdjustment[];
  /** DTP*573 adjudication or payment date. */
  adjudicationDate: string;
}

export interface DrugIdentification {
  /** 11-digit NDC in 5-4-2 format, without hyphens. */
  ndc: string;
  quantity: number;
  /** F2 international unit, GR gram, ME milligram, ML millilitre, UN unit (default). */
  unit?: "F2" | "GR" | "ME" | "ML" | "UN";
}

/** 2400: one service line. */
export interface ServiceLine {
  /** CPT or HCPCS code (SV101-2). */
  procedureCode: string;
  /** Up to four modifiers. */
  modifiers?: string[];
  /** SV101-7 description (for unlisted codes). */
  description?: string;
  chargeCents: number;
  /** SV104. */
  units: number;
  /** SV103: UN units (default) or MJ minutes (anesthesia). */
  unitType?: "UN" | "MJ";
  /** SV105: only when it differs from the claim's place of service. */
  placeOfService?: string;
  /** SV107: 1-based indexes into the claim's diagnoses, 1 to 4 of them. */
  diagnosisPointers: number[];
  /** SV109 emergency indicator. */
  emergency?: boolean;
  /** DTP*472 date of service (D8), or a range with serviceDateEnd (RD8). */
  serviceDate: string;
  serviceDateEnd?: string;
  /** REF*6R line item control number: unique within the claim, echoed back on the 835. */
  lineItemControlNumber: string;
  /** 2410 LIN*N4 + CTP: the drug given. */
  drug?: DrugIdentification;
  /** 2430 loops, one per other payer that adjudicated this line. */
  adjudications?: LineAdjudication[];
}

/** 2300: one claim with its subscriber, payer and (optionally) patient. */
export interface Claim837P {
  /** CLM01: our claim id, at most 20 characters. */
  patientControlNumber: string;
  /** CLM02; when given it must equal the sum of the line charges. */
  totalChargeCents?: number;
  /** CLM05-1, the CMS place of service code (11 office, 02/10 telehealth...). */
  placeOfService: string;
  /** CLM05-3: 1 original (default), 7 replacement, 8 void. */
  frequencyCode?: "1" | "7" | "8";
  /** REF*F8: the payer's claim control number of the claim replaced or voided (required for 7 and 8). */
  payerClaimControlNumber?: string;
  /** CLM06 (default true). */
  providerSignatureOnFile?: boolean;
  /** CLM07: A assigned (default), B lab services only, C not assigned. */
  assignment?: "A" | "B" | "C";
  /** CLM08: Y (default), N, W. */
  benefitsAssigned?: "Y" | "N" | "W";
  /** CLM09: Y (default) or I. */
  releaseOfInformation?: "Y" | "I";
  /** CLM11: what the condition is related to. An auto accident needs the state. */
  relatedCauses?: { employment?: boolean; autoAccident?: { state: string; country?: string }; otherAccident?: boolean };
  /** DTP*431 onset of current illness or symptom. */
  onsetDate?: string;
  /** DTP*439 accident date (required with an auto or other accident). */
  accidentDate?: string;
  /** REF*G1 prior authorization number. */
  priorAuthorization?: string;
  /** REF*9F referral number. */
  referralNumber?: string;
  /** REF*EA medical record number. */
  medicalRecordNumber?: string;
  /** NTE*ADD claim note. */
  note?: string;
  /** ICD-10-CM codes, principal first, with or without the dot; at most 12. */
  diagnoses: string[];
  subscriber: Subscriber;
  payer: Payer;
  /** Only when the patient is not the subscriber. */
  patient?: Patient;
  /** 2310A NM1*DN. */
  referringProvider?: ProviderPerson;
  /** 2310B NM1*82 + PRV*PE, written only when it differs from the billing provider. */
  renderingProvider?: RenderingProvider;
  /** 2310C NM1*77. */
  serviceFacility?: ServiceFacility;
  /** 2320 loops: other payers (for a secondary claim: the primary and its adjudication). */
  otherPayers?: OtherPayer[];
  /** 2400 loops: 1 to 50 service lines. */
  lines: ServiceLine[];
}

/** One 837P transaction set (ST/SE): one billing provider and its claims. */
export interface Transaction837P {
  /** ST02, 4-9 characters, unique in the group. */
  controlNumber: string;
  /** BHT03: the submitter's batch reference. */
  referenceId: string;
  /** BHT04/BHT05 (UTC). */
  createdAt: Date;
  /** BHT06: CH chargeable (default) or RP reporting (encounters). */
  claimOrEncounter?: "CH" | "RP";
  submitter: Submitter;
  receiver: Receiver;
  billingProvider: BillingProvider;
  /** 2010AB: written only when it differs from the billing provider's address. */
  payToAddress?: Address;
  claims: Claim837P[];
}

export interface Build837PInput {
  interchange: InterchangeHeader;
  /** GS06. */
  groupControlNumber: number;
  /** GS02/GS03, default the ISA sender/receiver ids. */
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  transactions: Transaction837P[];
}
