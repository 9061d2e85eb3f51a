import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BILLING_NPI,
  autoAccidentClaim,
  input,
  manyLinesClaim,
  oneLineClaim,
  patientNotSubscriberClaim,
  representative837P,
  replacementClaim,
  secondaryClaim,
  transaction,
  voidClaim,
} from "../../test/claims-837p.ts";
import { checkX12 } from "../check.ts";
import { X12Error } from "../errors.ts";
import { parseX12 } from "../parse.ts";
import { build837P } from "./build.ts";
import type { Claim837P } from "./types.ts";

/** Builds, checks the envelopes, and returns the segments of the one transaction as strings. */
function build(claims: Claim837P[]): string[] {
  const text = build837P(input([transaction(claims)]));
  const check = checkX12(text);
  expect(check.errors).toEqual([]);
  const parsed = parseX12(text);
  expect(parsed.stray).toEqual([]);
  const [isa] = parsed.interchanges;
  expect(isa!.header.elements.slice(13, 16)).toEqual(["000000042", "0", "T"]);
  expect(isa!.trailer?.elements).toEqual(["IEA", "1", "000000042"]);
  const [gs] = isa!.groups;
  expect(gs!.header?.elements.slice(1, 9)).toEqual([
    "HC",
    "CLAIMLEDGER",
    "CLHOUSE01",
    "20250506",
    "1430",
    "7",
    "X",
    "005010X222A1",
  ]);
  expect(gs!.trailer?.elements).toEqual(["GE", "1", "7"]);
  const [tx] = gs!.transactions;
  const segs = tx!.segments.map((s) => s.elements.join("*"));
  expect(segs[0]).toBe("ST*837*0001*005010X222A1");
  expect(segs.at(-1)).toBe(`SE*${segs.length}*0001`);
  expect(check.transactions[0]!.segments).toBe(segs.length);
  return segs;
}

/** The segments from the first one starting with `from` up to (not including) the next one starting with `until`. */
function slice(segs: string[], from: string, until?: string): string[] {
  const start = segs.findIndex((s) => s.startsWith(from));
  expect(start, from).toBeGreaterThanOrEqual(0);
  const end = until === undefined ? segs.length : segs.findIndex((s, i) => i > start && s.startsWith(until));
  return segs.slice(start, end < 0 ? segs.length : end);
}

