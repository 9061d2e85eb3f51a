/**
 * Representative 276 builder inputs, shared by the tests and by the LinuxForHealth x12 validation
 * run (see README). NPIs pass the Luhn check; all people and ids are made up.
 */
import type { Build276Input, StatusInquiry } from "../src/status/build276.ts";

export const STATUS_PROVIDER_NPI = "1234567893";

export function input276(inquiries: StatusInquiry[], more: Partial<Build276Input> = {}): Build276Input {
  return {
    interchange: {
      senderId: "CLAIMLEDGER",
      receiverId: "CLHOUSE01",
      controlNumber: 44,
      date: new Date("2025-06-10T09:05:00Z"),
      usage: "T",
    },
    groupControlNumber: 9,
    payer: { name: "ACME HEALTH PLAN", id: "ACME01" },
    receiver: { name: "CLAIMLEDGER BILLING", id: "SUBM0001" },
    provider: { npi: STATUS_PROVIDER_NPI, organizationName: "SPRINGFIELD FAMILY PRACTICE", taxId: "123456789" },
    inquiries,
    ...more,
  };
}

export function subscriberClaim(id = "CLM-0001"): StatusInquiry {
  return {
    traceNumber: id,
    patientControlNumber: id,
    subscriber: { memberId: "XYZ123456789", firstName: "JANE", lastName: "DOE", dateOfBirth: "1980-02-29", sex: "F" },
    chargeCents: 12500,
    serviceDate: "2025-01-15",
  };
}

export function dependentClaim(): StatusInquiry {
  return {
    traceNumber: "CLM-0003",
    patientControlNumber: "CLM-0003",
    payerClaimControlNumber: "PCN77001",
    subscriber: { memberId: "XYZ123456789", firstName: "JANE", lastName: "DOE" },
    dependent: { firstName: "TOMMY", lastName: "DOE", dateOfBirth: "2015-07-04", sex: "M" },
    chargeCents: 851388,
    serviceDate: "2025-01-20",
    serviceDateTo: "2025-01-24",
  };
}

/** Named inputs written and validated by test/write-representative-27x.ts. */
export function representative276(): Record<string, Build276Input> {
  const many = Array.from({ length: 50 }, (_, i) => subscriberClaim(`CLM-1${String(i).padStart(3, "0")}`));
  return {
    "276-subscriber": input276([subscriberClaim()]),
    "276-dependent": input276([dependentClaim()]),
    "276-minimal": input276([
      {
        traceNumber: "T1",
        patientControlNumber: "T1",
        subscriber: { memberId: "A1", firstName: "AL", lastName: "BO" },
        chargeCents: 0,
        serviceDate: "2025-02-01",
      },
    ]),
    "276-two-providers": input276([
      subscriberClaim("CLM-0010"),
      {
        ...subscriberClaim("CLM-0011"),
        provider: { npi: "1467560003", lastName: "SMITH", firstName: "ANNA" },
      },
      dependentClaim(),
    ]),
    "276-batch-50": input276(many, { referenceId: "STATUS20250610" }),
  };
}
