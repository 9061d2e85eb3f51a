import type { ClaimAck277, StatusInquiry, StatusProvider } from "@claimledger/x12";
import type { ClaimDocument, ClaimStatus, PayerStatus } from "../claim/index.ts";
import { DEFAULT_EXPECTED_PAYMENT_DAYS, DEFAULT_STATUS_INQUIRY_DAYS } from "../payer/index.ts";
import { DAY_MS } from "../shared/dates.ts";

/**
 * The rules of claim status inquiries, pure: which claims are due a 276, what it says about a
 * claim, and what a 277 answer records. The services around them do the reading and writing.
 */

/** Claims we ask about: the payer has them and no 835 has come (an 835 moves them on). */
export const ASKED_STATUSES: readonly ClaimStatus[] = ["submitted", "accepted"];

export interface InquiryClaim {
  claimId: string;
  status: ClaimStatus;
  firstSubmittedAt?: string;
  lastSubmittedAt?: string;
  payerClaimControlNumber?: string;
  totalChargeCents: number;
  payerStatus?: PayerStatus;
  doc: ClaimDocument;
}

export interface InquiryDays {
  statusInquiryDays?: number;
  expectedPaymentDays?: number;
}

/** When the claim last went to the payer: what its wait for an answer counts from. */
export const waitingSince = (c: Pick<InquiryClaim, "firstSubmittedAt" | "lastSubmittedAt">) =>
  c.lastSubmittedAt ?? c.firstSubmittedAt;

const daysSince = (iso: string, now: Date) => (now.getTime() - Date.parse(iso)) / DAY_MS;

/**
 * What the payer said since the claim last went out; an answer (or a question) from before a
 * resubmission is about the claim as it was, and does not count.
 */
export function currentPayerStatus(c: Pick<InquiryClaim, "payerStatus" | "firstSubmittedAt" | "lastSubmittedAt">) {
  const since = waitingSince(c) ?? "";
  const ps = c.payerStatus;
  if (!ps) return undefined;
  return (ps.answeredAt ?? ps.askedAt ?? "") >= since ? ps : undefined;
}

/**
 * Due a 276: submitted or accepted, waited `statusInquiryDays` (default 30) since it went out, and
 * not asked in the last `statusInquiryDays`; after a finalized answer, not until
 * `expectedPaymentDays` (default 30) have passed with no 835; never while the payer waits for us
 * (an R answer: a biller acts first, or asks now by hand).
 */
export function dueForInquiry(c: InquiryClaim, days: InquiryDays, now: Date): boolean {
  if (!ASKED_STATUSES.includes(c.status)) return false;
  const since = waitingSince(c);
  if (since === undefined) return false;
  const every = days.statusInquiryDays ?? DEFAULT_STATUS_INQUIRY_DAYS;
  if (daysSince(since, now) < every) return false;
  const ps = currentPayerStatus(c);
  if (!ps) return true;
  if (ps.answeredAt && ps.needsAction) return false;
  if (ps.answeredAt && ps.statusClass === "finalized")
    return daysSince(ps.answeredAt, now) >= (days.expectedPaymentDays ?? DEFAULT_EXPECTED_PAYMENT_DAYS);
  const last = [ps.askedAt, ps.answeredAt]
    .filter((x): x is string => x !== undefined)
    .sort()
    .at(-1);
  return last === undefined || daysSince(last, now) >= every;
}

const sex = (s: string | undefined) => (s === "M" || s === "F" || s === "U" ? s : undefined);