describe("build837P: representative claims read back", () => {
  it("one line, subscriber is the patient", () => {
    const segs = build([oneLineClaim()]);
    expect(segs.slice(1, 16)).toEqual([
      "BHT*0019*00*BATCH0001*20250506*1430*CH",
      "NM1*41*2*CLAIMLEDGER BILLING*****46*SUBM0001",
      "PER*IC*EDI DESK*TE*5555550100*EM*edi@example.com",
      "NM1*40*2*CLEARINGHOUSE INC*****46*CLHOUSE01",
      "HL*1**20*1",
      "PRV*BI*PXC*207Q00000X",
      `NM1*85*2*SPRINGFIELD FAMILY PRACTICE*****XX*${BILLING_NPI}`,
      "N3*100 OAK AVE",
      "N4*SPRINGFIELD*IL*627015555",
      "REF*EI*123456789",
      "NM1*87*2",
      "N3*PO BOX 900",
      "N4*SPRINGFIELD*IL*627020900",
      "HL*2*1*22*0",
      "SBR*P*18*GRP001******CI",
    ]);
    expect(slice(segs, "NM1*IL", "SE")).toEqual([
      "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
      "N3*12 ELM ST",
      "N4*SPRINGFIELD*IL*627011234",
      "DMG*D8*19800229*F",
      "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
      "CLM*CLM-0001*125***11:B:1*Y*A*Y*Y",
      "HI*ABK:J069",
      "LX*1",
      "SV1*HC:99213*125*UN*1***1",
      "DTP*472*D8*20250115",
      "REF*6R*CLM-0001-1",
    ]);
  });

  it("six lines: modifiers, pointers, a date range, an NDC, onset, prior auth, referring/rendering/facility", () => {
    const segs = build([manyLinesClaim()]);
    const claim = slice(segs, "CLM", "LX");
    expect(claim).toEqual([
      "CLM*CLM-0002*352.5***11:B:1*Y*A*Y*Y",
      "DTP*431*D8*20250102",
      "REF*G1*AUTH7788",
      "HI*ABK:E119*ABF:I10*ABF:E785*ABF:R079*ABF:M5450",
      "NM1*DN*1*JONES*PAUL****XX*1245319599",
      "NM1*82*1*SMITH*ANNA****XX*1467560003",
      "PRV*PE*PXC*207Q00000X",
      "NM1*77*2*MAIN STREET CLINIC*****XX*1558444216",
      "N3*400 MAIN ST",
      "N4*SPRINGFIELD*IL*627019876",
    ]);
    expect(segs.filter((s) => s.startsWith("LX"))).toEqual(["LX*1", "LX*2", "LX*3", "LX*4", "LX*5", "LX*6"]);
    expect(segs.filter((s) => s.startsWith("SV1"))).toEqual([
      "SV1*HC:99214:25*20*UN*1***1:2:3:4",
      "SV1*HC:36415*35.5*UN*1***2",
      "SV1*HC:85025*51*UN*1***3",
      "SV1*HC:80053*66.5*UN*1***4",
      "SV1*HC:93000:59:XU*82*UN*1***5",
      "SV1*HC:J1885*97.5*UN*2***1",
    ]);
    expect(slice(segs, "LX*4", "LX*5")).toEqual([
      "LX*4",
      "SV1*HC:80053*66.5*UN*1***4",
      "DTP*472*RD8*20250115-20250116",
      "REF*6R*L2-4",
    ]);
    expect(slice(segs, "LX*6", "SE")).toEqual([
      "LX*6",
      "SV1*HC:J1885*97.5*UN*2***1",
      "DTP*472*D8*20250115",
      "REF*6R*L2-6",
      "LIN**N4*00409378001",
      "CTP****2*ML",
    ]);
    // CLM02 is the sum of SV102: 20 + 35.5 + 51 + 66.5 + 82 + 97.5 = 352.5
  });

  it("patient not the subscriber: HL 23 with PAT, subscriber without address or DMG", () => {
    const segs = build([patientNotSubscriberClaim()]);
    expect(slice(segs, "HL*2", "CLM")).toEqual([
      "HL*2*1*22*1",
      "SBR*P**GRP001******CI",
      "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
      "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
      "N3*PO BOX 500",
      "N4*CHICAGO*IL*60601",
      "HL*3*2*23*0",
      "PAT*19",
      "NM1*QC*1*DOE*TIMMY",
      "N3*12 ELM ST",
      "N4*SPRINGFIELD*IL*627011234",
      "DMG*D8*20150601*M",
    ]);
    expect(segs).toContain("CLM*CLM-0003*175***02:B:1*Y*A*Y*Y");
    expect(segs).toContain("SV1*HC:96127*25*UN*2***2:1");
  });

  it("secondary claim: 2320 SBR/CAS/AMT/OI, 2330A, 2330B with REF*F8, and 2430 SVD/CAS/DTP*573", () => {
    const segs = build([secondaryClaim()]);
    expect(segs).toContain("SBR*S*18*******MC");
    expect(slice(segs, "HI", "LX")).toEqual([
      "HI*ABK:M1711",
      "SBR*P*18*GRP001******CI",
      "CAS*PR*1*10",
      "AMT*D*90",
      "AMT*EAF*30",
      "OI***Y***Y",
      "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
      "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
      "REF*F8*ACME-ICN-5551",
    ]);
    expect(slice(segs, "LX*1", "LX*2")).toEqual([
      "LX*1",
      "SV1*HC:20610:RT*200*UN*1***1",
      "DTP*472*D8*20250310",
      "REF*6R*L4-1",
      "SVD*ACME01*60*HC:20610:RT**1",
      "CAS*CO*45*120",
      "CAS*PR*2*20",
      "DTP*573*D8*20250401",
    ]);
  });

  it("replacement (frequency 7) and void (frequency 8) carry REF*F8", () => {
    const seven = build([replacementClaim()]);
    expect(slice(seven, "CLM", "LX")).toEqual([
      "CLM*CLM-0005*125***11:B:7*Y*A*Y*Y",
      "REF*F8*ACME-ICN-1234",
      "HI*ABK:J069",
    ]);
    const eight = build([voidClaim()]);
    expect(slice(eight, "CLM", "LX")).toEqual([
      "CLM*CLM-0006*125***11:B:8*Y*A*Y*Y",
      "REF*F8*ACME-ICN-1235",
      "HI*ABK:J069",
    ]);
  });

  it("NDC without a unit of measure defaults to UN", () => {
    const c = oneLineClaim();
    c.lines = [{ ...c.lines[0]!, procedureCode: "J3420", drug: { ndc: "63323004401", quantity: 1 } }];
    const segs = build([c]);
    expect(slice(segs, "LIN", "SE")).toEqual(["LIN**N4*63323004401", "CTP****1*UN"]);
  });

  it("auto accident: CLM11 with the state, DTP*431 and DTP*439", () => {
    const segs = build([autoAccidentClaim()]);
    expect(slice(segs, "CLM", "HI")).toEqual([
      "CLM*CLM-0007*125***11:B:1*Y*A*Y*Y**EM:AA::IL",
      "DTP*431*D8*20250110",
      "DTP*439*D8*20250110",
    ]);
  });

  it("several claims and transactions: HL numbering, one ST per transaction, counts in GE", () => {
    const text = build837P(representative837P()["batch"]!);
    const check = checkX12(text);
    expect(check.errors).toEqual([]);
    expect(check.transactions.map((t) => t.controlNumber)).toEqual(["0001", "0002"]);
    const tx = parseX12(text).interchanges[0]!.groups[0]!.transactions[0]!;
    const hls = tx.segments.filter((s) => s.id === "HL").map((s) => s.elements.slice(1).join("*"));
    expect(hls).toEqual(["1**20*1", "2*1*22*0", "3*1*22*1", "4*3*23*0", "5*1*22*0"]);
    expect(text).toContain("GE*2*7~");
  });

  it("leaves out the rendering provider when it is the billing provider, and pay-to when it is the billing address", () => {
    const t = transaction([{ ...oneLineClaim(), renderingProvider: { lastName: "X", npi: BILLING_NPI } }]);
    t.payToAddress = { ...t.billingProvider.address };
    const text = build837P(input([t]));
    expect(text).not.toContain("NM1*82");
    expect(text).not.toContain("NM1*87");
  });
});

