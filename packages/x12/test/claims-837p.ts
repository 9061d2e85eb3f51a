/**
 * Representative 837P builder inputs, shared by the tests and by the pyx12 validation run
 * (see README). NPIs pass the Luhn check; all people and ids are made up.
 */
import type { Build837PInput, Claim837P, Transaction837P } from "../src/837p/types.ts";

export const BILLING_NPI = "1234567893";

const base = {
  subscriber: {
    payerResponsibility: "P" as const,
    lastName: "DOE",
    firstName: "JANE",
    memberId: "XYZ123456789",
    groupNumber: "GRP001",
    claimFilingIndicator: "CI",
    address: { line1: "12 ELM ST", city: "SPRINGFIELD", state: "IL", postalCode: "627011234" },
    birthDate: "1980-02-29",
    gender: "F" as const,
  },
  payer: { name: "ACME HEALTH PLAN", id: "ACME01" },
};

export function oneLineClaim(id = "CLM-0001"): Claim837P {
  return {
    patientControlNumber: id,
    placeOfService: "11",
    diagnoses: ["J06.9"],
    ...base,
    lines: [
      {
        procedureCode: "99213",
        chargeCents: 12500,
        units: 1,
        diagnosisPointers: [1],
        serviceDate: "2025-01-15",
        lineItemControlNumber: `${id}-1`,
      },
    ],
  };
}

export function manyLinesClaim(): Claim837P {
  const codes = ["99214", "36415", "85025", "80053", "93000", "J1885"];
  return {
    patientControlNumber: "CLM-0002",
    placeOfService: "11",
    diagnoses: ["E11.9", "I10", "E78.5", "R07.9", "M54.50"],
    onsetDate: "2025-01-02",
    priorAuthorization: "AUTH7788",
    ...base,
    renderingProvider: { lastName: "SMITH", firstName: "ANNA", npi: "1467560003", taxonomy: "207Q00000X" },
    referringProvider: { lastName: "JONES", firstName: "PAUL", npi: "1245319599" },
    serviceFacility: {
      name: "MAIN STREET CLINIC",
      npi: "1558444216",
      address: { line1: "400 MAIN ST", city: "SPRINGFIELD", state: "IL", postalCode: "627019876" },
    },
    lines: codes.map((code, i) => ({
      procedureCode: code,
      modifiers: i === 0 ? ["25"] : i === 4 ? ["59", "XU"] : [],
      chargeCents: 2000 + i * 1550,
      units: code === "J1885" ? 2 : 1,
      diagnosisPointers: i === 0 ? [1, 2, 3, 4] : [(i % 5) + 1],
      serviceDate: "2025-01-15",
      ...(i === 3 ? { serviceDateEnd: "2025-01-16" } : {}),
      lineItemControlNumber: `L2-${i + 1}`,
      ...(code === "J1885" ? { drug: { ndc: "00409378001", quantity: 2, unit: "ML" as const } } : {}),
    })),
  };
}

export function patientNotSubscriberClaim(): Claim837P {
  return {
    patientControlNumber: "CLM-0003",
    placeOfService: "02",
    diagnoses: ["F90.0", "Z00.129"],
    subscriber: { ...base.subscriber, address: undefined, birthDate: undefined, gender: undefined },
    payer: { ...base.payer, address: { line1: "PO BOX 500", city: "CHICAGO", state: "IL", postalCode: "60601" } },
    patient: {
      relationship: "19",
      lastName: "DOE",
      firstName: "TIMMY",
      address: { line1: "12 ELM ST", city: "SPRINGFIELD", state: "IL", postalCode: "627011234" },
      birthDate: "2015-06-01",
      gender: "M",
    },
    lines: [
      {
        procedureCode: "90834",
        modifiers: ["95"],
        chargeCents: 15000,
        units: 1,
        diagnosisPointers: [1],
        serviceDate: "2025-02-03",
        lineItemControlNumber: "L3-1",
      },
      {
        procedureCode: "96127",
        chargeCents: 2500,
        units: 2,
        diagnosisPointers: [2, 1],
        serviceDate: "2025-02-03",
        lineItemControlNumber: "L3-2",
      },
    ],
  };
}