/** The 276 inquiry for a claim: our claim id is both the trace number and REF*EJ (CLM01). */
export function inquiryOf(c: InquiryClaim): StatusInquiry {
  const d = c.doc;
  const self = d.coverage.relationship === "self";
  const sub = self ? d.patient : (d.coverage.subscriber ?? {});
  const lastDate =
    d.lines
      .map((l) => l.serviceDateTo ?? l.serviceDate)
      .sort()
      .at(-1) ?? d.serviceDateTo;
  const inquiry: StatusInquiry = {
    traceNumber: c.claimId,
    patientControlNumber: c.claimId,
    subscriber: {
      memberId: d.coverage.memberId,
      firstName: sub.firstName ?? "",
      lastName: sub.lastName ?? "",
      ...(sub.dateOfBirth ? { dateOfBirth: sub.dateOfBirth } : {}),
      ...(sex(sub.sex) ? { sex: sex(sub.sex) } : {}),
    },
    chargeCents: c.totalChargeCents,
    serviceDate: d.serviceDate,
    provider: providerOf(d),
  };
  if (lastDate && lastDate !== d.serviceDate) inquiry.serviceDateTo = lastDate;
  if (c.payerClaimControlNumber) inquiry.payerClaimControlNumber = c.payerClaimControlNumber;
  if (!self)
    inquiry.dependent = {
      firstName: d.patient.firstName,
      lastName: d.patient.lastName,
      dateOfBirth: d.patient.dateOfBirth,
      sex: d.patient.sex,
    };
  return inquiry;
}

/** 2100C of the 276: the claim's billing provider. */
export function providerOf(d: ClaimDocument): StatusProvider {
  const b = d.billingProvider;
  return b.kind === "organization"
    ? { npi: b.npi, organizationName: b.organizationName ?? "", ...(b.taxId ? { taxId: b.taxId } : {}) }
    : { npi: b.npi, lastName: b.lastName ?? "", ...(b.firstName ? { firstName: b.firstName } : {}) };
}

/** A 277 claim status in words: "P1 Pending/In process: 20 Accepted for processing; ...". */
export function answerWords(a: ClaimAck277): string {
  return a.statuses
    .map(
      (s) =>
        `${s.category} ${s.categoryDescription || "(unknown category)"}: ${s.code} ${s.codeDescription || "(unknown status)"}${s.entity ? ` (${s.entityDescription || s.entity})` : ""}`,
    )
    .join("; ");
}

/** What a 277 answer records on the claim; what we asked (when, how often, which file) stays. */
export function payerStatusFromAnswer(
  prev: PayerStatus | undefined,
  a: ClaimAck277,
  at: string,
  answerFile: string,
): PayerStatus {
  const s = a.status;
  const ps: PayerStatus = {
    ...(prev?.askedAt ? { askedAt: prev.askedAt } : {}),
    ...(prev?.inquiries ? { inquiries: prev.inquiries } : {}),
    ...(prev?.inquiryFile ? { inquiryFile: prev.inquiryFile } : {}),
    answeredAt: at,
    answerFile,
    needsAction: a.statusClass === "request-for-information",
  };
  if (s) {
    ps.category = s.category;
    ps.code = s.code;
    if (s.entity) ps.entity = s.entity;
    if (s.date) ps.statusDate = s.date;
    if (s.message) ps.message = s.message;
  }
  if (a.payerClaimControlNumber) ps.payerClaimControlNumber = a.payerClaimControlNumber;
  if (a.paidCents !== undefined) ps.paidCents = a.paidCents;
  if (a.adjudicationDate) ps.adjudicationDate = a.adjudicationDate;
  if (a.checkDate) ps.checkDate = a.checkDate;
  if (a.checkNumber) ps.checkNumber = a.checkNumber;
  if (ps.needsAction) ps.actionText = answerWords(a).slice(0, 300);
  return ps;
}

/** What the claim waits for, given what the payer last said. */
export type NextStep = "not-asked" | "awaiting-answer" | "ask-again-later" | "expect-835" | "needs-action";

/** A claim's status as the payer reported it, and what comes next. */
export function claimStatusOf(c: Pick<InquiryClaim, "payerStatus" | "firstSubmittedAt" | "lastSubmittedAt">): {
  payerStatus?: PayerStatus;
  next: NextStep;
} {
  const ps = currentPayerStatus(c);
  if (!ps) return { next: "not-asked" };
  if (!ps.answeredAt || (ps.askedAt && ps.askedAt > ps.answeredAt)) return { payerStatus: ps, next: "awaiting-answer" };
  if (ps.needsAction) return { payerStatus: ps, next: "needs-action" };
  if (ps.statusClass === "finalized") return { payerStatus: ps, next: "expect-835" };
  return { payerStatus: ps, next: "ask-again-later" };
}
