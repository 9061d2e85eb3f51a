/**
 * The 277CA claim acknowledgment (005010X214) reader; also reads 277 claim status responses
 * (005010X212, the answer to a 276), which share the HL/TRN/STC layout. `kind` tells them apart.
 */
import {
  ACCEPTED_CATEGORIES,
  ENTITY_CODES,
  REJECTED_CATEGORIES,
  STATUS_CATEGORIES,
  STATUS_CODES,
  statusClass,
} from "./codes/claim-status.ts";
import type { StatusClass } from "./codes/claim-status.ts";
import { describe } from "./codes/ack-codes.ts";
import { isoDate } from "./dates.ts";
import { issue } from "./errors.ts";
import type { X12Issue } from "./errors.ts";
import { centsIn } from "./money.ts";
import { parseX12 } from "./parse.ts";
import type { Segment } from "./tokenizer.ts";

export interface ClaimStatus {
  /** STC01-1 / STC10-1 / STC11-1: claim status category code (A1, A2, A3, A6, A7, A8, F1, P3...). */
  category: string;
  categoryDescription: string;
  /** STC01-2: claim status code (20, 21, 33, 145, 562...). */
  code: string;
  codeDescription: string;
  /** STC01-3: entity identifier code the status is about (85 billing provider, IL, QC, PR...). */
  entity?: string;
  entityDescription?: string;
  /** STC02 effective date, YYYY-MM-DD. */
  date?: string;
  /** STC03 action code (WQ accept, U reject). */
  action?: string;
  /** STC04 total claim charge amount. */
  chargeCents?: number;
  /** STC05 claim payment amount (277 status responses). */
  paidCents?: number;
  /** STC06 adjudication or payment date. */
  adjudicationDate?: string;
  /** STC07 payment method (ACH, BOP, CHK, FWT, NON). */
  paymentMethod?: string;
  /** STC08 check issue or EFT effective date. */
  checkDate?: string;
  /** STC09 check or EFT trace number. */
  checkNumber?: string;
  /** STC12 free-form message. */
  message?: string;
}

export interface LineStatus277 {
  procedure: string[];
  chargeCents?: number;
  /** REF*FJ line item control number (the 837's REF*6R). */
  lineItemControlNumber?: string;
  serviceDate?: string;
  serviceDateEnd?: string;
  statuses: ClaimStatus[];
}

export interface ClaimAck277 {
  segmentIndex: number;
  /** TRN02 at the patient/subscriber level: the 837's CLM01 in a 277CA, the 276's TRN02 in a 277. */
  traceNumber: string;
  /**
   * The CLM01 patient control number we sent: TRN02 in a 277CA; REF*EJ in a 277 status response
   * (TRN02 when it has none).
   */
  patientControlNumber: string;
  /** REF*1K payer claim control number. */
  payerClaimControlNumber?: string;
  /** REF*D9 clearinghouse trace number. */
  clearinghouseTraceNumber?: string;
  /** The first status of the claim (STC01). */
  status: ClaimStatus | undefined;
  /** Every status of the claim (all STC segments, STC01, STC10, STC11). */
  statuses: ClaimStatus[];
  /** Some status category is A1/A2 and none is a rejection. */
  accepted: boolean;
  /** Some status category is A3, A4, A6, A7 or A8. */
  rejected: boolean;
  /** The class of the first status's category (pending, finalized, request-for-information...). */
  statusClass: StatusClass;
  /** STC04-STC09 of the first status, when given. */
  chargeCents?: number;
  paidCents?: number;
  adjudicationDate?: string;
  checkDate?: string;
  checkNumber?: string;
  /** NM1 at the claim's HL (QC patient or IL subscriber). */
  patient?: { lastName: string; firstName?: string; memberId?: string };
  /** NM1*85 / NM1*1P of the provider level above the claim. */
  provider?: { name: string; npi?: string };
  serviceDate?: string;
  serviceDateEnd?: string;
  references: { qualifier: string; value: string }[];
  lines: LineStatus277[];
}

