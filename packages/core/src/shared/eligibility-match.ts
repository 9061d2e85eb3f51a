import { foldToAscii } from "./text.ts";

/**
 * How a payer's eligibility answer (271) compares with what we asked: pure, so the scrubber's
 * eligibility rule reads it without loading the eligibility module's tables. The eligibility module
 * answers with it; the claim rules judge a claim by it.
 */

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
