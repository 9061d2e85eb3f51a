/**
 * Representative 270 builder inputs, shared by the tests and by the LinuxForHealth x12 validation
 * run (see README). NPIs pass the Luhn check; all people and ids are made up.
 */
import { INQUIRY_SERVICE_TYPES } from "../src/codes/service-types.ts";
import type { Build270Input, EligibilityInquiry } from "../src/eligibility/build270.ts";

export const PROVIDER_NPI = "1234567893";

export function input270(inquiries: EligibilityInquiry[], more: Partial<Build270Input> = {}): Build270Input {
  return {
    interchange: {
      senderId: "CLAIMLEDGER",
      receiverId: "CLHOUSE01",
      controlNumber: 43,
      date: new Date("2025-05-06T14:30:00Z"),
      usage: "T",
    },
    groupControlNumber: 8,
    payer: { name: "ACME HEALTH PLAN", id: "ACME01" },
    provider: { npi: PROVIDER_NPI, organizationName: "SPRINGFIELD FAMILY PRACTICE" },
    inquiries,
    ...more,
  };
}

export function subscriberInquiry(trace = "ELIG-0001"): EligibilityInquiry {
  return {
    traceNumber: trace,
    subscriber: {
      memberId: "XYZ123456789",
      firstName: "JANE",
      lastName: "DOE",
      middleName: "Q",
      dateOfBirth: "1980-02-29",
      sex: "F",
      groupNumber: "GRP001",
    },
    serviceDate: "2025-05-06",
  };
}

export function dependentInquiry(): EligibilityInquiry {
  return {
    traceNumber: "ELIG-0002",
    subscriber: { memberId: "XYZ123456789", firstName: "JANE", lastName: "DOE", dateOfBirth: "1980-02-29" },
    dependent: { firstName: "TOMMY", lastName: "DOE", dateOfBirth: "2015-07-04", sex: "M" },
    serviceDate: "2025-05-06",
    serviceTypes: ["30", "98", "UC"],
  };
}

/** A batch file: `n` inquiries, every tenth for a dependent, trace numbers BATCH-0001... */
export function batchInquiries(n: number): EligibilityInquiry[] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(4, "0");
    const q: EligibilityInquiry = {
      traceNumber: `BATCH-${k}`,
      subscriber: {
        memberId: `M${k}00`,
        firstName: "PAT",
        lastName: `PATIENT${k}`,
        dateOfBirth: "1970-01-01",
        sex: "U",
      },
    };
    if (i % 10 === 9) q.dependent = { firstName: "KID", lastName: `PATIENT${k}`, dateOfBirth: "2012-03-04" };
    return q;
  });
}

/** Named inputs written and validated by test/write-representative-27x.ts. */
export function representative270(): Record<string, Build270Input> {
  return {
    "270-subscriber": input270([subscriberInquiry()]),
    "270-dependent": input270([dependentInquiry()]),
    "270-provider-person": input270(
      [{ ...subscriberInquiry(), serviceTypes: ["1", "33", "35", "47", "86", "88", "98", "AL", "MH", "UC"] }],
      { provider: { npi: "1467560003", lastName: "SMITH", firstName: "ANNA" }, originatorId: "1123456789" },
    ),
    "270-minimal": input270([{ traceNumber: "T1", subscriber: { memberId: "A1", firstName: "AL", lastName: "BO" } }]),
    "270-batch-200": input270(batchInquiries(200), { referenceId: "BATCH20250506" }),
    "270-every-service-type": input270(everyServiceType()),
  };
}

/** Every service type a 270 may carry, 99 (EQ01's limit) to an inquiry. */
export function everyServiceType(): EligibilityInquiry[] {
  const codes = [...INQUIRY_SERVICE_TYPES];
  const out: EligibilityInquiry[] = [];
  for (let i = 0; i < codes.length; i += 99)
    out.push({ ...subscriberInquiry(`ALL-${i / 99 + 1}`), serviceTypes: codes.slice(i, i + 99) });
  return out;
}
