/**
 * The 276 claim status request (005010X212) builder: one transaction set with the payer (2000A),
 * us as information receiver (2000B), one 2000C per service provider, and per inquiry a subscriber
 * (2000D) with the claim (2200D), or a dependent (2000E) with the claim (2200E).
 */
import { dateCCYYMMDD, timeHHMM, x12Date } from "../dates.ts";
import { cents, fail, isoDate, npi, optionalText, providerName, sex, text } from "../input.ts";
import { formatCents } from "../money.ts";
import { writeInterchange } from "../writer.ts";
import type { InterchangeHeader, SegmentData, WriteOptions } from "../writer.ts";

export const IMPLEMENTATION_276 = "005010X212";

export interface StatusProvider {
  npi: string;
  organizationName?: string;
  lastName?: string;
  firstName?: string;
  /** Accepted for the caller's records; 2100C carries the NPI (NM108 XX) whenever there is one. */
  taxId?: string;
}

export interface StatusInquiry {
  /** 2200D/E TRN02; we use the claim's patient control number (CLM01). */
  traceNumber: string;
  subscriber: { memberId: string; firstName: string; lastName: string; dateOfBirth?: string; sex?: "M" | "F" | "U" };
  /** The patient when not the subscriber (2000E); X212 requires the dependent's DMG, so the birth date. */
  dependent?: { firstName: string; lastName: string; dateOfBirth?: string; sex?: "M" | "F" | "U" };
  /** REF*EJ. */
  patientControlNumber: string;
  /** REF*1K. */
  payerClaimControlNumber?: string;
  /** AMT*T3. */
  chargeCents: number;
  /** DTP*472, D8 or (with serviceDateTo) RD8. */
  serviceDate: string;
  serviceDateTo?: string;
  /** The claim's billing provider when it is not the input's provider (one 2000C per provider). */
  provider?: StatusProvider;
}

export interface Build276Input {
  interchange: InterchangeHeader;
  groupControlNumber: number;
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** ST02, default "0001". */
  controlNumber?: string;
  /** BHT03, default the ST02 control number. */
  referenceId?: string;
  /** BHT04/BHT05, default the interchange date. */
  createdAt?: Date;
  /** 2100A NM1*PR ... PI. */
  payer: { name: string; id: string };
  /** 2100B NM1*41 ... 46: our company and its ETIN. */
  receiver: { name: string; id: string };
  /** 2100C NM1*1P ... XX, for every inquiry without its own provider. */
  provider: StatusProvider;
  inquiries: StatusInquiry[];
}

function validateProvider(where: string, p: StatusProvider | undefined): void {
  if (p === undefined) fail(where, "provider is required");
  npi(where, p.npi, "provider");
  providerName(where, p, "provider");
  optionalText(where, p.taxId, "provider tax id", 50);
}

function validateInquiry(q: StatusInquiry, n: number, seen: Set<string>): void {
  const where = q.traceNumber ? `inquiry "${q.traceNumber}"` : `inquiry ${n}`;
  text(where, q.traceNumber, "trace number (TRN02)", 50);
  if (seen.has(q.traceNumber)) fail(where, "trace number is used by another inquiry in the file");
  seen.add(q.traceNumber);
  const s = q.subscriber;
  if (s === undefined) fail(where, "subscriber is required");
  text(where, s.memberId, "subscriber member id", 80);
  text(where, s.lastName, "subscriber last name", 60);
  text(where, s.firstName, "subscriber first name", 35);
  isoDate(where, s.dateOfBirth, "subscriber date of birth");
  sex(where, s.sex, "subscriber");
  if (q.dependent !== undefined) {
    text(where, q.dependent.lastName, "dependent last name", 60);
    text(where, q.dependent.firstName, "dependent first name", 35);
    isoDate(where, q.dependent.dateOfBirth, "dependent date of birth (2000E DMG)", true);
    sex(where, q.dependent.sex, "dependent");
  }
  text(where, q.patientControlNumber, "patient control number (REF*EJ)", 50);
  optionalText(where, q.payerClaimControlNumber, "payer claim control number (REF*1K)", 50);
  cents(where, q.chargeCents, "claim charge (AMT*T3)");
  isoDate(where, q.serviceDate, "service date", true);
  isoDate(where, q.serviceDateTo, "service end date");
  if (q.serviceDateTo !== undefined && q.serviceDateTo < q.serviceDate)
    fail(where, "service end date is before the start date");
  if (q.provider !== undefined) validateProvider(where, q.provider);
}

