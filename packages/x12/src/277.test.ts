import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { read277 } from "./277.ts";

const FIX = new URL("../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");
const IMSWEB = "imsweb-x12-parser/src/test/resources/277_5010/";
const LFH = "linuxforhealth-x12/src/tests/resources/277_005010X212/";

describe("read277 (277CA)", () => {
  it("reads an accepted claim: TRN = our claim id, REF*1K = payer claim number, STC A2:20", () => {
    const [r] = read277(fixture(`${IMSWEB}x12_277CA_accepted.txt`));
    expect(r!.version).toBe("005010X214");
    expect(r!.claims).toHaveLength(1);
    const c = r!.claims[0]!;
    expect(c).toMatchObject({
      patientControlNumber: "5781",
      payerClaimControlNumber: "1107000000014420",
      accepted: true,
      rejected: false,
      serviceDate: "1001-01-01",
      patient: { lastName: "TPATIENT", firstName: "THEBE", memberId: "LL99999X" },
      provider: { name: "OCTOR", npi: "1234567890" },
    });
    expect(c.status).toEqual({
      category: "A2",
      categoryDescription: "Acknowledgement/Acceptance into adjudication system",
      code: "20",
      codeDescription: "Accepted for processing",
      date: "2011-03-11",
      action: "WQ",
      chargeCents: 12500,
    });
    // the batch-level A1:20 of the information receiver is not a claim
    expect(r!.otherStatuses.flatMap((o) => o.statuses.map((s) => [o.level, s.category, s.code]))).toEqual([
      ["21", "A1", "20"],
    ]);
  });

  it("reads a rejected claim: STC A7:562:85, the billing provider's NPI", () => {
    const [r] = read277(fixture(`${IMSWEB}x12_277CA_rejected.txt`));
    const c = r!.claims[0]!;
    expect(c.patientControlNumber).toBe("3920394930203");
    expect(c.accepted).toBe(false);
    expect(c.rejected).toBe(true);
    expect(c.status).toMatchObject({
      category: "A7",
      categoryDescription: "Acknowledgement/Rejected for invalid information",
      code: "562",
      codeDescription: "Entity's National Provider Identifier (NPI)",
      entity: "85",
      entityDescription: "Billing provider",
      chargeCents: 19914,
    });
    expect(c.references).toEqual([
      { qualifier: "1K", value: "1107000000001120" },
      { qualifier: "BLT", value: "731" },
    ]);
    expect(c.serviceDate).toBe("2009-03-11");
    expect(r!.issues).toEqual([]);
  });

  it("reads many claims of a 277 (X212 layout under HL 22): TRN02 the trace, REF*EJ our claim", () => {
    const [r] = read277(fixture(`${IMSWEB}x12_277_x212.txt`));
    expect(r!.kind).toBe("status");
    expect(
      r!.claims.map((c) => [
        c.traceNumber,
        c.patientControlNumber,
        c.status?.category,
        c.statusClass,
        c.status?.chargeCents,
        c.serviceDate,
      ]),
    ).toEqual([
      ["0000001", "12345", "A1", "acknowledgement", 60000, "2020-11-13"],
      ["0000002", "12346", "A1", "acknowledgement", 40000, "2020-08-20"],
      ["0000003", "12347", "A1", "acknowledgement", 10000, "2020-11-13"],
      ["0000004", "12348", "A1", "acknowledgement", 18000, "2020-11-14"],
      ["0000005", "12349", "A1", "acknowledgement", 10000, "2020-11-13"],
      ["0000006", "12340", "A1", "acknowledgement", 45000, "2020-11-13"],
      ["0000007", "12341", "A1", "acknowledgement", 10000, "2020-11-15"],
      ["0000008", "12342", "A1", "acknowledgement", 10000, "2020-11-13"],
    ]);
    expect(r!.claims[0]!.status?.message).toBe("PAYER ACKNOWLEDGED RECEIPT OF THE CLAIM");
    expect(r!.claims[0]!.clearinghouseTraceNumber).toBe("12345");
  });
});

describe("read277 (005010X212 claim status)", () => {
  it("reads claim, dependent and line level statuses without crashing", () => {
    const [r] = read277(fixture(`${LFH}claim-level-status.277`));
    expect(r!.claims.map((c) => [c.traceNumber, c.status?.category, c.status?.code, c.accepted, c.rejected])).toEqual([
      ["ABCXYZ1", "P3", "317", false, false],
      ["ABCXYZ2", "F0", "3", false, false],
      ["ABCXYC3", "F2", "88", false, false],
    ]);
    const dependant = r!.claims[2]!;
    expect(dependant.patient).toEqual({ lastName: "MANN", firstName: "JOSEPH" });
    expect(dependant.lines).toEqual([
      {
        procedure: ["HC", "99203"],
        chargeCents: 15000,
        serviceDate: "2005-05-01",
        statuses: [expect.objectContaining({ category: "F2", code: "88", entity: "QC" })],
      },
    ]);
    expect(r!.claims[0]).toMatchObject({ serviceDate: "2005-08-31", serviceDateEnd: "2005-09-06" });
  });

  it("keeps statuses above the claim level apart", () => {
    const [r] = read277(fixture(`${LFH}information-receiver-level-status.277`));
    expect(r!.claims).toEqual([]);
    expect(r!.otherStatuses).toEqual([
      { level: "21", trace: "ABC276XXX", statuses: [expect.objectContaining({ category: "E0", code: "0" })] },
    ]);
    const [p] = read277(fixture(`${LFH}provider-level-status.277`));
    expect(p!.claims).toHaveLength(1);
    expect(p!.otherStatuses[0]).toMatchObject({
      level: "19",
      trace: "0",
      statuses: [expect.objectContaining({ category: "E0", code: "24", entity: "85" })],
    });
  });
});
