import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { build270, read271 } from "@claimledger/x12";
import { build271, read270, sandboxEligibility } from "./eligibility.ts";

const at = new Date("2026-12-01T15:00:00Z");
const ask = (memberId: string, dependent = false) =>
  build270({
    interchange: { senderId: "CLTEST", receiverId: "CLSANDBOX", controlNumber: 7, date: at, usage: "T" },
    groupControlNumber: 7,
    payer: { name: "BLUE PRAIRIE HEALTH", id: "BPH01" },
    provider: { npi: "1234567893", organizationName: "LAKESIDE FAMILY MEDICINE" },
    inquiries: [
      {
        traceNumber: "elg_trace1",
        subscriber: { memberId, firstName: "JANE", lastName: "SMITH", dateOfBirth: "1985-03-02", sex: "F" },
        ...(dependent
          ? { dependent: { firstName: "TOM", lastName: "SMITH", dateOfBirth: "2015-06-01", sex: "M" } }
          : {}),
        serviceDate: "2026-12-02",
      },
    ],
  });

describe("the sandbox's eligibility answers", () => {
  it("reads who a 270 asks about", () => {
    const r = read270(ask("XJH1", true));
    expect(r.payer).toEqual({ name: "BLUE PRAIRIE HEALTH", id: "BPH01" });
    expect(r.inquiries).toEqual([
      expect.objectContaining({
        traceNumber: "elg_trace1",
        memberId: "XJH1",
        lastName: "SMITH",
        firstName: "JANE",
        serviceDate: "2026-12-02",
        dependent: { lastName: "SMITH", firstName: "TOM", dateOfBirth: "2015-06-01", sex: "M" },
      }),
    ]);
  });

  it("answers an active member with benefits picked from the member id, as documented", () => {
    const [e] = read271(build271(read270(ask("XJH123456789")), 9, at));
    // h = the first byte of SHA-256("XJH123456789"): copay $20 + $5 x (h mod 5), and so on.
    const h = createHash("sha256").update("XJH123456789").digest()[0]!;
    expect(e!.traceNumber).toBe("elg_trace1");
    expect(e!.status).toBe("active");
    const amount = (code: string, period?: string) =>
      e!.benefits.find((b) => b.code === code && (period === undefined || b.timePeriod?.code === period))?.amountCents;
    expect(amount("B")).toBe(2000 + 500 * (h % 5));
    expect(amount("C", "23")).toBe(150000);
    expect(amount("C", "29")).toBe(150000 - 10000 * (h % 16));
    expect(amount("G", "29")).toBe(600000 - 25000 * (h % 8));
    expect(e!.benefits.find((b) => b.code === "A")?.percent).toBe(0.2);
    expect(e!.coverageDates.planBegin).toBe("2026-01-01");
  });

  it("answers inactive, not found and name mismatch by the member id's prefix", () => {
    expect(sandboxEligibility("INA1", "2026-12-02")).toEqual({ kind: "inactive", planEnd: "2026-11-30" });
    expect(sandboxEligibility("ina1", "2026-03-15")).toEqual({ kind: "inactive", planEnd: "2026-02-28" });
    const [inactive] = read271(build271(read270(ask("INA55")), 9, at));
    expect(inactive!.status).toBe("inactive");
    expect(inactive!.coverageDates.planEnd).toBe("2026-11-30");
    const [nf] = read271(build271(read270(ask("NF55")), 9, at));
    expect(nf!.status).toBe("rejected");
    expect(nf!.rejections.map((r) => [r.level, r.code, r.followUp])).toEqual([["subscriber", "75", "C"]]);
    const [nm] = read271(build271(read270(ask("NM55")), 9, at));
    expect(nm!.rejections.map((r) => r.code)).toEqual(["73"]);
  });
});
