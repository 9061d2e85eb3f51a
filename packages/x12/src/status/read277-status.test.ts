/** read277 on 277 claim status responses (005010X212): the answers to our 276s. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { read277 } from "../277.ts";
import { statusClass } from "../codes/claim-status.ts";

const FIX = new URL("../../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");
const LFH = "linuxforhealth-x12/src/tests/resources/277_005010X212/";

describe("statusClass", () => {
  it("is the category's first letter", () => {
    expect(["A2", "P1", "F1", "R4", "E0", "D0", "X9", ""].map(statusClass)).toEqual([
      "acknowledgement",
      "pending",
      "finalized",
      "request-for-information",
      "error",
      "data-search-unsuccessful",
      "unknown",
      "unknown",
    ]);
  });
});

describe("read277 (005010X212): LinuxForHealth claim-level-status.277 = demo.277", () => {
  const [r] = read277(fixture(`${LFH}claim-level-status.277`));
  const [pended, finalized, denied] = r!.claims;

  it("is a status response, not a 277CA", () => {
    expect(r).toMatchObject({ controlNumber: "0001", version: "005010X212", kind: "status", issues: [] });
    expect(read277(fixture("linuxforhealth-x12/demo-file/demo.277"))).toEqual(
      read277(fixture(`${LFH}claim-level-status.277`)),
    );
    expect(read277(fixture("imsweb-x12-parser/src/test/resources/277_5010/x12_277CA_accepted.txt"))[0]!.kind).toBe(
      "acknowledgment",
    );
  });

  it("pended: P3:317 (provider requested information), charge, 1K/EJ, service dates", () => {
    expect(pended).toMatchObject({
      traceNumber: "ABCXYZ1",
      patientControlNumber: "SM123456",
      payerClaimControlNumber: "05347006051",
      statusClass: "pending",
      chargeCents: 851388,
      accepted: false,
      rejected: false,
      serviceDate: "2005-08-31",
      serviceDateEnd: "2005-09-06",
      patient: { lastName: "SMITH", firstName: "FRED", memberId: "123456789A" },
      provider: { name: "HOME HOSPITAL", npi: "1666666661" },
      references: [
        { qualifier: "1K", value: "05347006051" },
        { qualifier: "BLT", value: "111" },
        { qualifier: "EJ", value: "SM123456" },
      ],
      lines: [],
    });
    expect(pended!.statuses).toEqual([
      {
        category: "P3",
        categoryDescription: "Pending/Provider requested information",
        code: "317",
        codeDescription: "Requested information was not received",
        date: "2005-09-13",
        chargeCents: 851388,
      },
    ]);
    expect(pended!.paidCents).toBeUndefined();
  });

  it("finalized: F0:3 (adjudicated, awaiting the payment cycle) with the paid amount", () => {
    expect(finalized).toMatchObject({
      traceNumber: "ABCXYZ2",
      patientControlNumber: "J0234567",
      payerClaimControlNumber: "0529675341",
      statusClass: "finalized",
      chargeCents: 759900,
      paidCents: 759900,
      serviceDate: "2005-07-31",
      serviceDateEnd: "2005-08-09",
      patient: { lastName: "JONES", firstName: "MARY", memberId: "234567890A" },
    });
    expect(finalized!.status).toEqual({
      category: "F0",
      categoryDescription: "Finalized",
      code: "3",
      codeDescription: "Claim has been adjudicated and is awaiting payment cycle",
      date: "2005-09-15",
      chargeCents: 759900,
      paidCents: 759900,
    });
  });

  it("finalized and denied for the dependent: F2:88:QC, paid 0, a line with its own status", () => {
    expect(denied).toMatchObject({
      traceNumber: "ABCXYC3",
      patientControlNumber: "MA345678",
      payerClaimControlNumber: "051681010827",
      statusClass: "finalized",
      chargeCents: 15000,
      paidCents: 0,
      patient: { lastName: "MANN", firstName: "JOSEPH" },
      provider: { name: "HOME HOSPITAL PHYSICIANS", npi: "166666666" },
    });
    expect(denied!.status).toMatchObject({
      category: "F2",
      categoryDescription: "Finalized/Denial: the claim has been denied",
      code: "88",
      codeDescription: "Entity not eligible for benefits for submitted dates of service",
      entity: "QC",
      entityDescription: "Patient",
    });
    expect(denied!.lines).toEqual([
      {
        procedure: ["HC", "99203"],
        chargeCents: 15000,
        serviceDate: "2005-05-01",
        statuses: [expect.objectContaining({ category: "F2", code: "88", entity: "QC", date: "2005-06-12" })],
      },
    ]);
  });
});

describe("read277 (005010X212): the other LinuxForHealth files", () => {
  it("claim-level-status-ncpdp.277: a pharmacy claim denied F2:80, REF*XZ, no EJ so the trace stands in", () => {
    const [r] = read277(fixture(`${LFH}claim-level-status-ncpdp.277`));
    expect(r!.claims).toHaveLength(1);
    expect(r!.claims[0]).toMatchObject({
      traceNumber: "ABCXYZ1",
      patientControlNumber: "ABCXYZ1",
      payerClaimControlNumber: "05347006051",
      statusClass: "finalized",
      chargeCents: 8500,
      paidCents: 0,
      serviceDate: "2006-03-01",
      provider: { name: "HOME HOSPITAL PHARMACY", npi: "1666666662" },
      status: { category: "F2", code: "80", date: "2006-03-01" },
    });
  });

  it("provider-level-status.277: the claim pended, and the second provider's E0:24:85 kept apart", () => {
    const [r] = read277(fixture(`${LFH}provider-level-status.277`));
    expect(r!.claims.map((c) => [c.traceNumber, c.patientControlNumber, c.statusClass])).toEqual([
      ["ABCXYZ1", "SM123456", "pending"],
    ]);
    expect(r!.otherStatuses).toEqual([
      {
        level: "19",
        trace: "0",
        statuses: [
          {
            category: "E0",
            categoryDescription: "Response not possible: error on submitted request data",
            code: "24",
            codeDescription: "Entity not approved as an electronic submitter",
            entity: "85",
            entityDescription: "Billing provider",
            date: "2005-09-16",
          },
        ],
      },
    ]);
  });

  it("information-receiver-level-status.277: E0:0 for the whole 276, no claim", () => {
    const [r] = read277(fixture(`${LFH}information-receiver-level-status.277`));
    expect(r).toMatchObject({ kind: "status", claims: [] });
    expect(r!.otherStatuses).toEqual([
      { level: "21", trace: "ABC276XXX", statuses: [expect.objectContaining({ category: "E0", code: "0" })] },
    ]);
  });
});

describe("read277 (005010X212): an answer written for these tests, with STC05-STC09", () => {
  const text = [
    "ISA*00*          *00*          *ZZ*CLHOUSE01      *ZZ*CLAIMLEDGER    *250610*0905*^*00501*000000060*0*T*:",
    "GS*HN*CLHOUSE01*CLAIMLEDGER*20250610*0905*60*X*005010X212",
    "ST*277*0001*005010X212",
    "BHT*0010*08*STATUS1*20250610*0905*DG",
    "HL*1**20*1",
    "NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01",
    "HL*2*1*21*1",
    "NM1*41*2*CLAIMLEDGER BILLING*****46*SUBM0001",
    "HL*3*2*19*1",
    "NM1*1P*2*SPRINGFIELD FAMILY PRACTICE*****XX*1234567893",
    "HL*4*3*22*0",
    "NM1*IL*1*DOE*JANE****MI*XYZ123456789",
    "TRN*2*CLM-0001",
    "STC*F1:65*20250605**125*98.5*20250604*CHK*20250606*CHK778899",
    "REF*1K*PCN1",
    "REF*EJ*CLM-0001",
    "DTP*472*D8*20250115",
    "HL*5*3*22*0",
    "NM1*IL*1*ROE*RICK****MI*R1",
    "TRN*2*CLM-0002",
    "STC*R4:317*20250605**80",
    "REF*EJ*CLM-0002",
    "DTP*472*D8*20250116",
    "SE*21*0001",
    "GE*1*60",
    "IEA*1*000000060",
  ].join("~\n");

  it("paid: F1:65 with paid amount, adjudication date, method, check date and number", () => {
    const [r] = read277(text);
    expect(r!.issues).toEqual([]);
    expect(r!.claims[0]).toMatchObject({
      traceNumber: "CLM-0001",
      patientControlNumber: "CLM-0001",
      payerClaimControlNumber: "PCN1",
      statusClass: "finalized",
      chargeCents: 12500,
      paidCents: 9850,
      adjudicationDate: "2025-06-04",
      checkDate: "2025-06-06",
      checkNumber: "CHK778899",
      serviceDate: "2025-01-15",
    });
    expect(r!.claims[0]!.status).toEqual({
      category: "F1",
      categoryDescription: "Finalized/Payment: the claim has been paid",
      code: "65",
      codeDescription: "Claim/line has been paid",
      date: "2025-06-05",
      chargeCents: 12500,
      paidCents: 9850,
      adjudicationDate: "2025-06-04",
      paymentMethod: "CHK",
      checkDate: "2025-06-06",
      checkNumber: "CHK778899",
    });
  });

  it("a request for information: R4:317", () => {
    const c = read277(text)[0]!.claims[1]!;
    expect(c).toMatchObject({
      patientControlNumber: "CLM-0002",
      statusClass: "request-for-information",
      chargeCents: 8000,
    });
    expect(c.status?.categoryDescription).toBe("Requests for additional information/Documentation");
  });
});
