import { describe, expect, it } from "vitest";
import {
  PROVIDER_NPI,
  batchInquiries,
  dependentInquiry,
  input270,
  representative270,
  subscriberInquiry,
} from "../../test/inquiries-270.ts";
import { checkX12 } from "../check.ts";
import { X12Error } from "../errors.ts";
import { parseX12 } from "../parse.ts";
import { build270 } from "./build270.ts";
import type { Build270Input, EligibilityInquiry } from "./build270.ts";

/** Builds, checks the envelopes, and returns each transaction set's segments as strings. */
function build(input: Build270Input): string[][] {
  const text = build270(input);
  const check = checkX12(text);
  expect(check.errors).toEqual([]);
  const parsed = parseX12(text);
  expect(parsed.stray).toEqual([]);
  const [isa] = parsed.interchanges;
  expect(isa!.header.elements.slice(11, 17)).toEqual(["^", "00501", "000000043", "0", "T", ":"]);
  const [gs] = isa!.groups;
  expect(gs!.header?.elements.slice(1, 9)).toEqual([
    "HS",
    "CLAIMLEDGER",
    "CLHOUSE01",
    "20250506",
    "1430",
    "8",
    "X",
    "005010X279A1",
  ]);
  expect(gs!.trailer?.elements).toEqual(["GE", String(input.inquiries.length), "8"]);
  return gs!.transactions.map((t) => t.segments.map((s) => s.elements.join("*")));
}

const HEAD = [
  "HL*1**20*1",
  "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
  "HL*2*1*21*1",
  `NM1*1P*2*SPRINGFIELD FAMILY PRACTICE*****XX*${PROVIDER_NPI}`,
];

describe("build270", () => {
  it("one inquiry about the subscriber: TRN in 2000C, REF*6P, DMG, DTP*291, EQ*30", () => {
    expect(build(input270([subscriberInquiry()]))).toEqual([
      [
        "ST*270*0001*005010X279A1",
        "BHT*0022*13*ELIG-0001*20250506*1430",
        ...HEAD,
        "HL*3*2*22*0",
        "TRN*1*ELIG-0001*9123456789",
        "NM1*IL*1*DOE*JANE*Q***MI*XYZ123456789",
        "REF*6P*GRP001",
        "DMG*D8*19800229*F",
        "DTP*291*D8*20250506",
        "EQ*30",
        "SE*14*0001",
      ],
    ]);
  });

  it("a dependent: subscriber HL with a child, TRN/NM1*03/DMG/DTP/EQ in 2000D, service types repeated with ^", () => {
    expect(build(input270([dependentInquiry()]))[0]).toEqual([
      "ST*270*0001*005010X279A1",
      "BHT*0022*13*ELIG-0002*20250506*1430",
      ...HEAD,
      "HL*3*2*22*1",
      "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
      "DMG*D8*19800229",
      "HL*4*3*23*0",
      "TRN*1*ELIG-0002*9123456789",
      "NM1*03*1*DOE*TOMMY",
      "DMG*D8*20150704*M",
      "DTP*291*D8*20250506",
      "EQ*30^98^UC",
      "SE*16*0001",
    ]);
  });

  it("a person as the provider, and our own TRN03", () => {
    const input = representative270()["270-provider-person"]!;
    const [segs] = build(input);
    expect(segs!.slice(5, 8)).toEqual([
      "NM1*1P*1*SMITH*ANNA****XX*1467560003",
      "HL*3*2*22*0",
      "TRN*1*ELIG-0001*1123456789",
    ]);
    expect(segs).toContain("EQ*1^33^35^47^86^88^98^AL^MH^UC");
  });

  it("a batch of 200 inquiries: one file, 200 transaction sets, 200 distinct trace numbers", () => {
    const sets = build(input270(batchInquiries(200)));
    expect(sets).toHaveLength(200);
    expect(sets.map((t) => t[0])).toEqual(
      Array.from({ length: 200 }, (_, i) => `ST*270*${String(i + 1).padStart(4, "0")}*005010X279A1`),
    );
    const traces = sets.flatMap((t) => t.filter((s) => s.startsWith("TRN*1*")).map((s) => s.split("*")[2]));
    expect(traces).toHaveLength(200);
    expect(new Set(traces).size).toBe(200);
    expect(traces[0]).toBe("BATCH-0001");
    expect(traces[199]).toBe("BATCH-0200");
    // every tenth asks about a dependent; "U" sex is not sent (X279A1 DMG03 is F or M)
    expect(sets[9]).toContain("HL*4*3*23*0");
    expect(sets[0]).toContain("DMG*D8*19700101");
    expect(sets.every((t) => t.at(-1) === `SE*${t.length}*${t[0]!.split("*")[2]}`)).toBe(true);
  });

  it("numbers the sets from firstControlNumber", () => {
    const sets = build(input270(batchInquiries(3), { firstControlNumber: 41 }));
    expect(sets.map((t) => t[0])).toEqual([
      "ST*270*0041*005010X279A1",
      "ST*270*0042*005010X279A1",
      "ST*270*0043*005010X279A1",
    ]);
  });
});