describe("build837P: impossible input", () => {
  const attempt = (claim: Claim837P) => () => build837P(input([transaction([claim])]));

  it.each<[string, (c: Claim837P) => Claim837P, RegExp]>([
    [
      "CLM01 over 20 characters",
      (c) => ({ ...c, patientControlNumber: "X".repeat(21) }),
      /claim "X{21}": patient control number is 21 characters; at most 20/,
    ],
    [
      "13 diagnoses",
      (c) => ({ ...c, diagnoses: Array.from({ length: 13 }, (_, i) => `J0${i % 10}`) }),
      /claim "CLM-0001": 13 diagnoses; at most 12/,
    ],
    [
      "51 lines",
      (c) => ({
        ...c,
        lines: Array.from({ length: 51 }, (_, i) => ({ ...c.lines[0]!, lineItemControlNumber: `L${i}` })),
      }),
      /claim "CLM-0001": 51 service lines; at most 50/,
    ],
    [
      "a pointer to a missing diagnosis",
      (c) => ({ ...c, lines: [{ ...c.lines[0]!, diagnosisPointers: [1, 2] }] }),
      /claim "CLM-0001" line 1: diagnosis pointer 2 points to no diagnosis \(the claim has 1\)/,
    ],
    [
      "five modifiers",
      (c) => ({ ...c, lines: [{ ...c.lines[0]!, modifiers: ["25", "59", "XU", "LT", "RT"] }] }),
      /claim "CLM-0001" line 1: 5 modifiers; at most 4/,
    ],
    [
      "a replacement without REF*F8",
      (c) => ({ ...c, frequencyCode: "7" }),
      /claim "CLM-0001": payer claim control number \(REF\*F8\) for frequency 7 is required/,
    ],
    [
      "an auto accident without a date",
      (c) => ({ ...c, relatedCauses: { autoAccident: { state: "IL" } } }),
      /accident date \(DTP\*439\) is required/,
    ],
    [
      "a total that is not the sum of the lines",
      (c) => ({ ...c, totalChargeCents: 1 }),
      /total charge 0.01 does not equal the sum of the lines 125.00/,
    ],
    [
      "two lines with one control number",
      (c) => ({ ...c, lines: [c.lines[0]!, c.lines[0]!] }),
      /line 2: line item control number "CLM-0001-1" is used by another line/,
    ],
    [
      "a subscriber-patient without birth date",
      (c) => ({ ...c, subscriber: { ...c.subscriber, birthDate: undefined } }),
      /subscriber birth date/,
    ],
    ["a bad ICD-10 code", (c) => ({ ...c, diagnoses: ["123.4"] }), /"123.4" is not an ICD-10-CM code/],
  ])("%s", (_name, change, message) => {
    expect(attempt(change(oneLineClaim()))).toThrow(message);
    expect(attempt(change(oneLineClaim()))).toThrow(X12Error);
  });

  it("refuses COB data that does not balance, naming claim, line and payer", () => {
    const c = secondaryClaim();
    c.lines[0]!.adjudications![0]!.paidCents = 6100;
    expect(attempt(c)).toThrow(
      /claim "CLM-0004" line 1: payer ACME01: charge 200.00 - paid 61.00 must equal the line CAS total 140.00/,
    );
    const d = secondaryClaim();
    d.otherPayers![0]!.paidCents = 9100;
    expect(attempt(d)).toThrow(
      /claim "CLM-0004" other payer "ACME01": charge 300.00 - paid 91.00 must equal claim CAS 10.00 \+ line CAS 200.00/,
    );
  });

  it("names the claim and element when a value holds a delimiter", () => {
    const c = oneLineClaim();
    c.subscriber = { ...c.subscriber, lastName: "O*BRIEN" };
    expect(attempt(c)).toThrow(expect.objectContaining({ code: "delimiter-in-element", segment: "NM1", element: 3 }));
    expect(attempt(c)).toThrow(/claim "CLM-0001": NM103: "O\*BRIEN" contains the element separator/);
  });
});

