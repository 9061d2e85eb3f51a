import type { Eligibility271 } from "@claimledger/x12";
import type { EligibilityResult } from "./eligibility.schema.ts";
import { officeVisitEstimate } from "./estimate.ts";
import { foldToAscii } from "../shared/text.ts";

/** What we asked the payer about: the coverage's member id and the person's name and birth date. */
export interface Asked {
  memberId: string;
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
  /** Set when the patient is the subscriber's dependent. */
  dependent?: { firstName: string; lastName: string; dateOfBirth?: string };
}

/** A person as the payer has them. */
export interface PayerPerson {
  memberId?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
}

// Accents off first: the payer has José as JOSE.
const norm = (s: string | undefined) =>
  foldToAscii(s ?? "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");

/** Where the payer's record of the person differs from what we sent, in words. Pure. */
export function mismatches(asked: Asked, e: { subscriber: PayerPerson; dependent?: PayerPerson }): string[] {
  const out: string[] = [];
  const s = e.subscriber;
  if (s.memberId && norm(s.memberId) !== norm(asked.memberId))
    out.push(`The payer has member id ${s.memberId}, not ${asked.memberId}.`);
  const compare = (
    label: string,
    ours: { firstName: string; lastName: string; dateOfBirth?: string },
    theirs?: PayerPerson,
  ) => {
    if (!theirs) return;
    if (theirs.lastName && norm(theirs.lastName) !== norm(ours.lastName))
      out.push(`The payer has the ${label}'s last name as ${theirs.lastName}, not ${ours.lastName}.`);
    if (theirs.firstName && norm(theirs.firstName) !== norm(ours.firstName))
      out.push(`The payer has the ${label}'s first name as ${theirs.firstName}, not ${ours.firstName}.`);
    if (theirs.dateOfBirth && ours.dateOfBirth && theirs.dateOfBirth !== ours.dateOfBirth)
      out.push(`The payer has the ${label}'s date of birth as ${theirs.dateOfBirth}, not ${ours.dateOfBirth}.`);
  };
  compare("subscriber", asked, s);
  if (asked.dependent) compare("patient", asked.dependent, e.dependent);
  return out;
}

/** Whether two sets of details asked about are the same person and member id (case and punctuation aside). */
export function sameAsked(a: Asked, b: Asked): boolean {
  const key = (x: Asked) =>
    [
      x.memberId,
      x.firstName,
      x.lastName,
      x.dateOfBirth,
      x.dependent?.firstName,
      x.dependent?.lastName,
      x.dependent?.dateOfBirth,
    ]
      .map((v) => norm(v))
      .join("|");
  return key(a) === key(b);
}

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
