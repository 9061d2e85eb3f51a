import { build276, checkX12, read277 } from "@claimledger/x12";
import { describe, expect, it } from "vitest";
import { build277Status, is276, read276, sandboxStatus } from "./status.ts";

const inquiry = (id: string, chargeCents: number) => ({
  traceNumber: id,
  patientControlNumber: id,
  subscriber: { memberId: `M${id}`, firstName: "PAT", lastName: "DOE" },
  chargeCents,
  serviceDate: "2026-01-05",
});

const request = build276({
  interchange: {
    senderId: "CLTEST",
    receiverId: "CLSANDBOX",
    controlNumber: 12,
    date: new Date("2026-02-01T07:00:00Z"),
  },
  groupControlNumber: 12,
  payer: { name: "SANDBOX PAYER", id: "BPH01" },
  receiver: { name: "TEST BILLING", id: "CLTEST" },
  provider: { npi: "1234567893", organizationName: "CLINIC" },
  inquiries: [
    inquiry("CLA0001", 20_200),
    { ...inquiry("CLA0002", 20_500), payerClaimControlNumber: "SBX0002" },
    inquiry("CLA0003", 20_833),
    { ...inquiry("CLA0004", 1_999), serviceDateTo: "2026-01-07" },
  ],
});

describe("the sandbox's answer to a 276", () => {
  it("follows its rule on the charge's last whole dollar", () => {
    expect([0, 300, 399, 400, 705, 799, 899, 900, 12_345].map((c) => sandboxStatus(c).category)).toEqual([
      "P1",
      "P1",
      "P1",
      "F1",
      "F1",
      "F1",
      "R3",
      "D0",
      "P1",
    ]);
    expect(sandboxStatus(20_500)).toEqual({ category: "F1", code: "65", paidCents: 16_400 });
    expect(sandboxStatus(705).paidCents).toBe(564); // 5.64: half-up from 5.640
    expect(sandboxStatus(1_999).paidCents).toBeUndefined();
  });

  it("reads the 276 and answers each claim in a 277 (005010X212) the reader understands", () => {
    expect(is276(request)).toBe(true);
    const asked = read276(request);
    expect(asked).toMatchObject([{ senderId: "CLTEST", payerId: "BPH01", payerName: "SANDBOX PAYER" }]);
    expect(asked[0]!.inquiries.map((q) => [q.traceNumber, q.chargeCents, q.payerClaimControlNumber])).toEqual([
      ["CLA0001", 20_200, undefined],
      ["CLA0002", 20_500, "SBX0002"],
      ["CLA0003", 20_833, undefined],
      ["CLA0004", 1_999, undefined],
    ]);
    const answer = build277Status(asked, 13, new Date("2026-02-02T07:00:00Z"));
    expect(checkX12(answer).errors).toEqual([]);
    const [r] = read277(answer);
    expect(r!.kind).toBe("status");
    expect(
      r!.claims.map((c) => [
        c.patientControlNumber,
        c.statusClass,
        c.status?.category,
        c.status?.code,
        c.chargeCents,
        c.paidCents,
        c.checkDate,
        c.checkNumber,
      ]),
    ).toEqual([
      ["CLA0001", "pending", "P1", "20", 20_200, undefined, undefined, undefined],
      ["CLA0002", "finalized", "F1", "65", 20_500, 16_400, "2026-02-02", "SBXCHK131"],
      ["CLA0003", "request-for-information", "R3", "254", 20_833, undefined, undefined, undefined],
      ["CLA0004", "data-search-unsuccessful", "D0", "35", 1_999, undefined, undefined, undefined],
    ]);
    expect(r!.claims[1]).toMatchObject({ adjudicationDate: "2026-02-01", payerClaimControlNumber: "SBX0002" });
    expect(r!.claims[3]).toMatchObject({ serviceDate: "2026-01-05", serviceDateEnd: "2026-01-07" });
  });

  it("takes an 837 for what it is", () => {
    expect(is276(request.replace(/ST\*276/g, "ST*837"))).toBe(false);
  });
});
