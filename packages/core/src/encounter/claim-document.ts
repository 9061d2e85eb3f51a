import type { EncounterInput } from "./encounter.schema.ts";
import type { Practice } from "../practice/index.ts";
import type { Provider } from "../provider/index.ts";
import type { Patient } from "../patient/index.ts";
import type { FeeEntry } from "../feeschedule/index.ts";
import { type ClaimCoverage, type ClaimDocument, type ClaimProvider, buildLines, providerOf } from "../claim/index.ts";

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