describe("build270: impossible input is an X12Error naming the inquiry", () => {
  const cases: [string, (i: Build270Input) => void, RegExp][] = [
    ["no inquiry", (i) => (i.inquiries = []), /at least one inquiry/],
    ["bad NPI", (i) => (i.provider.npi = "12345"), /NPI "12345" must be 10 digits/],
    ["no provider name", (i) => (i.provider = { npi: PROVIDER_NPI }), /organization name or last name is required/],
    ["no payer id", (i) => (i.payer.id = ""), /payer id is required/],
    ["no member id", (i) => (i.inquiries[0]!.subscriber.memberId = " "), /inquiry "ELIG-0001": subscriber member id/],
    ["bad birth date", (i) => (i.inquiries[0]!.subscriber.dateOfBirth = "1980-02-30"), /"1980-02-30" is not a date/],
    ["bad service date", (i) => (i.inquiries[0]!.serviceDate = "05/06/2025"), /service date "05\/06\/2025"/],
    [
      "unknown service type",
      (i) => (i.inquiries[0]!.serviceTypes = ["30", "ZZ"]),
      /"ZZ" is not a 005010X279A1 service type/,
    ],
    ["no service type", (i) => (i.inquiries[0]!.serviceTypes = []), /at least one service type/],
    ["a code 958 addition", (i) => (i.inquiries[0]!.serviceTypes = ["E37"]), /"E37" is not a 005010X279A1/],
    ["a repeated trace", (i) => i.inquiries.push(subscriberInquiry()), /trace number is used by another inquiry/],
    ["no trace", (i) => (i.inquiries[0]!.traceNumber = ""), /inquiry 1: trace number \(TRN02\) is required/],
    ["a long trace", (i) => (i.inquiries[0]!.traceNumber = "T".repeat(51)), /51 characters; at most 50/],
    ["bad sex", (i) => (i.inquiries[0]!.subscriber.sex = "X" as "M"), /sex "X" must be M, F or U/],
    ["bad originator", (i) => (i.originatorId = "12345"), /originator id "12345" must be 10/],
    [
      "a dependent without birth date",
      (i) => (i.inquiries[0]!.dependent = { firstName: "A", lastName: "B" } as EligibilityInquiry["dependent"]),
      /dependent date of birth is required/,
    ],
  ];
  for (const [name, spoil, message] of cases) {
    it(name, () => {
      const input = input270([subscriberInquiry()]);
      spoil(input);
      expect(() => build270(input)).toThrow(X12Error);
      expect(() => build270(input)).toThrow(
        expect.objectContaining({ code: "invalid-input", message: expect.stringMatching(message) }),
      );
    });
  }

  it("a delimiter inside a name", () => {
    const input = input270([
      { ...subscriberInquiry(), subscriber: { ...subscriberInquiry().subscriber, lastName: "O*NEIL" } },
    ]);
    expect(() => build270(input)).toThrow(expect.objectContaining({ code: "delimiter-in-element", segment: "NM1" }));
  });

  it("several service types with no repetition separator", () => {
    expect(() => build270(input270([dependentInquiry()]), { delimiters: { repetition: "" } })).toThrow(
      /EQ01 repeats but there is no repetition separator/,
    );
  });
});
