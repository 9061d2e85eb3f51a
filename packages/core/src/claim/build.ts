import type { EncounterInput } from "../encounter/encounter.schema.ts";
import type { Practice } from "../practice/practice.schema.ts";
import type { Provider } from "../provider/provider.schema.ts";
import type { Coverage, Patient } from "../patient/patient.schema.ts";
import type { Payer } from "../payer/payer.schema.ts";
import { feeFor, type FeeEntry } from "../feeschedule/feeschedule.ts";
import type { ClaimCoverage, ClaimDocument, ClaimLine, ClaimProvider } from "./claim.types.ts";
import { newId } from "../shared/ids.ts";

/** Claim ids double as the X12 patient control number (CLM01): at most 20 characters. */
export function newClaimId(): string {
  return newId("cl", 14).toUpperCase().replace("_", ""); // e.g. CL7H3K9Q2M4X8T1VBN (16)
}

export function providerOf(p: Provider): ClaimProvider {
  return {
    providerId: p.providerId,
    kind: p.kind,
    firstName: p.firstName,
    lastName: p.lastName,
    organizationName: p.organizationName,
    npi: p.npi,
    taxonomyCode: p.taxonomyCode,
    taxId: p.taxId,
    address: p.address,
  };
}

/** The practice as billing provider: its group NPI, EIN and address (837P loop 2010AA). */
export function practiceAsBillingProvider(pr: Practice): ClaimProvider {
  return {
    kind: "organization",
    organizationName: pr.legalName,
    npi: pr.npi,
    taxonomyCode: pr.taxonomyCode,
    taxId: pr.taxId,
    address: pr.address,
  };
}

export function coverageOf(c: Coverage, payer: Payer): ClaimCoverage {
  return {
    coverageId: c.coverageId,
    order: c.order,
    payerId: payer.payerId,
    payerName: payer.name,
    clearinghousePayerId: payer.clearinghousePayerId,
    claimFilingIndicator: payer.claimFilingIndicator,
    timelyFilingDays: payer.timelyFilingDays,
    memberId: c.memberId,
    groupNumber: c.groupNumber,
    relationship: c.relationship,
    subscriber: c.subscriber,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
  };
}

/** Lines with charges filled from the fee schedule where the encounter sent none. */
export function buildLines(lines: EncounterInput["lines"], serviceDate: string, fees: FeeEntry[]): ClaimLine[] {
  return lines.map((l, i) => {
    const fee = l.chargeCents === undefined ? feeFor(fees, l.procedureCode, l.modifiers) : undefined;
    return {
      lineNumber: i + 1,
      lineId: newId("ln", 10).toUpperCase().replace("_", ""),
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: l.chargeCents ?? fee ?? 0,
      chargeSource: l.chargeCents !== undefined ? "encounter" : fee !== undefined ? "fee_schedule" : "missing",
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate ?? serviceDate,
      serviceDateTo: l.serviceDateTo,
      ndc: l.ndc,
      ndcQuantity: l.ndcQuantity,
      ndcUnit: l.ndcUnit,
    };
  });
}

export function buildClaimDocument(args: {
  claimId: string;
  practice: Practice;
  encounter: EncounterInput;
  patient: Patient;
  coverage: ClaimCoverage;
  rendering: Provider;
  billing?: Provider;
  fees: FeeEntry[];
}): ClaimDocument {
  const { encounter: e } = args;
  const lines = buildLines(e.lines, e.serviceDate, args.fees);
  const p = args.patient;
  return {
    claimId: args.claimId,
    practiceId: args.practice.practiceId,
    externalId: e.externalId,
    frequencyCode: "1",
    billingProvider: args.billing ? providerOf(args.billing) : practiceAsBillingProvider(args.practice),
    renderingProvider: providerOf(args.rendering),
    referringProvider: e.referringProvider ? { kind: "individual", ...e.referringProvider } : undefined,
    patient: {
      patientId: p.patientId,
      firstName: p.firstName,
      middleName: p.middleName,
      lastName: p.lastName,
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      address: p.address,
      accountNumber: p.accountNumber,
    },
    coverage: args.coverage,
    placeOfService: e.placeOfService,
    serviceDate: e.serviceDate,
    serviceDateTo: e.serviceDateTo,
    diagnoses: e.diagnoses,
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    submittedTotalCents: e.totalChargeCents,
    priorAuthorization: e.priorAuthorization,
    accident: e.accident,
  };
}
