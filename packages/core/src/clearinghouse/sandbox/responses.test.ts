import { describe, expect, it } from "vitest";
import { build837P, checkX12, read277, read835, read999 } from "@claimledger/x12";
import { batchTo837P } from "../../batch/index.ts";
import type { ClaimDocument } from "../../claim/index.ts";
import { read837 } from "./read837.ts";
import { build277CA, build835, build999 } from "./responses.ts";
import { adjudicate } from "./payer-model.ts";

const address = { line1: "100 Main St", city: "Springfield", state: "IL" as const, postalCode: "627011234" };
function doc(claimId: string, memberId: string, relationship: "self" | "child" = "self"): ClaimDocument {
  return {
    claimId,
    practiceId: "prc_x",
    frequencyCode: "1",
    billingProvider: {
      kind: "organization",
      organizationName: "LAKESIDE FAMILY MEDICINE",
      npi: "1234567893",
      taxId: "123456789",
      taxonomyCode: "207Q00000X",
      address,
    },
    renderingProvider: {
      kind: "individual",
      firstName: "ANA",
      lastName: "RUIZ",
      npi: "1679576722",
      taxonomyCode: "207Q00000X",
    },
    patient: { patientId: "pat_x", firstName: "JORDAN", lastName: "LEE", dateOfBirth: "2010-04-12", sex: "F", address },
    coverage: {
      coverageId: "cov_x",
      order: "primary",
      payerId: "pyr_x",
      payerName: "BLUE PRAIRIE",
      clearinghousePayerId: "BPH01",
      claimFilingIndicator: "CI",
      timelyFilingDays: 180,
      memberId,
      relationship,
      subscriber:
        relationship === "self"
          ? undefined
          : { firstName: "SAM", lastName: "LEE", dateOfBirth: "1980-01-01", sex: "M", address },
    },
    placeOfService: "11",
    serviceDate: "2026-11-02",
    diagnoses: ["E11.9", "I10"],
    lines: [
      {
        lineNumber: 1,
        lineId: "LN1A",
        procedureCode: "99214",
        modifiers: ["25"],
        units: 1,
        chargeCents: 18500,
        diagnosisPointers: [1, 2],
        serviceDate: "2026-11-02",
        chargeSource: "encounter",
      },
      {
        lineNumber: 2,
        lineId: "LN1B",
        procedureCode: "93000",
        modifiers: [],
        units: 1,
        chargeCents: 6000,
        diagnosisPointers: [2],
        serviceDate: "2026-11-02",
        chargeSource: "encounter",
      },
    ],
    totalChargeCents: 24500,
  };
}

const sub = {
  senderId: "CLTEST",
  receiverId: "CLSANDBOX",
  receiverName: "SANDBOX",
  submitterName: "ACME BILLING",
  contactName: "BILLING OFFICE",
  contactEmail: "b@example.com",
  usage: "T" as const,
};
const at = new Date("2026-11-20T10:00:00Z");

describe("sandbox clearinghouse answers", () => {
  const x837 = build837P(batchTo837P([doc("CLAAA", "XJH100"), doc("CLBBB", "NODIGITS", "child")], 42, at, sub), {
    lineBreaks: true,
  });
  const received = read837(x837);

  it("reads the claims, members, payer and lines back out of our 837P", () => {
    expect(checkX12(x837).errors).toEqual([]);
    expect(received.groupControlNumber).toBe("42");
    const claims = received.transactions.flatMap((t) => t.claims);
    expect(claims.map((c) => [c.claimId, c.memberId, c.payerId, c.totalChargeCents])).toEqual([
      ["CLAAA", "XJH100", "BPH01", 24500],
      ["CLBBB", "NODIGITS", "BPH01", 24500],
    ]);
    expect(claims[0]!.lines.map((l) => [l.procedureCode, l.modifiers, l.chargeCents, l.lineId, l.serviceDate])).toEqual(
      [
        ["99214", ["25"], 18500, "LN1A", "2026-11-02"],
        ["93000", [], 6000, "LN1B", "2026-11-02"],
      ],
    );
  });

  it("answers with a 999 and a 277CA that our readers understand", () => {
    const ack = read999(build999(received, 7, at));
    expect(ack[0]!.group.controlNumber).toBe("42");
    expect(ack[0]!.sets.every((s) => s.accepted)).toBe(true);
    const ca = build277CA(received, 8, at);
    expect(checkX12(ca.text).errors).toEqual([]);
    const claims = read277(ca.text)[0]!.claims;
    expect(claims.map((c) => [c.patientControlNumber, c.accepted, c.rejected])).toEqual([
      ["CLAAA", true, false],
      ["CLBBB", false, true],
    ]);
    expect(claims[0]!.payerClaimControlNumber).toMatch(/^SBX/);
    expect(ca.rejected).toEqual(["CLBBB"]);
  });

  it("remits with a balanced 835 that carries each line's control number", () => {
    const c = received.transactions[0]!.claims[0]!;
    const text = build835("BPH01", "BLUE PRAIRIE", [{ claim: c, result: adjudicate(c) }], 9, "CLTEST", at);
    expect(checkX12(text).errors).toEqual([]);
    const [remit] = read835(text);
    expect(remit!.balance.balanced).toBe(true);
    expect(remit!.claims[0]!.lines.map((l) => l.lineItemControlNumber)).toEqual(["LN1A", "LN1B"]);
  });
});
