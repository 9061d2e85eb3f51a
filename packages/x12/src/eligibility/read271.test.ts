import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { read271 } from "./read271.ts";

const FIX = new URL("../../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");
const LFH = "linuxforhealth-x12/src/tests/resources/271_005010X279A1/";

/** Wraps 271 body segments (HL*1 onwards) in an envelope: ours, written for these tests. */
function ours(body: string[]): string {
  const segs = ["ST*271*0007*005010X279A1", "BHT*0022*11*REF7*20250506*1430", ...body];
  return [
    "ISA*00*          *00*          *ZZ*CLHOUSE01      *ZZ*CLAIMLEDGER    *250506*1430*^*00501*000000050*0*T*:",
    "GS*HB*CLHOUSE01*CLAIMLEDGER*20250506*1430*50*X*005010X279A1",
    ...segs,
    `SE*${segs.length + 1}*0007`,
    "GE*1*50",
    "IEA*1*000000050",
  ].join("~\n");
}

const SOURCE = ["HL*1**20*1", "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01", "HL*2*1*21*1"];
const RECEIVER = ["NM1*1P*2*SPRINGFIELD FAMILY PRACTICE*****XX*1234567893"];

/** The payer's copay, the one the LinuxForHealth files carry on ten service types. */
const TEN_TYPES = [
  ["1", "Medical Care"],
  ["33", "Chiropractic"],
  ["35", "Dental Care"],
  ["47", "Hospital"],
  ["86", "Emergency Services"],
  ["88", "Pharmacy"],
  ["98", "Professional (Physician) Visit - Office"],
  ["AL", "Vision (Optometry)"],
  ["MH", "Mental Health"],
  ["UC", "Urgent Care"],
].map(([code, description]) => ({ code, description }));

const SMITH_JOHN = {
  lastName: "SMITH",
  firstName: "JOHN",
  memberId: "123456789",
  address: {
    line1: "15197 BROADWAY AVENUE",
    line2: "APT 215",
    city: "KANSAS CITY",
    state: "MO",
    postalCode: "64108",
  },
  dateOfBirth: "1963-05-19",
  sex: "M",
};

/** The five EB segments of the LinuxForHealth subscriber and dependent 271s, as read. */
const GOLD_123_BENEFITS = [
  {
    code: "1",
    description: "Active Coverage",
    serviceTypes: [{ code: "30", description: "Health Benefit Plan Coverage" }],
    planDescription: "GOLD 123 PLAN",
    dates: {},
    messages: [],
    relatedEntities: [],
  },
  {
    code: "L",
    description: "Primary Care Provider",
    serviceTypes: [],
    dates: {},
    messages: [],
    relatedEntities: [{ entity: "P3", name: "JONES", firstName: "MARCUS", idQualifier: "SV", id: "0202034" }],
  },
  { code: "1", description: "Active Coverage", serviceTypes: TEN_TYPES, dates: {}, messages: [], relatedEntities: [] },
  ...[
    [1000, "in"],
    [3000, "out"],
  ].map(([amountCents, network]) => ({
    code: "B",
    description: "Co-Payment",
    serviceTypes: TEN_TYPES,
    insuranceType: "HM",
    insuranceTypeDescription: "Health Maintenance Organization (HMO)",
    planDescription: "GOLD 123 PLAN",
    timePeriod: { code: "27", description: "Visit" },
    amountCents,
    network,
    dates: {},
    messages: [],
    relatedEntities: [],
  })),
];

