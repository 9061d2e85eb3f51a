import type { Build837PInput, Claim837P, PatientRelationship, Transaction837P } from "@claimledger/x12";
import {
  type ClaimDocument,
  type ClaimPatient,
  type ClaimProvider,
  type ClaimSubscriber,
  type PriorPayer,
  x12Safe,
  x12SafeDeep,
} from "../claim/index.ts";
import { normalizeNdc } from "../codes/index.ts";

/** Who we are to the clearinghouse: ISA/GS ids, submitter name and contact. */
export interface SubmitterInfo {
  senderId: string;
  receiverId: string;
  receiverName: string;
  submitterName: string;
  contactName: string;
  contactEmail?: string;
  contactPhone?: string;
  usage: "P" | "T";
}

const RELATIONSHIP: Record<"spouse" | "child" | "other", PatientRelationship> = {
  spouse: "01",
  child: "19",
  other: "G8",
};
const RESPONSIBILITY = { primary: "P", secondary: "S", tertiary: "T" } as const;
const SBR02: Record<"self" | "spouse" | "child" | "other", "18" | PatientRelationship> = {
  self: "18",
  spouse: "01",
  child: "19",
  other: "G8",
};

/** Every payer before this claim's, earliest first: the primary, then (for a tertiary claim) the secondary. */
const priorPayers = (doc: ClaimDocument): PriorPayer[] =>
  doc.priorPayer ? [...(doc.earlierPayers ?? []), doc.priorPayer] : [];

/** 2320/2330A/2330B from each prior payer's adjudication, and 2430 per line. */
function otherPayers(doc: ClaimDocument): Claim837P["otherPayers"] {
  const all = priorPayers(doc);
  if (!all.length) return undefined;
  return all.map((pp) => {
    const sub = pp.relationship === "self" ? doc.patient : pp.subscriber;
    return {
      responsibility: pp.order === "secondary" ? "S" : "P",
      relationship: SBR02[pp.relationship],
      groupNumber: pp.groupNumber,
      claimFilingIndicator: pp.claimFilingIndicator,
      adjustments: pp.claimAdjustments.length ? pp.claimAdjustments : undefined,
      paidCents: pp.paidCents,
      subscriber: { lastName: sub?.lastName ?? "", firstName: sub?.firstName, memberId: pp.memberId },
      payer: {
        name: pp.payerName,
        id: pp.clearinghousePayerId,
        claimControlNumber: pp.payerClaimControlNumber,
        adjudicationDate: pp.lines.length ? undefined : pp.adjudicationDate,
      },
    };
  });
}

const nameOf = (p: ClaimProvider) =>
  p.kind === "organization"
    ? { lastName: p.organizationName ?? "" }
    : { lastName: p.lastName ?? "", firstName: p.firstName };

/** Name, address, birth date and gender of a subscriber or patient, as 2010BA/2010CA take them. */
function person(p: ClaimSubscriber | ClaimPatient) {
  return {
    lastName: p.lastName ?? "",
    firstName: p.firstName,
    middleName: p.middleName,
    address: p.address as Claim837P["subscriber"]["address"],
    birthDate: p.dateOfBirth,
    gender: p.sex,
  };
}

