/**
 * The 270 eligibility inquiry (005010X279A1) builder. Each inquiry is one transaction set: the payer
 * (2000A), the provider asking (2000B) and the subscriber (2000C, with 2000D when a dependent is the
 * patient). One inquiry is a real-time request; many are a batch file of as many transaction sets
 * in one functional group. (X279A1 would also allow many 2000C loops in one transaction set, but
 * LinuxForHealth's 270 model rejects a second subscriber under one receiver, and one set per
 * inquiry is what every receiver accepts.)
 */
import { INQUIRY_SERVICE_TYPES } from "../codes/service-types.ts";
import { dateCCYYMMDD, timeHHMM, x12Date } from "../dates.ts";
import { fail, isoDate, npi, optionalText, providerName, sex, text } from "../input.ts";
import { writeInterchange } from "../writer.ts";
import type { InterchangeHeader, SegmentData, WriteOptions } from "../writer.ts";

export const IMPLEMENTATION_270 = "005010X279A1";

export interface EligibilityInquiry {
  /** TRN02 (TRN01=1) in 2000C/2000D: our id for the inquiry; the 271 echoes it (TRN01=2). */
  traceNumber: string;
  subscriber: {
    memberId: string;
    firstName: string;
    lastName: string;
    middleName?: string;
    dateOfBirth?: string;
    sex?: "M" | "F" | "U";
    groupNumber?: string;
  };
  /** A dependent without their own member id (loop 2000D). */
  dependent?: {
    firstName: string;
    lastName: string;
    middleName?: string;
    dateOfBirth: string;
    sex?: "M" | "F" | "U";
  };
  /** DTP*291, default none. */
  serviceDate?: string;
  /** EQ01 service type codes, default ["30"] (health benefit plan coverage). */
  serviceTypes?: string[];
}

export interface Build270Input {
  interchange: InterchangeHeader;
  groupControlNumber: number;
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** ST02 of the first transaction set, default 1 (written 0001); the next inquiries count up. */
  firstControlNumber?: number;
  /** BHT03, default the inquiry's trace number. */
  referenceId?: string;
  /** BHT04/BHT05, default the interchange date. */
  createdAt?: Date;
  /**
   * TRN03, the 10-character id of whoever assigns the trace numbers: "1" + EIN, or "9" + an id of
   * our choosing. Default "9" + the first 9 digits of the provider's NPI.
   */
  originatorId?: string;
  /** 2100A NM1*PR ... PI. */
  payer: { name: string; id: string };
  /** 2100B NM1*1P ... XX. */
  provider: { npi: string; organizationName?: string; lastName?: string; firstName?: string };
  /** 1 for real time, many for a batch file. */
  inquiries: EligibilityInquiry[];
}

/** EQ01 repeats at most 99 times. */
export const MAX_SERVICE_TYPES = 99;

function validateInquiry(q: EligibilityInquiry, n: number, seen: Set<string>): void {
  const where = q.traceNumber ? `inquiry "${q.traceNumber}"` : `inquiry ${n}`;
  text(where, q.traceNumber, "trace number (TRN02)", 50);
  if (seen.has(q.traceNumber)) fail(where, "trace number is used by another inquiry in the file");
  seen.add(q.traceNumber);
  const s = q.subscriber;
  if (s === undefined) fail(where, "subscriber is required");
  text(where, s.memberId, "subscriber member id", 80);
  text(where, s.lastName, "subscriber last name", 60);
  text(where, s.firstName, "subscriber first name", 35);
  optionalText(where, s.middleName, "subscriber middle name", 25);
  optionalText(where, s.groupNumber, "subscriber group number", 50);
  isoDate(where, s.dateOfBirth, "subscriber date of birth");
  sex(where, s.sex, "subscriber");
  const d = q.dependent;
  if (d !== undefined) {
    text(where, d.lastName, "dependent last name", 60);
    text(where, d.firstName, "dependent first name", 35);
    optionalText(where, d.middleName, "dependent middle name", 25);
    isoDate(where, d.dateOfBirth, "dependent date of birth", true);
    sex(where, d.sex, "dependent");
  }
  isoDate(where, q.serviceDate, "service date");
  const types = q.serviceTypes ?? ["30"];
  if (types.length === 0) fail(where, "at least one service type is required (default 30)");
  if (types.length > MAX_SERVICE_TYPES) fail(where, `${types.length} service types; at most ${MAX_SERVICE_TYPES}`);
  for (const t of types)
    if (!INQUIRY_SERVICE_TYPES.has(t)) fail(where, `"${t}" is not a 005010X279A1 service type code`);
  if (new Set(types).size !== types.length) fail(where, "service types repeat");
}

