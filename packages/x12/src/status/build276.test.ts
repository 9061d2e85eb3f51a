import { describe, expect, it } from "vitest";
import {
  STATUS_PROVIDER_NPI,
  dependentClaim,
  input276,
  representative276,
  subscriberClaim,
} from "../../test/inquiries-276.ts";
import { read277 } from "../277.ts";
import { checkX12 } from "../check.ts";
import { X12Error } from "../errors.ts";
import { parseX12 } from "../parse.ts";
import { build276 } from "./build276.ts";
import type { Build276Input } from "./build276.ts";

function build(input: Build276Input): string[] {
  const text = build276(input);
  expect(checkX12(text).errors).toEqual([]);
  const [isa] = parseX12(text).interchanges;
  const [gs] = isa!.groups;
  expect(gs!.header?.elements.slice(1, 9)).toEqual([
    "HR",
    "CLAIMLEDGER",
    "CLHOUSE01",
    "20250610",
    "0905",
    "9",
    "X",
    "005010X212",
  ]);
  expect(gs!.transactions).toHaveLength(1);
  return gs!.transactions[0]!.segments.map((s) => s.elements.join("*"));
}

const HEAD = [
  "ST*276*0001*005010X212",
  "BHT*0010*13*0001*20250610*0905",
  "HL*1**20*1",
  "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
  "HL*2*1*21*1",
  "NM1*41*2*CLAIMLEDGER BILLING*****46*SUBM0001",
  "HL*3*2*19*1",
  `NM1*1P*2*SPRINGFIELD FAMILY PRACTICE*****XX*${STATUS_PROVIDER_NPI}`,
];

describe("build276", () => {
  it("the subscriber is the patient: DMG and NM1*IL in 2000D, TRN/REF*EJ/AMT*T3/DTP*472 in 2200D", () => {
    expect(build(input276([subscriberClaim()]))).toEqual([
      ...HEAD,
      "HL*4*3*22*0",
      "DMG*D8*19800229*F",
      "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
      "TRN*1*CLM-0001",
      "REF*EJ*CLM-0001",
      "AMT*T3*125",
      "DTP*472*D8*20250115",
      "SE*16*0001",
    ]);
  });

  it("a dependent: HL 23 with DMG and NM1*QC, REF*1K before REF*EJ, an RD8 range", () => {
    expect(build(input276([dependentClaim()])).slice(8)).toEqual([
      "HL*4*3*22*1",
      "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
      "HL*5*4*23",
      "DMG*D8*20150704*M",
      "NM1*QC*1*DOE*TOMMY",
      "TRN*1*CLM-0003",
      "REF*1K*PCN77001",
      "REF*EJ*CLM-0003",
      "AMT*T3*8513.88",
      "DTP*472*RD8*20250120-20250124",
      "SE*19*0001",
    ]);
  });

  it("one 2000C per billing provider, in order of first appearance", () => {
    const segs = build(representative276()["276-two-providers"]!);
    expect(segs.filter((s) => s.startsWith("HL*") || s.startsWith("NM1*1P") || s.startsWith("TRN"))).toEqual([
      "HL*1**20*1",
      "HL*2*1*21*1",
      "HL*3*2*19*1",
      `NM1*1P*2*SPRINGFIELD FAMILY PRACTICE*****XX*${STATUS_PROVIDER_NPI}`,
      "HL*4*3*22*0",
      "TRN*1*CLM-0010",
      "HL*5*3*22*1",
      "HL*6*5*23",
      "TRN*1*CLM-0003",
      "HL*7*2*19*1",
      "NM1*1P*1*SMITH*ANNA****XX*1467560003",
      "HL*8*7*22*0",
      "TRN*1*CLM-0011",
    ]);
  });

  it("a batch of 50 claims in one transaction set, 50 traces", () => {
    const segs = build(representative276()["276-batch-50"]!);
    expect(segs.filter((s) => s.startsWith("TRN*1*"))).toHaveLength(50);
    expect(segs[1]).toBe("BHT*0010*13*STATUS20250610*20250610*0905");
  });

  it("reads back through read277's layout: what a payer echoes is what we sent", () => {
    // a 277 is a 276 with TRN01 = 2 and STC; the shared layout reads our trace and REF*EJ
    const text = build276(input276([subscriberClaim("CLM-0042")]))
      .replace("ST*276*0001*005010X212", "ST*277*0001*005010X212")
      .replace("GS*HR", "GS*HN")
      .replace("TRN*1*CLM-0042", "TRN*2*CLM-0042~STC*P1:20*20250610**125");
    const [r] = read277(text);
    expect(r!.claims[0]).toMatchObject({
      traceNumber: "CLM-0042",
      patientControlNumber: "CLM-0042",
      statusClass: "pending",
    });
  });
});

describe("build276: impossible input is an X12Error naming the inquiry", () => {
  const cases: [string, (i: Build276Input) => void, RegExp][] = [
    ["no inquiry", (i) => (i.inquiries = []), /at least one inquiry/],
    ["no receiver id", (i) => (i.receiver.id = ""), /receiver id \(ETIN\) is required/],
    ["bad provider NPI", (i) => (i.provider.npi = "x"), /provider NPI "x" must be 10 digits/],
    ["bad claim provider", (i) => (i.inquiries[0]!.provider = { npi: "1" }), /inquiry "CLM-0001": provider NPI/],
    ["negative charge", (i) => (i.inquiries[0]!.chargeCents = -1), /claim charge \(AMT\*T3\) cannot be negative/],
    ["fractional cents", (i) => (i.inquiries[0]!.chargeCents = 1.5), /integer number of cents/],
    ["no service date", (i) => (i.inquiries[0]!.serviceDate = ""), /service date "" is not a date/],
    ["end before start", (i) => (i.inquiries[0]!.serviceDateTo = "2025-01-01"), /end date is before the start/],
    ["no patient control number", (i) => (i.inquiries[0]!.patientControlNumber = ""), /REF\*EJ\) is required/],
    ["a repeated trace", (i) => i.inquiries.push(subscriberClaim()), /trace number is used by another inquiry/],
    [
      "a dependent without birth date",
      (i) => (i.inquiries[0]!.dependent = { firstName: "A", lastName: "B" }),
      /dependent date of birth \(2000E DMG\) is required/,
    ],
  ];
  for (const [name, spoil, message] of cases) {
    it(name, () => {
      const input = input276([subscriberClaim()]);
      spoil(input);
      expect(() => build276(input)).toThrow(X12Error);
      expect(() => build276(input)).toThrow(
        expect.objectContaining({ code: "invalid-input", message: expect.stringMatching(message) }),
      );
    });
  }
});