describe("build837P: property", () => {
  it("any valid line set builds, passes the structural check and reads back with the same charges", () => {
    const line = fc.record({
      chargeCents: fc.integer({ min: 0, max: 9_999_999 }),
      units: fc.integer({ min: 1, max: 99 }),
      pointer: fc.integer({ min: 1, max: 3 }),
      mods: fc.subarray(["25", "59", "LT", "RT", "XU", "GT"], { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 50 }), (lines) => {
        const base = oneLineClaim();
        const claim: Claim837P = {
          ...base,
          diagnoses: ["J06.9", "R05.9", "R50.9"],
          lines: lines.map((l, i) => ({
            ...base.lines[0]!,
            chargeCents: l.chargeCents,
            units: l.units,
            diagnosisPointers: [l.pointer],
            modifiers: l.mods,
            lineItemControlNumber: `L${i}`,
          })),
        };
        const text = build837P(input([transaction([claim])]));
        expect(checkX12(text).errors).toEqual([]);
        const segs = parseX12(text).interchanges[0]!.groups[0]!.transactions[0]!.segments;
        const sv1 = segs.filter((s) => s.id === "SV1");
        expect(sv1.map((s) => s.elements[2])).toEqual(lines.map((l) => (l.chargeCents / 100).toString()));
        const clm = segs.find((s) => s.id === "CLM")!;
        expect(Math.round(Number(clm.elements[2]) * 100)).toBe(lines.reduce((n, l) => n + l.chargeCents, 0));
      }),
      { numRuns: 60 },
    );
  });
});
