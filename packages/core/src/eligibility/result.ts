import type { Eligibility271 } from "@claimledger/x12";
import type { EligibilityResult } from "./eligibility.schema.ts";
import { officeVisitEstimate } from "./estimate.ts";
import { mismatches, type Asked } from "../shared/eligibility-match.ts";

export { mismatches, sameAsked, type Asked, type PayerPerson } from "../shared/eligibility-match.ts";

/** A 271 answer as we keep it. Pure. */
export function toResult(e: Eligibility271, asked: Asked, visitChargeCents?: number): EligibilityResult {
  const person = (p: Eligibility271["subscriber"] | undefined) =>
    p && { memberId: p.memberId, firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth };
  const benefits = e.benefits.slice(0, 200).map((b) => ({
    code: b.code,
    description: b.description,
    coverageLevel: b.coverageLevel,
    serviceTypes: b.serviceTypes,
    insuranceType: b.insuranceType,
    planDescription: b.planDescription,
    timePeriod: b.timePeriod,
    amountCents: b.amountCents,
    percent: b.percent,
    quantity: b.quantity,
    authorizationRequired: b.authorizationRequired,
    network: b.network,
    messages: b.messages,
  }));
  return {
    status: e.status,
    payer: e.payer,
    subscriber: person(e.subscriber)!,
    dependent: person(e.dependent),
    plan: e.plan,
    coverageDates: e.coverageDates,
    rejections: e.rejections,
    benefits,
    mismatches: e.status === "rejected" ? [] : mismatches(asked, e),
    officeVisit: officeVisitEstimate(benefits, visitChargeCents),
  };
}
