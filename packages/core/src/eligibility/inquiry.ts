import type { EligibilityInquiry } from "@claimledger/x12";
import type { Coverage, Patient } from "../patient/index.ts";
import type { Asked } from "./result.ts";
import { foldToAscii } from "../shared/text.ts";

/**
 * The 270 inquiry for one coverage of one patient, and what it asks (kept to compare with the
 * answer). Pure. A patient who is the subscriber is asked about as the subscriber; a dependent
 * (spouse, child, other) under the subscriber's member id, with the subscriber's own name and birth
 * date from the coverage (loop 2000D).
 */
export function inquiryFor(
  traceNumber: string,
  patient: Pick<Patient, "firstName" | "lastName" | "middleName" | "dateOfBirth" | "sex">,
  coverage: Pick<Coverage, "memberId" | "groupNumber" | "relationship" | "subscriber">,
  serviceDate: string,
  serviceTypes: string[],
): { inquiry: EligibilityInquiry; asked: Asked } {
  const self = coverage.relationship === "self" || !coverage.subscriber?.lastName;
  const sub = self
    ? patient
    : {
        firstName: coverage.subscriber?.firstName ?? "",
        lastName: coverage.subscriber?.lastName ?? "",
        middleName: coverage.subscriber?.middleName,
        dateOfBirth: coverage.subscriber?.dateOfBirth,
        sex: coverage.subscriber?.sex,
      };
  const inquiry: EligibilityInquiry = {
    traceNumber,
    // X12 is ASCII: names go without their accents (José -> Jose).
    subscriber: {
      memberId: coverage.memberId,
      firstName: foldToAscii(sub.firstName),
      lastName: foldToAscii(sub.lastName),
      ...(sub.middleName ? { middleName: foldToAscii(sub.middleName) } : {}),
      ...(sub.dateOfBirth ? { dateOfBirth: sub.dateOfBirth } : {}),
      ...(sub.sex ? { sex: sub.sex } : {}),
      ...(coverage.groupNumber ? { groupNumber: coverage.groupNumber } : {}),
    },
    serviceDate,
    serviceTypes,
  };
  if (!self)
    inquiry.dependent = {
      firstName: foldToAscii(patient.firstName),
      lastName: foldToAscii(patient.lastName),
      ...(patient.middleName ? { middleName: foldToAscii(patient.middleName) } : {}),
      dateOfBirth: patient.dateOfBirth,
      ...(patient.sex ? { sex: patient.sex } : {}),
    };
  const asked: Asked = {
    memberId: coverage.memberId,
    firstName: sub.firstName,
    lastName: sub.lastName,
    ...(sub.dateOfBirth ? { dateOfBirth: sub.dateOfBirth } : {}),
    ...(self
      ? {}
      : { dependent: { firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dateOfBirth } }),
  };
  return { inquiry, asked };
}