function claim837(doc: ClaimDocument): Claim837P {
  const self = doc.coverage.relationship === "self";
  const sub = doc.coverage.subscriber;
  const patient = doc.patient;
  const sameProvider = doc.renderingProvider.npi === doc.billingProvider.npi;
  return {
    patientControlNumber: doc.claimId,
    totalChargeCents: doc.totalChargeCents,
    placeOfService: doc.placeOfService,
    frequencyCode: doc.frequencyCode,
    payerClaimControlNumber: doc.payerClaimControlNumber,
    relatedCauses: doc.accident
      ? {
          employment: doc.accident.employment,
          otherAccident: doc.accident.otherAccident,
          autoAccident:
            doc.accident.autoAccident && doc.accident.autoAccidentState
              ? { state: doc.accident.autoAccidentState }
              : undefined,
        }
      : undefined,
    accidentDate:
      doc.accident && (doc.accident.autoAccident || doc.accident.otherAccident) ? doc.accident.date : undefined,
    priorAuthorization: doc.priorAuthorization,
    diagnoses: doc.diagnoses,
    subscriber: {
      payerResponsibility: RESPONSIBILITY[doc.coverage.order],
      memberId: doc.coverage.memberId,
      groupNumber: doc.coverage.groupNumber,
      claimFilingIndicator: doc.coverage.claimFilingIndicator,
      ...person(self ? patient : (sub ?? {})),
    },
    payer: { name: doc.coverage.payerName, id: doc.coverage.clearinghousePayerId },
    patient: self
      ? undefined
      : {
          ...person(patient),
          relationship: RELATIONSHIP[doc.coverage.relationship as keyof typeof RELATIONSHIP],
          address: patient.address,
          birthDate: patient.dateOfBirth,
          gender: patient.sex,
        },
    referringProvider: doc.referringProvider
      ? { ...nameOf(doc.referringProvider), npi: doc.referringProvider.npi }
      : undefined,
    renderingProvider: sameProvider
      ? undefined
      : {
          ...nameOf(doc.renderingProvider),
          entityType: doc.renderingProvider.kind === "organization" ? "2" : "1",
          npi: doc.renderingProvider.npi,
          taxonomy: doc.renderingProvider.taxonomyCode,
        },
    lines: doc.lines.map((l) => ({
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      chargeCents: l.chargeCents,
      units: l.units,
      diagnosisPointers: l.diagnosisPointers,
      serviceDate: l.serviceDate,
      serviceDateEnd: l.serviceDateTo,
      lineItemControlNumber: l.lineId,
      drug:
        l.ndc && l.ndcQuantity
          ? { ndc: normalizeNdc(l.ndc) ?? l.ndc, quantity: l.ndcQuantity, unit: (l.ndcUnit ?? "UN") as "UN" }
          : undefined,
      adjudications: lineAdjudications(doc, l.lineId),
    })),
    otherPayers: otherPayers(doc),
  };
}

function lineAdjudications(doc: ClaimDocument, lineId: string): Claim837P["lines"][number]["adjudications"] {
  const out = priorPayers(doc).flatMap((pp) => {
    const l = pp.lines.find((x) => x.lineId === lineId);
    return l
      ? [
          {
            payerId: pp.clearinghousePayerId,
            paidCents: l.paidCents,
            procedureCode: l.procedureCode,
            modifiers: l.modifiers,
            units: l.units,
            adjustments: l.adjustments.length ? l.adjustments : undefined,
            adjudicationDate: pp.adjudicationDate,
          },
        ]
      : [];
  });
  return out.length ? out : undefined;
}

/**
 * One interchange for a batch: claims grouped by billing provider (one ST/SE each), each claim
 * under its own subscriber and payer. Control numbers come from the tenant's atomic counter.
 * Text holding an X12 separator is sent with a space in its place (the scrubber's x12.characters
 * warning says which fields).
 */
export function batchTo837P(
  docs: ClaimDocument[],
  controlNumber: number,
  at: Date,
  sub: SubmitterInfo,
): Build837PInput {
  const byProvider = new Map<string, ClaimDocument[]>();
  for (const d of docs) {
    const k = `${d.billingProvider.npi}|${d.billingProvider.taxId ?? ""}`;
    byProvider.set(k, [...(byProvider.get(k) ?? []), d]);
  }
  const transactions: Transaction837P[] = [...byProvider.values()].map((group, i) => {
    const bp = group[0]!.billingProvider;
    return {
      controlNumber: String(i + 1).padStart(4, "0"),
      referenceId: `${controlNumber}-${i + 1}`,
      createdAt: at,
      submitter: {
        name: x12Safe(sub.submitterName),
        id: sub.senderId,
        contact: { name: sub.contactName, email: sub.contactEmail, phone: sub.contactPhone },
      },
      receiver: { name: sub.receiverName, id: sub.receiverId },
      billingProvider: {
        entityType: bp.kind === "organization" ? "2" : "1",
        name: bp.kind === "organization" ? (bp.organizationName ?? "") : (bp.lastName ?? ""),
        firstName: bp.kind === "organization" ? undefined : bp.firstName,
        npi: bp.npi,
        taxonomy: bp.taxonomyCode,
        taxId: bp.taxId ?? "",
        address: x12SafeDeep(bp.address!),
      },
      claims: group.map((d) => x12SafeDeep(claim837(d))),
    };
  });
  return {
    interchange: { senderId: sub.senderId, receiverId: sub.receiverId, controlNumber, date: at, usage: sub.usage },
    groupControlNumber: controlNumber,
    transactions,
  };
}