describe("read271: the fixtures of other projects", () => {
  it("LinuxForHealth subscriber-health-benefit-check.271: active, GOLD 123 PLAN, $10 / $30 copays", () => {
    const all = read271(fixture(`${LFH}subscriber-health-benefit-check.271`));
    expect(all).toEqual([
      {
        controlNumber: "4321",
        traceNumber: "93175-012547",
        payer: { name: "ABC COMPANY", id: "841610001" },
        provider: { name: "BONE AND JOIN CLINIC", idQualifier: "SV", id: "2000035" },
        subscriber: SMITH_JOHN,
        rejections: [],
        status: "active",
        plan: { name: "GOLD 123 PLAN" },
        coverageDates: { planBegin: "2006-01-01" },
        benefits: GOLD_123_BENEFITS,
        issues: [],
      },
    ]);
  });

  it("demo.271 is the same response", () => {
    expect(read271(fixture("linuxforhealth-x12/demo-file/demo.271"))).toEqual(
      read271(fixture(`${LFH}subscriber-health-benefit-check.271`)),
    );
  });

  it("LinuxForHealth dependent-health-benefit-check.271: one answer, for MARY under JOHN", () => {
    const [e, ...rest] = read271(fixture(`${LFH}dependent-health-benefit-check.271`));
    expect(rest).toEqual([]);
    expect(e).toEqual({
      controlNumber: "4321",
      traceNumber: "93175-012547",
      payer: { name: "ABC COMPANY", id: "841610001" },
      provider: { name: "BONE AND JOIN CLINIC", idQualifier: "SV", id: "2000035" },
      subscriber: SMITH_JOHN,
      dependent: {
        lastName: "SMITH",
        firstName: "MARY",
        address: SMITH_JOHN.address,
        dateOfBirth: "1998-10-14",
        sex: "F",
      },
      rejections: [],
      status: "active",
      plan: { name: "GOLD 123 PLAN" },
      coverageDates: { planBegin: "2006-01-01" },
      benefits: GOLD_123_BENEFITS,
      issues: [],
    });
  });

  it("LinuxForHealth subscriber-health-benefit-check-error.271: AAA*Y**50*N at the provider, nobody answered", () => {
    expect(read271(fixture(`${LFH}subscriber-health-benefit-check-error.271`))).toEqual([
      {
        controlNumber: "4321",
        payer: { name: "ABC COMPANY", id: "842610001" },
        provider: { name: "BONE AND JOIN CLINIC", idQualifier: "SV", id: "2000035" },
        subscriber: {},
        rejections: [
          {
            level: "provider",
            code: "50",
            description: "Provider Ineligible for Inquiries",
            followUp: "N",
            followUpDescription: "Resubmission Not Allowed",
          },
        ],
        status: "rejected",
        plan: {},
        coverageDates: {},
        benefits: [],
        issues: [],
      },
    ]);
  });

  it("imsweb x271.txt (a 005010X279A1 set in a 4010 envelope, > as component separator)", () => {
    const [e, ...rest] = read271(fixture("imsweb-x12-parser/src/test/resources/x270_271/x271.txt"));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      traceNumber: "93175-012547",
      payer: { name: "ABC COMPANY", id: "842610001" },
      provider: { name: "BONE AND JOINT CLINIC", idQualifier: "SV", id: "2000035" },
      subscriber: SMITH_JOHN,
      status: "active",
      plan: { name: "GOLD 123 PLAN" },
      coverageDates: { planBegin: "2006-01-01" },
      rejections: [],
    });
    // the LS/LE 2120 loop after the only EB belongs to it
    expect(e!.benefits).toEqual([{ ...GOLD_123_BENEFITS[0], relatedEntities: GOLD_123_BENEFITS[1]!.relatedEntities }]);
  });

  it("reads nothing from a 270", () => {
    expect(read271(fixture("linuxforhealth-x12/demo-file/demo.270"))).toEqual([]);
  });
});

