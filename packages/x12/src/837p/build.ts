/** The 837P (005010X222A1) builder: typed claims in, an X12 interchange out. */
import { dateCCYYMMDD, timeHHMM } from "../dates.ts";
import { DEFAULT_DELIMITERS } from "../delimiters.ts";
import type { Delimiters } from "../delimiters.ts";
import { X12Error } from "../errors.ts";
import { checkSegments, resolveDelimiters, writeInterchange } from "../writer.ts";
import type { SegmentData, WriteOptions } from "../writer.ts";
import { claimLoop } from "./claim.ts";
import { d8, n3n4, nm1, per } from "./segments.ts";
import type { Out } from "./segments.ts";
import type { Address, Build837PInput, Claim837P, Transaction837P } from "./types.ts";
import { validate837P } from "./validate.ts";

export const IMPLEMENTATION_837P = "005010X222A1";

const SUBMITTER_PER = new Set(["TE", "EX", "EM", "FX"]);
const BILLING_PER = new Set(["TE", "EX", "EM", "FX"]);

function sameAddress(a: Address, b: Address): boolean {
  return (
    a.line1 === b.line1 &&
    (a.line2 ?? "") === (b.line2 ?? "") &&
    a.city === b.city &&
    a.state === b.state &&
    a.postalCode === b.postalCode
  );
}

function subscriberAndPatient(out: Out, claim: Claim837P, hl: { n: number }, parent: number): void {
  const s = claim.subscriber;
  const p = claim.patient;
  const subscriberHl = ++hl.n;
  out.push(["HL", String(subscriberHl), String(parent), "22", p === undefined ? "0" : "1"]);
  out.push([
    "SBR",
    s.payerResponsibility,
    p === undefined ? "18" : undefined,
    s.groupNumber,
    s.groupNumber === undefined ? s.groupName : undefined,
    s.insuranceType,
    undefined,
    undefined,
    undefined,
    s.claimFilingIndicator,
  ]);
  // 2010BA subscriber; address and demographics only when the subscriber is the patient
  out.push(nm1("IL", s.entityType ?? "1", s, "MI", s.memberId));
  if (p === undefined) {
    if (s.address !== undefined) n3n4(out, s.address);
    if (s.birthDate !== undefined) out.push(["DMG", "D8", d8(s.birthDate), s.gender]);
  }
  // 2010BB payer
  out.push(["NM1", "PR", "2", claim.payer.name, undefined, undefined, undefined, undefined, "PI", claim.payer.id]);
  if (claim.payer.address !== undefined) n3n4(out, claim.payer.address);
  if (p !== undefined) {
    out.push(["HL", String(++hl.n), String(subscriberHl), "23", "0"]);
    out.push(["PAT", p.relationship]);
    out.push(nm1("QC", "1", p));
    n3n4(out, p.address);
    out.push(["DMG", "D8", d8(p.birthDate), p.gender]);
  }
}

/**
 * The segments of one 837P transaction set between ST and SE (no validation: call validate837P
 * first, or use build837P).
 */
export function build837PSegments(t: Transaction837P, delimiters: Delimiters = DEFAULT_DELIMITERS): SegmentData[] {
  const out: Out = [];
  out.push([
    "BHT",
    "0019",
    "00",
    t.referenceId,
    dateCCYYMMDD(t.createdAt),
    timeHHMM(t.createdAt),
    t.claimOrEncounter ?? "CH",
  ]);
  const sub = t.submitter;
  out.push(
    nm1(
      "41",
      sub.entityType ?? "2",
      { lastName: sub.name, ...(sub.firstName === undefined ? {} : { firstName: sub.firstName }) },
      "46",
      sub.id,
    ),
  );
  const subPer = per(sub.contact, SUBMITTER_PER);
  if (subPer !== undefined) out.push(subPer);
  out.push(["NM1", "40", "2", t.receiver.name, undefined, undefined, undefined, undefined, "46", t.receiver.id]);
  const b = t.billingProvider;
  const hl = { n: 1 };
  out.push(["HL", "1", undefined, "20", "1"]);
  if (b.taxonomy !== undefined) out.push(["PRV", "BI", "PXC", b.taxonomy]);
  const billingName = {
    lastName: b.name,
    ...(b.firstName === undefined ? {} : { firstName: b.firstName }),
    ...(b.middleName === undefined ? {} : { middleName: b.middleName }),
  };
  out.push(nm1("85", b.entityType ?? "2", billingName, "XX", b.npi));
  n3n4(out, b.address);
  out.push(["REF", b.taxIdType ?? "EI", b.taxId]);
  if (b.contact !== undefined) {
    const bPer = per(b.contact, BILLING_PER);
    if (bPer !== undefined) out.push(bPer);
  }
  if (t.payToAddress !== undefined && !sameAddress(t.payToAddress, b.address)) {
    out.push(["NM1", "87", b.entityType ?? "2"]);
    n3n4(out, t.payToAddress);
  }
  for (const claim of t.claims) {
    const start = out.length;
    subscriberAndPatient(out, claim, hl, 1);
    claimLoop(out, claim, b);
    checkClaim(out.slice(start), claim, delimiters);
  }
  return out;
}

function checkClaim(segments: SegmentData[], claim: Claim837P, delimiters: Delimiters): void {
  try {
    checkSegments(segments, delimiters);
  } catch (e) {
    if (e instanceof X12Error) {
      throw new X12Error({
        code: e.code,
        message: `claim "${claim.patientControlNumber}": ${e.message.replace(/ \(segment \d+\)/, "")}`,
        segment: e.segment,
        segmentIndex: 0,
        ...(e.element === undefined ? {} : { element: e.element }),
      });
    }
    throw e;
  }
}

/**
 * Builds a complete 837P interchange (ISA/GS/ST...SE/GE/IEA). Throws X12Error("invalid-input")
 * naming the claim and line for impossible input, and X12Error("delimiter-in-element") when a
 * value contains a delimiter.
 */
export function build837P(input: Build837PInput, options: WriteOptions = {}): string {
  validate837P(input);
  const delimiters = resolveDelimiters(options.delimiters);
  return writeInterchange(
    {
      header: input.interchange,
      groups: [
        {
          header: {
            functionalId: "HC",
            senderCode: input.applicationSenderCode ?? input.interchange.senderId,
            receiverCode: input.applicationReceiverCode ?? input.interchange.receiverId,
            controlNumber: input.groupControlNumber,
            version: IMPLEMENTATION_837P,
          },
          transactions: input.transactions.map((t) => ({
            set: "837",
            controlNumber: t.controlNumber,
            implementationReference: IMPLEMENTATION_837P,
            segments: build837PSegments(t, delimiters),
          })),
        },
      ],
    },
    options,
  );
}
