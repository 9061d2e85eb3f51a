import { describe, expect, it } from "vitest";
import { claimWith, cleanClaim, findingsOf, TODAY } from "./fixtures.ts";
import { addDays, daysBetween, isIsoDate } from "./util.ts";

describe("date helpers", () => {
  it("counts days across month and leap-year boundaries", () => {
    expect(daysBetween("2026-02-20", "2026-03-10")).toBe(18);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(addDays("2025-12-31", 60)).toBe("2026-03-01");
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-1-02")).toBe(false);
  });
});

describe("dos.valid", () => {
  it("refuses a claim date that is not a calendar date", () => {
    const [f] = findingsOf(
      "dos.valid",
      claimWith((c) => (c.serviceDate = "2026-13-01")),
    );
    expect(f).toMatchObject({ path: "serviceDate", severity: "error" });
    expect(f!.message).toContain('"2026-13-01"');
  });

  it("refuses ranges that end before they start, claim or line", () => {
    const claim = claimWith((c) => {
      c.serviceDateTo = "2026-02-19";
      c.lines[1]!.serviceDateTo = "2026-02-10";
    });
    const fs = findingsOf("dos.valid", claim);
    expect(fs.map((f) => f.path)).toEqual(["lines.1.serviceDateTo", "serviceDateTo"]);
    expect(fs[0]!.message).toContain("2026-02-10 is before the first date of service 2026-02-20");
  });

  it("accepts a one-day range", () => {
    expect(
      findingsOf(
        "dos.valid",
        claimWith((c) => (c.serviceDateTo = c.serviceDate)),
      ),
    ).toEqual([]);
  });
});

describe("dos.future", () => {
  it("accepts a service today", () => {
    const claim = claimWith((c) => {
      c.serviceDate = TODAY;
      for (const l of c.lines) l.serviceDate = TODAY;
    });
    expect(findingsOf("dos.future", claim)).toEqual([]);
  });

  it("reports a future line date at the line, and a visit date once (not once per line)", () => {
    expect(
      findingsOf(
        "dos.future",
        claimWith((c) => (c.lines[2]!.serviceDate = "2026-03-11")),
      ),
    ).toMatchObject([{ path: "lines.2.serviceDate", severity: "error" }]);
    const claim = claimWith((c) => {
      c.serviceDate = "2026-04-01";
      for (const l of c.lines) l.serviceDate = "2026-04-01";
    });
    expect(findingsOf("dos.future", claim).map((f) => f.path)).toEqual(["serviceDate"]);
  });

  it("reports a future end of a range", () => {
    const [f] = findingsOf(
      "dos.future",
      claimWith((c) => (c.serviceDateTo = "2026-03-12")),
    );
    expect(f).toMatchObject({ path: "serviceDateTo" });
    expect(f!.message).toContain("2026-03-12");
  });
});

describe("dos.timely-filing", () => {
  // The clean claim's date of service is 18 days before TODAY.
  const withLimit = (days: number) =>
    findingsOf(
      "dos.timely-filing",
      claimWith((c) => (c.coverage.timelyFilingDays = days)),
    );

  it("is silent with more than 14 days left", () => {
    expect(withLimit(33)).toEqual([]);
  });

  it("warns with 14 days left, saying how many", () => {
    const [f, ...rest] = withLimit(32);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ path: "serviceDate", severity: "warning" });
    expect(f!.message).toContain("14 days left to file");
    expect(f!.message).toContain("ends on 2026-03-24");
  });

  it("warns on the last day and the day before", () => {
    expect(withLimit(19)[0]!.message).toContain("1 day left to file");
    expect(withLimit(18)[0]).toMatchObject({ severity: "warning" });
    expect(withLimit(18)[0]!.message).toContain("Today is the last day to file");
  });

  it("errors the day after the limit, naming the payer, the days and the deadline", () => {
    const [f] = withLimit(17);
    expect(f).toMatchObject({ path: "serviceDate", severity: "error" });
    expect(f!.message).toContain(
      "18 days ago; Blue Prairie Health allows 17 days (the last day to file was 2026-03-09)",
    );
  });

  it("counts from the earliest line date", () => {
    const claim = claimWith((c) => {
      c.coverage.timelyFilingDays = 30;
      c.serviceDateTo = "2026-02-25";
      c.serviceDate = "2026-02-01";
      c.lines[1]!.serviceDate = "2026-02-01";
    });
    const [f] = findingsOf("dos.timely-filing", claim);
    expect(f).toMatchObject({ path: "serviceDate", severity: "error" });
    const lineFirst = claimWith((c) => {
      c.coverage.timelyFilingDays = 30;
      c.lines[1]!.serviceDate = "2026-02-01";
    });
    expect(findingsOf("dos.timely-filing", lineFirst)).toMatchObject([
      { path: "lines.1.serviceDate", severity: "error" },
    ]);
  });

  it("does nothing without a limit", () => {
    expect(withLimit(0)).toEqual([]);
  });
});

describe("dos.line-range", () => {
  it("accepts line dates inside the claim's range, including its ends", () => {
    const claim = claimWith((c) => {
      c.serviceDateTo = "2026-02-22";
      c.lines[1]!.serviceDate = "2026-02-22";
      c.lines[2]!.serviceDate = "2026-02-21";
    });
    expect(findingsOf("dos.line-range", claim)).toEqual([]);
  });

  it("warns about a line ending after the claim's range", () => {
    const claim = claimWith((c) => {
      c.serviceDateTo = "2026-02-22";
      c.lines[1]!.serviceDateTo = "2026-02-23";
    });
    const [f] = findingsOf("dos.line-range", claim);
    expect(f).toMatchObject({ path: "lines.1.serviceDateTo", severity: "warning" });
    expect(f!.message).toContain("2026-02-23 is outside the claim's dates of service (2026-02-20 to 2026-02-22)");
  });

  it("leaves an upside-down claim range to dos.valid", () => {
    expect(
      findingsOf(
        "dos.line-range",
        claimWith((c) => (c.serviceDateTo = "2026-02-01")),
      ),
    ).toEqual([]);
  });

  it("needs line dates equal to the claim's date when there is no range", () => {
    expect(cleanClaim().serviceDateTo).toBeUndefined();
    expect(
      findingsOf(
        "dos.line-range",
        claimWith((c) => (c.lines[0]!.serviceDate = "2026-02-19")),
      ),
    ).toMatchObject([{ path: "lines.0.serviceDate" }]);
  });
});