describe("read271: answers written for these tests", () => {
  it("active: copay, 20% coinsurance, deductible and out-of-pocket with what remains, dates and messages", () => {
    const [e] = read271(
      ours([
        ...SOURCE,
        ...RECEIVER,
        "HL*3*2*22*0",
        "TRN*2*ELIG-0001*9123456789",
        "TRN*1*PAYERTRACE*9876543210",
        "NM1*IL*1*DOE*JANE*Q***MI*XYZ123456789",
        "REF*6P*GRP001*ACME EMPLOYER GROUP",
        "N3*12 ELM ST",
        "N4*SPRINGFIELD*IL*627011234",
        "DMG*D8*19800229*F",
        "DTP*346*D8*20250101",
        "DTP*356*D8*20240601",
        "EB*1*IND*30*PR*ACME PPO GOLD",
        "EB*B*IND*98*PR**27*25*****Y",
        "EB*A*IND*98^UC*PR**27**.2****N",
        "MSG*COINSURANCE APPLIES AFTER DEDUCTIBLE",
        "EB*C*IND*30***23*1500*****Y",
        "EB*C*IND*30***29*1234.56*****Y",
        "DTP*292*RD8*20250101-20251231",
        "EB*G*FAM*30***29*5000*****W",
        "EB*CB*IND*30******VS*20*Y",
      ]),
    );
    expect(e).toMatchObject({
      controlNumber: "0007",
      traceNumber: "ELIG-0001",
      payer: { name: "ACME HEALTH PLAN", id: "ACME01" },
      provider: { name: "SPRINGFIELD FAMILY PRACTICE", npi: "1234567893", idQualifier: "XX", id: "1234567893" },
      subscriber: {
        lastName: "DOE",
        firstName: "JANE",
        middleName: "Q",
        memberId: "XYZ123456789",
        groupNumber: "GRP001",
        address: { line1: "12 ELM ST", city: "SPRINGFIELD", state: "IL", postalCode: "627011234" },
        dateOfBirth: "1980-02-29",
        sex: "F",
      },
      status: "active",
      plan: { name: "ACME PPO GOLD", groupNumber: "GRP001", groupName: "ACME EMPLOYER GROUP" },
      coverageDates: { planBegin: "2025-01-01", eligibilityBegin: "2024-06-01" },
      rejections: [],
      issues: [],
    });
    const [active, copay, coinsurance, deductible, remaining, oop, basis] = e!.benefits;
    expect(active).toMatchObject({ code: "1", coverageLevel: "IND", coverageLevelDescription: "Individual" });
    expect(active!.insuranceTypeDescription).toBe("Preferred Provider Organization (PPO)");
    expect(copay).toEqual({
      code: "B",
      description: "Co-Payment",
      coverageLevel: "IND",
      coverageLevelDescription: "Individual",
      serviceTypes: [{ code: "98", description: "Professional (Physician) Visit - Office" }],
      insuranceType: "PR",
      insuranceTypeDescription: "Preferred Provider Organization (PPO)",
      timePeriod: { code: "27", description: "Visit" },
      amountCents: 2500,
      network: "in",
      dates: {},
      messages: [],
      relatedEntities: [],
    });
    expect(coinsurance).toMatchObject({
      code: "A",
      description: "Co-Insurance",
      serviceTypes: [
        { code: "98", description: "Professional (Physician) Visit - Office" },
        { code: "UC", description: "Urgent Care" },
      ],
      percent: 0.2,
      network: "out",
      messages: ["COINSURANCE APPLIES AFTER DEDUCTIBLE"],
    });
    expect(coinsurance!.amountCents).toBeUndefined();
    expect(deductible).toMatchObject({
      code: "C",
      description: "Deductible",
      timePeriod: { code: "23", description: "Calendar Year" },
      amountCents: 150000,
      network: "in",
    });
    expect(remaining).toMatchObject({
      code: "C",
      timePeriod: { code: "29", description: "Remaining" },
      amountCents: 123456,
      dates: { Benefit: "2025-01-01/2025-12-31" },
    });
    expect(oop).toMatchObject({
      code: "G",
      description: "Out of Pocket (Stop Loss)",
      coverageLevel: "FAM",
      coverageLevelDescription: "Family",
      timePeriod: { code: "29", description: "Remaining" },
      amountCents: 500000,
      network: "both",
    });
    expect(basis).toMatchObject({
      code: "CB",
      quantity: { qualifier: "VS", description: "Visits", value: 20 },
      authorizationRequired: true,
    });
  });

  it("inactive: EB*6 with the eligibility end date", () => {
    const [e] = read271(
      ours([
        ...SOURCE,
        ...RECEIVER,
        "HL*3*2*22*0",
        "TRN*2*ELIG-0009*9123456789",
        "NM1*IL*1*ROE*RICHARD****MI*R998877",
        "DTP*291*RD8*20230101-20241231",
        "DTP*357*D8*20241231",
        "EB*6**30",
        "MSG*COVERAGE TERMINATED",
      ]),
    );
    expect(e).toMatchObject({
      traceNumber: "ELIG-0009",
      subscriber: { lastName: "ROE", firstName: "RICHARD", memberId: "R998877" },
      status: "inactive",
      coverageDates: { planBegin: "2023-01-01", planEnd: "2024-12-31", eligibilityEnd: "2024-12-31" },
      rejections: [],
    });
    expect(e!.benefits).toEqual([
      {
        code: "6",
        description: "Inactive",
        serviceTypes: [{ code: "30", description: "Health Benefit Plan Coverage" }],
        dates: {},
        messages: ["COVERAGE TERMINATED"],
        relatedEntities: [],
      },
    ]);
  });

  it("rejected: AAA 72 and 75 for two subscribers of a batch, each with its trace and words", () => {
    const all = read271(
      ours([
        ...SOURCE,
        ...RECEIVER,
        "HL*3*2*22*0",
        "TRN*2*BATCH-0001*9123456789",
        "NM1*IL*1*DOE*JANE****MI*BADID",
        "AAA*N**72*C",
        "HL*4*2*22*0",
        "TRN*2*BATCH-0002*9123456789",
        "NM1*IL*1*NOBODY*NEMO****MI*Z000",
        "DMG*D8*19700101",
        "AAA*N**75*N",
        "HL*5*2*22*0",
        "TRN*2*BATCH-0003*9123456789",
        "NM1*IL*1*DOE*JOHN****MI*OK1",
        "EB*1**30",
      ]),
    );
    expect(all.map((e) => [e.traceNumber, e.status, e.subscriber.memberId])).toEqual([
      ["BATCH-0001", "rejected", "BADID"],
      ["BATCH-0002", "rejected", "Z000"],
      ["BATCH-0003", "active", "OK1"],
    ]);
    expect(all[0]!.rejections).toEqual([
      {
        level: "subscriber",
        code: "72",
        description: "Invalid/Missing Subscriber/Insured ID",
        followUp: "C",
        followUpDescription: "Please Correct and Resubmit",
      },
    ]);
    expect(all[1]!.rejections).toEqual([
      {
        level: "subscriber",
        code: "75",
        description: "Subscriber/Insured Not Found",
        followUp: "N",
        followUpDescription: "Resubmission Not Allowed",
      },
    ]);
    expect(all[2]!.rejections).toEqual([]);
  });

  it("a payer that cannot answer now (AAA 42 at 2100A) rejects every subscriber under it", () => {
    const all = read271(
      ours([
        "HL*1**20*1",
        "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
        "AAA*Y**42*R",
        "HL*2*1*21*1",
        ...RECEIVER,
        "HL*3*2*22*0",
        "TRN*2*ELIG-0100*9123456789",
        "NM1*IL*1*DOE*JANE****MI*XYZ",
      ]),
    );
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      traceNumber: "ELIG-0100",
      status: "rejected",
      rejections: [
        {
          level: "payer",
          code: "42",
          description: "Unable to Respond at Current Time",
          followUp: "R",
          followUpDescription: "Resubmission Allowed",
        },
      ],
    });
  });

  it("a dependent's AAA 67, and unreadable amounts and dates reported, not thrown", () => {
    const [e] = read271(
      ours([
        ...SOURCE,
        ...RECEIVER,
        "HL*3*2*22*1",
        "NM1*IL*1*DOE*JANE****MI*XYZ",
        "HL*4*3*23*0",
        "TRN*2*ELIG-0200*9123456789",
        "NM1*03*1*DOE*TOMMY",
        "DTP*346*D8*20251399",
        "AAA*N**67*C",
        "EB*C**30***23*12.345",
      ]),
    );
    expect(e).toMatchObject({
      traceNumber: "ELIG-0200",
      dependent: { lastName: "DOE", firstName: "TOMMY" },
      status: "rejected",
      rejections: [{ level: "dependent", code: "67", description: "Patient Not Found" }],
      coverageDates: {},
    });
    expect(e!.benefits[0]!.amountCents).toBeUndefined();
    expect(e!.issues.map((i) => [i.code, i.segment, i.element])).toEqual([
      ["invalid-date", "DTP", 3],
      ["invalid-amount", "EB", 7],
    ]);
  });
});