/** Checks 270 builder input; throws X12Error("invalid-input") naming the inquiry (its trace number). */
export function validate270(input: Build270Input): void {
  text("payer", input.payer?.name, "payer name", 60);
  text("payer", input.payer?.id, "payer id", 80);
  if (input.provider === undefined) fail("provider", "provider is required");
  npi("provider", input.provider.npi, "provider");
  providerName("provider", input.provider, "provider");
  const first = input.firstControlNumber ?? 1;
  if (!Number.isInteger(first) || first < 1 || first + (input.inquiries?.length ?? 0) > 1_000_000_000)
    fail("ST02", `first control number ${first} must be a positive integer leaving room for every inquiry`);
  if (input.originatorId !== undefined && !/^[A-Za-z0-9]{10}$/.test(input.originatorId))
    fail("TRN03", `originator id "${input.originatorId}" must be 10 letters or digits`);
  if (!Array.isArray(input.inquiries) || input.inquiries.length === 0) fail("270", "at least one inquiry is required");
  const seen = new Set<string>();
  input.inquiries.forEach((q, i) => validateInquiry(q, i + 1, seen));
}

/** DMG with D8 date; X279A1 allows DMG03 F or M only, so "U" is left out. */
function dmg(dateOfBirth: string | undefined, s: string | undefined): SegmentData | undefined {
  if (dateOfBirth === undefined) return undefined;
  return ["DMG", "D8", x12Date(dateOfBirth), s === "U" ? undefined : s];
}

function inquirySegments(q: EligibilityInquiry, originator: string, hl: { n: number }): SegmentData[] {
  const out: (SegmentData | undefined)[] = [];
  const s = q.subscriber;
  const d = q.dependent;
  const subscriberHl = ++hl.n;
  const trn: SegmentData = ["TRN", "1", q.traceNumber, originator];
  const asked: (SegmentData | undefined)[] = [
    q.serviceDate === undefined ? undefined : ["DTP", "291", "D8", x12Date(q.serviceDate)],
    ["EQ", { repeat: q.serviceTypes ?? ["30"] }],
  ];
  out.push(["HL", String(subscriberHl), "2", "22", d === undefined ? "0" : "1"]);
  if (d === undefined) out.push(trn);
  out.push(["NM1", "IL", "1", s.lastName, s.firstName, s.middleName, undefined, undefined, "MI", s.memberId]);
  if (s.groupNumber !== undefined) out.push(["REF", "6P", s.groupNumber]);
  out.push(dmg(s.dateOfBirth, s.sex));
  if (d === undefined) out.push(...asked);
  else {
    out.push(["HL", String(++hl.n), String(subscriberHl), "23", "0"]);
    out.push(trn);
    out.push(["NM1", "03", "1", d.lastName, d.firstName, d.middleName]);
    out.push(dmg(d.dateOfBirth, d.sex));
    out.push(...asked);
  }
  return out.filter((x): x is SegmentData => x !== undefined);
}

/** The segments between ST and SE of the transaction set for one inquiry (no validation: see build270). */
export function build270Segments(input: Build270Input, q: EligibilityInquiry): SegmentData[] {
  const p = input.provider;
  const when = input.createdAt ?? input.interchange.date;
  const originator = input.originatorId ?? `9${p.npi.slice(0, 9)}`;
  const out: SegmentData[] = [
    ["BHT", "0022", "13", input.referenceId ?? q.traceNumber, dateCCYYMMDD(when), timeHHMM(when)],
    ["HL", "1", undefined, "20", "1"],
    ["NM1", "PR", "2", input.payer.name, undefined, undefined, undefined, undefined, "PI", input.payer.id],
    ["HL", "2", "1", "21", "1"],
    p.organizationName !== undefined
      ? ["NM1", "1P", "2", p.organizationName, undefined, undefined, undefined, undefined, "XX", p.npi]
      : ["NM1", "1P", "1", p.lastName, p.firstName, undefined, undefined, undefined, "XX", p.npi],
  ];
  out.push(...inquirySegments(q, originator, { n: 2 }));
  return out;
}

/**
 * Builds a complete 270 interchange (ISA/GS*HS/ST*270...SE/GE/IEA). Throws X12Error("invalid-input")
 * naming the inquiry for impossible input, and X12Error("delimiter-in-element") when a value holds
 * a delimiter. The repetition separator (default ^) carries several EQ01 service types.
 */
export function build270(input: Build270Input, options: WriteOptions = {}): string {
  validate270(input);
  const first = input.firstControlNumber ?? 1;
  return writeInterchange(
    {
      header: input.interchange,
      groups: [
        {
          header: {
            functionalId: "HS",
            senderCode: input.applicationSenderCode ?? input.interchange.senderId,
            receiverCode: input.applicationReceiverCode ?? input.interchange.receiverId,
            controlNumber: input.groupControlNumber,
            version: IMPLEMENTATION_270,
          },
          transactions: input.inquiries.map((q, i) => ({
            set: "270",
            controlNumber: String(first + i).padStart(4, "0"),
            implementationReference: IMPLEMENTATION_270,
            segments: build270Segments(input, q),
          })),
        },
      ],
    },
    options,
  );
}