export interface Status277 {
  controlNumber: string;
  /** ST03, else GS08 (005010X214 claim acknowledgment, 005010X212 claim status). */
  version: string;
  /** 277CA claim acknowledgment (X214), 277 claim status response (X212), or neither. */
  kind: "acknowledgment" | "status" | "other";
  segmentIndex: number;
  claims: ClaimAck277[];
  /** Statuses reported above the claim level (receiver / provider levels), with their TRN02. */
  otherStatuses: { level: string; trace?: string; statuses: ClaimStatus[] }[];
  issues: X12Issue[];
}

function el(s: Segment, n: number): string {
  return s.elements[n] ?? "";
}

function status(s: Segment, n: number, comp: string, withDetail: boolean): ClaimStatus | undefined {
  const v = el(s, n);
  if (v === "") return undefined;
  const [category = "", code = "", entity = ""] = v.split(comp);
  const st: ClaimStatus = {
    category,
    categoryDescription: describe(STATUS_CATEGORIES, category),
    code,
    codeDescription: describe(STATUS_CODES, code),
  };
  if (entity !== "") {
    st.entity = entity;
    st.entityDescription = describe(ENTITY_CODES, entity);
  }
  if (withDetail) {
    const d = isoDate(el(s, 2));
    if (d !== undefined) st.date = d;
    if (el(s, 3) !== "") st.action = el(s, 3);
    const amount = el(s, 4);
    const cents = centsIn(amount, 0, amount.length);
    if (amount !== "" && !Number.isNaN(cents)) st.chargeCents = cents;
    const paid = el(s, 5);
    const paidCents = centsIn(paid, 0, paid.length);
    if (paid !== "" && !Number.isNaN(paidCents)) st.paidCents = paidCents;
    const adjudicated = isoDate(el(s, 6));
    if (adjudicated !== undefined) st.adjudicationDate = adjudicated;
    if (el(s, 7) !== "") st.paymentMethod = el(s, 7);
    const checkDate = isoDate(el(s, 8));
    if (checkDate !== undefined) st.checkDate = checkDate;
    if (el(s, 9) !== "") st.checkNumber = el(s, 9);
    if (el(s, 12) !== "") st.message = el(s, 12);
  }
  return st;
}

function stcStatuses(s: Segment, comp: string): ClaimStatus[] {
  const out: ClaimStatus[] = [];
  const first = status(s, 1, comp, true);
  if (first !== undefined) out.push(first);
  for (const n of [10, 11]) {
    const more = status(s, n, comp, false);
    if (more !== undefined) out.push({ ...more, ...(first?.date === undefined ? {} : { date: first.date }) });
  }
  return out;
}

function dates(s: Segment): [string | undefined, string | undefined] {
  const v = el(s, 3);
  if (el(s, 2) === "RD8") {
    const [from = "", to = ""] = v.split("-");
    return [isoDate(from), isoDate(to)];
  }
  return [isoDate(v), undefined];
}

const PATIENT_LEVELS = new Set(["PT", "22", "23"]);

/** Reads every 277 transaction set in the text. */
export function read277(text: string): Status277[] {
  const out: Status277[] = [];
  for (const i of parseX12(text).interchanges) {
    for (const g of i.groups) {
      for (const t of g.transactions)
        if (t.set === "277") out.push(readOne(t.segments, t.version, i.delimiters.component));
    }
  }
  return out;
}

function kindOf(version: string): Status277["kind"] {
  if (version.startsWith("005010X214")) return "acknowledgment";
  if (version.startsWith("005010X212")) return "status";
  return "other";
}

