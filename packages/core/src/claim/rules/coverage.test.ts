import { describe, expect, it } from "vitest";
import { claimWith, findingsOf } from "./fixtures.ts";

describe("subscriber.complete", () => {
  it("asks nothing of the subscriber when the patient is the subscriber", () => {
    const claim = claimWith((c) => {
      c.coverage.relationship = "self";
      delete c.coverage.subscriber;
    });
    expect(findingsOf("subscriber.complete", claim)).toEqual([]);
  });

  it("reports each missing address field", () => {
    const fs = findingsOf(
      "subscriber.complete",
      claimWith((c) => delete c.coverage.subscriber!.address),
    );
    expect(fs.map((f) => f.path)).toEqual([
      "coverage.subscriber.address.city",
      "coverage.subscriber.address.line1",
      "coverage.subscriber.address.postalCode",
      "coverage.subscriber.address.state",
    ]);
    expect(fs.every((f) => f.severity === "error")).toBe(true);
  });

  it("reports all eight fields when a spouse's subscriber is missing", () => {
    const claim = claimWith((c) => {
      c.coverage.relationship = "spouse";
      delete c.coverage.subscriber;
    });
    const fs = findingsOf("subscriber.complete", claim);
    expect(fs).toHaveLength(8);
    expect(fs[0]!.message).toContain("subscriber's spouse");
  });

  it("treats a blank name as missing", () => {
    const [f] = findingsOf(
      "subscriber.complete",
      claimWith((c) => (c.coverage.subscriber!.lastName = "  ")),
    );
    expect(f).toMatchObject({ path: "coverage.subscriber.lastName" });
    expect(f!.message).toContain("last name is missing");
  });
});

describe("member.id", () => {
  it.each(["X", "A".repeat(81), "XJH*123", ""])("refuses %j", (id) => {
    const [f] = findingsOf(
      "member.id",
      claimWith((c) => (c.coverage.memberId = id)),
    );
    expect(f).toMatchObject({ path: "coverage.memberId", severity: "error" });
    expect(f!.message).toContain(id === "" ? "no member id" : `"${id}"`);
  });

  it.each(["AB", "W123-456-78", "A".repeat(80)])("accepts %j", (id) => {
    expect(
      findingsOf(
        "member.id",
        claimWith((c) => (c.coverage.memberId = id)),
      ),
    ).toEqual([]);
  });
});

describe("payer.id", () => {
  it("refuses a whitespace-only payer id", () => {
    expect(
      findingsOf(
        "payer.id",
        claimWith((c) => (c.coverage.clearinghousePayerId = "  ")),
      ),
    ).toMatchObject([{ path: "coverage.clearinghousePayerId", severity: "error" }]);
  });
});

describe("coverage.active", () => {
  it("reports a date of service before the coverage started", () => {
    const [f] = findingsOf(
      "coverage.active",
      claimWith((c) => (c.coverage.effectiveFrom = "2026-03-01")),
    );
    expect(f).toMatchObject({ path: "serviceDate", severity: "error" });
    expect(f!.message).toContain("2026-02-20 is before the coverage started");
    expect(f!.message).toContain("2026-03-01");
  });

  it("accepts service on the first and last effective days, and coverage without dates", () => {
    expect(
      findingsOf(
        "coverage.active",
        claimWith((c) => (c.coverage.effectiveFrom = c.coverage.effectiveTo = "2026-02-20")),
      ),
    ).toEqual([]);
    const open = claimWith((c) => {
      delete c.coverage.effectiveFrom;
      delete c.coverage.effectiveTo;
      c.serviceDate = "2010-01-01";
      for (const l of c.lines) l.serviceDate = "2010-01-01";
    });
    expect(findingsOf("coverage.active", open)).toEqual([]);
  });

  it("reports a line date outside the coverage at that line", () => {
    const claim = claimWith((c) => {
      c.coverage.effectiveTo = "2026-02-20";
      c.serviceDateTo = "2026-02-20";
      c.lines[2]!.serviceDate = "2026-02-21";
    });
    const [f, ...rest] = findingsOf("coverage.active", claim);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ path: "lines.2.serviceDate" });
    expect(f!.message).toContain("after the coverage ended");
  });
});
