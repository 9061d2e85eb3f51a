import { describe, expect, it } from "vitest";
import { claimWith, cleanClaim, findingsOf } from "./fixtures.ts";

describe("pos.valid", () => {
  it.each(["1", "30", "", "OF"])("refuses place of service %j", (pos) => {
    const [f] = findingsOf(
      "pos.valid",
      claimWith((c) => (c.placeOfService = pos)),
    );
    expect(f).toMatchObject({ path: "placeOfService", severity: "error" });
    expect(f!.message).toContain(`"${pos}"`);
  });
});

describe("claim.total", () => {
  it("does not need the practice's total", () => {
    expect(
      findingsOf(
        "claim.total",
        claimWith((c) => delete c.submittedTotalCents),
      ),
    ).toEqual([]);
  });

  it("reports a practice total that disagrees with the lines", () => {
    const [f, ...rest] = findingsOf(
      "claim.total",
      claimWith((c) => (c.submittedTotalCents = 123456)),
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ path: "submittedTotalCents", severity: "error" });
    expect(f!.message).toContain("$1,234.56");
    expect(f!.message).toContain("$245.00");
  });
});

describe("claim.duplicate", () => {
  it("is silent without a duplicate", () => {
    expect(findingsOf("claim.duplicate", cleanClaim(), { duplicateOf: undefined })).toEqual([]);
  });
});

describe("claim.frequency", () => {
  it("accepts a replacement with the payer's claim control number", () => {
    expect(
      findingsOf(
        "claim.frequency",
        claimWith((c) => Object.assign(c, { frequencyCode: "7", payerClaimControlNumber: "ICN123" })),
      ),
    ).toEqual([]);
  });

  it("refuses a void without it", () => {
    const [f] = findingsOf(
      "claim.frequency",
      claimWith((c) => Object.assign(c, { frequencyCode: "8", payerClaimControlNumber: " " })),
    );
    expect(f).toMatchObject({ path: "payerClaimControlNumber", severity: "error" });
    expect(f!.message).toContain("void claim (frequency 8)");
  });
});