/** Checks 276 builder input; throws X12Error("invalid-input") naming the inquiry (its trace number). */
export function validate276(input: Build276Input): void {
  text("payer", input.payer?.name, "payer name", 60);
  text("payer", input.payer?.id, "payer id", 80);
  text("receiver", input.receiver?.name, "receiver name", 60);
  text("receiver", input.receiver?.id, "receiver id (ETIN)", 80);
  validateProvider("provider", input.provider);
  if (!Array.isArray(input.inquiries) || input.inquiries.length === 0) fail("276", "at least one inquiry is required");
  const seen = new Set<string>();
  input.inquiries.forEach((q, i) => validateInquiry(q, i + 1, seen));
}

function dmg(dateOfBirth: string | undefined, s: string | undefined): SegmentData | undefined {
  if (dateOfBirth === undefined) return undefined;
  return ["DMG", "D8", x12Date(dateOfBirth), s === "U" ? undefined : s];
}

function claimLoop(q: StatusInquiry): SegmentData[] {
  const out: SegmentData[] = [["TRN", "1", q.traceNumber]];
  if (q.payerClaimControlNumber !== undefined) out.push(["REF", "1K", q.payerClaimControlNumber]);
  out.push(["REF", "EJ", q.patientControlNumber]);
  out.push(["AMT", "T3", formatCents(q.chargeCents)]);
  out.push(
    q.serviceDateTo === undefined || q.serviceDateTo === q.serviceDate
      ? ["DTP", "472", "D8", x12Date(q.serviceDate)]
      : ["DTP", "472", "RD8", `${x12Date(q.serviceDate)}-${x12Date(q.serviceDateTo)}`],
  );
  return out;
}

function providerNm1(p: StatusProvider): SegmentData {
  return p.organizationName !== undefined
    ? ["NM1", "1P", "2", p.organizationName, undefined, undefined, undefined, undefined, "XX", p.npi]
    : ["NM1", "1P", "1", p.lastName, p.firstName, undefined, undefined, undefined, "XX", p.npi];
}

/** The segments of the 276 transaction set between ST and SE (no validation: see build276). */
export function build276Segments(input: Build276Input): SegmentData[] {
  const when = input.createdAt ?? input.interchange.date;
  const out: (SegmentData | undefined)[] = [
    ["BHT", "0010", "13", input.referenceId ?? input.controlNumber ?? "0001", dateCCYYMMDD(when), timeHHMM(when)],
    ["HL", "1", undefined, "20", "1"],
    ["NM1", "PR", "2", input.payer.name, undefined, undefined, undefined, undefined, "PI", input.payer.id],
    ["HL", "2", "1", "21", "1"],
    ["NM1", "41", "2", input.receiver.name, undefined, undefined, undefined, undefined, "46", input.receiver.id],
  ];
  const byProvider = new Map<string, { provider: StatusProvider; inquiries: StatusInquiry[] }>();
  for (const q of input.inquiries) {
    const p = q.provider ?? input.provider;
    const group = byProvider.get(p.npi);
    if (group === undefined) byProvider.set(p.npi, { provider: p, inquiries: [q] });
    else group.inquiries.push(q);
  }
  let hl = 2;
  for (const { provider, inquiries } of byProvider.values()) {
    const providerHl = ++hl;
    out.push(["HL", String(providerHl), "2", "19", "1"], providerNm1(provider));
    for (const q of inquiries) {
      const s = q.subscriber;
      const d = q.dependent;
      const subscriberHl = ++hl;
      out.push(["HL", String(subscriberHl), String(providerHl), "22", d === undefined ? "0" : "1"]);
      if (d === undefined) out.push(dmg(s.dateOfBirth, s.sex));
      out.push(["NM1", "IL", "1", s.lastName, s.firstName, undefined, undefined, undefined, "MI", s.memberId]);
      if (d !== undefined) {
        out.push(["HL", String(++hl), String(subscriberHl), "23"]);
        out.push(dmg(d.dateOfBirth, d.sex));
        out.push(["NM1", "QC", "1", d.lastName, d.firstName]);
      }
      out.push(...claimLoop(q));
    }
  }
  return out.filter((x): x is SegmentData => x !== undefined);
}

/**
 * Builds a complete 276 interchange (ISA/GS*HR/ST*276...SE/GE/IEA). Throws X12Error("invalid-input")
 * naming the inquiry for impossible input, and X12Error("delimiter-in-element") when a value holds
 * a delimiter.
 */
export function build276(input: Build276Input, options: WriteOptions = {}): string {
  validate276(input);
  return writeInterchange(
    {
      header: input.interchange,
      groups: [
        {
          header: {
            functionalId: "HR",
            senderCode: input.applicationSenderCode ?? input.interchange.senderId,
            receiverCode: input.applicationReceiverCode ?? input.interchange.receiverId,
            controlNumber: input.groupControlNumber,
            version: IMPLEMENTATION_276,
          },
          transactions: [
            {
              set: "276",
              controlNumber: input.controlNumber ?? "0001",
              implementationReference: IMPLEMENTATION_276,
              segments: build276Segments(input),
            },
          ],
        },
      ],
    },
    options,
  );
}