function readOne(segments: Segment[], version: string, comp: string): Status277 {
  const st = segments[0]!;
  const r: Status277 = {
    controlNumber: el(st, 2),
    version,
    kind: kindOf(version),
    segmentIndex: st.index,
    claims: [],
    otherStatuses: [],
    issues: [],
  };
  let level = "";
  let claim: ClaimAck277 | undefined;
  let line: LineStatus277 | undefined;
  let other: Status277["otherStatuses"][number] | undefined;
  let patient: ClaimAck277["patient"];
  let provider: ClaimAck277["provider"];
  for (const s of segments) {
    switch (s.id) {
      case "HL":
        level = el(s, 3);
        claim = undefined;
        line = undefined;
        other = undefined;
        if (PATIENT_LEVELS.has(level)) patient = undefined;
        break;
      case "NM1": {
        const entity = el(s, 1);
        if (entity === "85" || entity === "1P") {
          provider = { name: el(s, 3) };
          if (el(s, 8) === "XX" && el(s, 9) !== "") provider.npi = el(s, 9);
        } else if (PATIENT_LEVELS.has(level) && (entity === "QC" || entity === "IL")) {
          patient = { lastName: el(s, 3) };
          if (el(s, 4) !== "") patient.firstName = el(s, 4);
          if (el(s, 9) !== "") patient.memberId = el(s, 9);
        }
        break;
      }
      case "TRN":
        line = undefined;
        if (PATIENT_LEVELS.has(level)) {
          claim = {
            segmentIndex: s.index,
            traceNumber: el(s, 2),
            patientControlNumber: el(s, 2),
            status: undefined,
            statuses: [],
            accepted: false,
            rejected: false,
            statusClass: "unknown",
            references: [],
            lines: [],
          };
          if (patient !== undefined) claim.patient = patient;
          if (provider !== undefined) claim.provider = provider;
          r.claims.push(claim);
        } else {
          other = { level, trace: el(s, 2), statuses: [] };
          r.otherStatuses.push(other);
        }
        break;
      case "STC": {
        const list = stcStatuses(s, comp);
        if (line !== undefined) line.statuses.push(...list);
        else if (claim !== undefined) claim.statuses.push(...list);
        else if (other !== undefined) other.statuses.push(...list);
        else r.otherStatuses.push({ level, statuses: list });
        break;
      }
      case "REF": {
        const ref = { qualifier: el(s, 1), value: el(s, 2) };
        if (line !== undefined) {
          if (ref.qualifier === "FJ") line.lineItemControlNumber = ref.value;
        } else if (claim !== undefined) {
          claim.references.push(ref);
          if (ref.qualifier === "1K") claim.payerClaimControlNumber = ref.value;
          else if (ref.qualifier === "D9") claim.clearinghouseTraceNumber = ref.value;
          else if (ref.qualifier === "EJ" && r.kind === "status") claim.patientControlNumber = ref.value;
        }
        break;
      }
      case "DTP": {
        if (el(s, 1) !== "472") break;
        const [from, to] = dates(s);
        const target = line ?? claim;
        if (target === undefined) break;
        if (from !== undefined) target.serviceDate = from;
        if (to !== undefined) target.serviceDateEnd = to;
        if (from === undefined) r.issues.push(issue("invalid-date", "DTP", s.index, 3, `"${el(s, 3)}" is not a date`));
        break;
      }
      case "SVC": {
        if (claim === undefined) {
          r.issues.push(issue("unexpected-segment", "SVC", s.index, undefined, "SVC outside a claim"));
          break;
        }
        line = { procedure: el(s, 1).split(comp), statuses: [] };
        const amount = el(s, 2);
        const cents = centsIn(amount, 0, amount.length);
        if (!Number.isNaN(cents)) line.chargeCents = cents;
        claim.lines.push(line);
        break;
      }
      default:
        break;
    }
  }
  for (const c of r.claims) {
    c.status = c.statuses[0];
    c.rejected = c.statuses.some((x) => REJECTED_CATEGORIES.has(x.category));
    c.accepted = !c.rejected && c.statuses.some((x) => ACCEPTED_CATEGORIES.has(x.category));
    const first = c.status;
    if (first !== undefined) {
      c.statusClass = statusClass(first.category);
      if (first.chargeCents !== undefined) c.chargeCents = first.chargeCents;
      if (first.paidCents !== undefined) c.paidCents = first.paidCents;
      if (first.adjudicationDate !== undefined) c.adjudicationDate = first.adjudicationDate;
      if (first.checkDate !== undefined) c.checkDate = first.checkDate;
      if (first.checkNumber !== undefined) c.checkNumber = first.checkNumber;
    }
    if (c.statuses.length === 0)
      r.issues.push(
        issue("missing-element", "TRN", c.segmentIndex, undefined, `claim ${c.patientControlNumber} has no STC`),
      );
  }
  return r;
}