/** Billed to the secondary, carrying the primary's 835 adjudication (2320/2330A/2330B/2430). */
export function secondaryClaim(): Claim837P {
  return {
    patientControlNumber: "CLM-0004",
    placeOfService: "11",
    diagnoses: ["M17.11"],
    subscriber: {
      ...base.subscriber,
      payerResponsibility: "S",
      memberId: "MCD998877",
      groupNumber: undefined,
      claimFilingIndicator: "MC",
    },
    payer: { name: "STATE MEDICAID", id: "MCD01" },
    otherPayers: [
      {
        responsibility: "P",
        relationship: "18",
        groupNumber: "GRP001",
        claimFilingIndicator: "CI",
        adjustments: [{ group: "PR", reason: "1", amountCents: 1000 }],
        paidCents: 9000,
        remainingPatientLiabilityCents: 3000,
        subscriber: { lastName: "DOE", firstName: "JANE", memberId: "XYZ123456789" },
        payer: { name: "ACME HEALTH PLAN", id: "ACME01", claimControlNumber: "ACME-ICN-5551" },
      },
    ],
    lines: [
      {
        procedureCode: "20610",
        modifiers: ["RT"],
        chargeCents: 20000,
        units: 1,
        diagnosisPointers: [1],
        serviceDate: "2025-03-10",
        lineItemControlNumber: "L4-1",
        adjudications: [
          {
            payerId: "ACME01",
            paidCents: 6000,
            adjustments: [
              { group: "CO", reason: "45", amountCents: 12000 },
              { group: "PR", reason: "2", amountCents: 2000 },
            ],
            adjudicationDate: "2025-04-01",
          },
        ],
      },
      {
        procedureCode: "99213",
        modifiers: ["25"],
        chargeCents: 10000,
        units: 1,
        diagnosisPointers: [1],
        serviceDate: "2025-03-10",
        lineItemControlNumber: "L4-2",
        adjudications: [
          {
            payerId: "ACME01",
            paidCents: 4000,
            adjustments: [{ group: "CO", reason: "45", amountCents: 6000 }],
            adjudicationDate: "2025-04-01",
          },
        ],
      },
    ],
  };
}

export function replacementClaim(): Claim837P {
  return { ...oneLineClaim("CLM-0005"), frequencyCode: "7", payerClaimControlNumber: "ACME-ICN-1234" };
}

export function voidClaim(): Claim837P {
  return { ...oneLineClaim("CLM-0006"), frequencyCode: "8", payerClaimControlNumber: "ACME-ICN-1235" };
}

export function autoAccidentClaim(): Claim837P {
  return {
    ...oneLineClaim("CLM-0007"),
    relatedCauses: { autoAccident: { state: "IL" }, employment: true },
    accidentDate: "2025-01-10",
    onsetDate: "2025-01-10",
  };
}

export function transaction(claims: Claim837P[], controlNumber = "0001"): Transaction837P {
  return {
    controlNumber,
    referenceId: `BATCH${controlNumber}`,
    createdAt: new Date(Date.UTC(2025, 4, 6, 14, 30)),
    submitter: {
      name: "CLAIMLEDGER BILLING",
      id: "SUBM0001",
      contact: { name: "EDI DESK", phone: "5555550100", email: "edi@example.com" },
    },
    receiver: { name: "CLEARINGHOUSE INC", id: "CLHOUSE01" },
    billingProvider: {
      name: "SPRINGFIELD FAMILY PRACTICE",
      npi: BILLING_NPI,
      taxonomy: "207Q00000X",
      taxId: "123456789",
      address: { line1: "100 OAK AVE", city: "SPRINGFIELD", state: "IL", postalCode: "627015555" },
    },
    payToAddress: { line1: "PO BOX 900", city: "SPRINGFIELD", state: "IL", postalCode: "627020900" },
    claims,
  };
}

export function input(transactions: Transaction837P[], controlNumber = 42): Build837PInput {
  return {
    interchange: {
      senderId: "CLAIMLEDGER",
      receiverId: "CLHOUSE01",
      controlNumber,
      date: new Date(Date.UTC(2025, 4, 6, 14, 30)),
      usage: "T",
    },
    groupControlNumber: 7,
    transactions,
  };
}

/** The representative files validated with pyx12: name -> builder input. */
export function representative837P(): Record<string, Build837PInput> {
  return {
    "one-line": input([transaction([oneLineClaim()])]),
    "many-lines": input([transaction([manyLinesClaim()])]),
    "patient-not-subscriber": input([transaction([patientNotSubscriberClaim()])]),
    "secondary-cob": input([transaction([secondaryClaim()])]),
    "replacement-freq7": input([transaction([replacementClaim()])]),
    "void-freq8": input([transaction([voidClaim()])]),
    "auto-accident": input([transaction([autoAccidentClaim()])]),
    batch: input([
      transaction([oneLineClaim("CLM-0101"), patientNotSubscriberClaim(), secondaryClaim()], "0001"),
      transaction([manyLinesClaim(), replacementClaim(), voidClaim()], "0002"),
    ]),
  };
}
