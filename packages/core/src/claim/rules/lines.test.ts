import { describe, expect, it } from "vitest";
import type { ClaimDocument, ClaimLine } from "../claim.types.ts";
import { claimWith, cleanClaim, findingsOf } from "./fixtures.ts";

/** The clean claim with extra lines copied from line 2 (96372), totals kept consistent. */
function withLines(...changes: Array<Partial<ClaimLine>>): ClaimDocument {
  return claimWith((c) => {
    for (const ch of changes)
      c.lines.push({ ...c.lines[1]!, lineNumber: c.lines.length + 1, lineId: `LX${c.lines.length}`, ...ch });
    c.totalChargeCents = c.submittedTotalCents = c.lines.reduce((s, l) => s + l.chargeCents, 0);
  });
}

describe("lines.required / lines.max", () => {
  it("allows 50 lines and refuses 51", () => {
    const lines = (n: number) =>
      withLines(
        ...Array.from({ length: n - 3 }, (_, i) => ({
          serviceDate: `2026-01-${String((i % 28) + 1).padStart(2, "0")}`,
        })),
      );
    expect(findingsOf("lines.max", lines(50))).toEqual([]);
    expect(findingsOf("lines.max", lines(51))).toMatchObject([{ path: "lines", severity: "error" }]);
  });

  it("refuses a claim without lines", () => {
    expect(
      findingsOf(
        "lines.required",
        claimWith((c) => (c.lines = [])),
      ),
    ).toMatchObject([{ path: "lines", severity: "error" }]);
  });
});

describe("proc.shape", () => {
  it.each(["9921", "99213-25", "D0120", "99213 ", "0042X"])("refuses %j", (code) => {
    const [f] = findingsOf(
      "proc.shape",
      claimWith((c) => (c.lines[1]!.procedureCode = code)),
    );
    expect(f).toMatchObject({ path: "lines.1.procedureCode", severity: "error" });
    expect(f!.message).toContain(`"${code}"`);
  });

  it("says so when the code is missing", () => {
    const [f] = findingsOf(
      "proc.shape",
      claimWith((c) => (c.lines[1]!.procedureCode = "")),
    );
    expect(f!.message).toBe("Line 2 has no procedure code.");
  });

  it.each(["0042T", "3074F", "G0438", "J1885"])("accepts %s", (code) => {
    expect(
      findingsOf(
        "proc.shape",
        claimWith((c) => (c.lines[1]!.procedureCode = code)),
      ),
    ).toEqual([]);
  });
});

describe("modifier.shape", () => {
  it("allows four modifiers and refuses five", () => {
    expect(
      findingsOf(
        "modifier.shape",
        claimWith((c) => (c.lines[0]!.modifiers = ["25", "GT", "Q5", "XU"])),
      ),
    ).toEqual([]);
    const [f] = findingsOf(
      "modifier.shape",
      claimWith((c) => (c.lines[0]!.modifiers = ["25", "GT", "Q5", "XU", "59"])),
    );
    expect(f).toMatchObject({ path: "lines.0.modifiers", severity: "error" });
    expect(f!.message).toContain("5 modifiers (25, GT, Q5, XU, 59)");
  });

  it.each(["lt", "5", "259", "G T"])("refuses modifier %j", (m) => {
    const [f] = findingsOf(
      "modifier.shape",
      claimWith((c) => (c.lines[0]!.modifiers = [m])),
    );
    expect(f).toMatchObject({ path: "lines.0.modifiers.0", severity: "error" });
    expect(f!.message).toContain(`"${m}"`);
  });
});

describe("line.units", () => {
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s units", (units) => {
    const [f] = findingsOf(
      "line.units",
      claimWith((c) => (c.lines[2]!.units = units)),
    );
    expect(f).toMatchObject({ path: "lines.2.units", severity: "error" });
    expect(f!.message).toContain(`${units} units`);
  });

  it("accepts fractional units", () => {
    expect(
      findingsOf(
        "line.units",
        claimWith((c) => (c.lines[2]!.units = 0.5)),
      ),
    ).toEqual([]);
  });
});

describe("line.charge", () => {
  it("names the code (without modifiers) that has no fee", () => {
    const claim = claimWith((c) => {
      Object.assign(c.lines[1]!, { chargeCents: 0, chargeSource: "missing" });
      c.totalChargeCents = c.submittedTotalCents = 20000;
    });
    const [f] = findingsOf("line.charge", claim);
    expect(f).toMatchObject({
      path: "lines.1.chargeCents",
      severity: "error",
      message: "Line 2 has no charge and none in the fee schedule for 96372.",
    });
  });

  it.each([
    [0, "$0.00"],
    [-500, "-$5.00"],
    [12.5, "12.5 cents"],
  ])("refuses a charge of %s", (cents, shown) => {
    const [f] = findingsOf(
      "line.charge",
      claimWith((c) => (c.lines[0]!.chargeCents = cents)),
    );
    expect(f).toMatchObject({ path: "lines.0.chargeCents", severity: "error" });
    expect(f!.message).toContain(shown);
  });
});

describe("line.same-code-same-day", () => {
  it("flags each repeat against the first line", () => {
    const fs = findingsOf("line.same-code-same-day", withLines({}, {}));
    expect(fs.map((f) => f.path)).toEqual(["lines.3.procedureCode", "lines.4.procedureCode"]);
    expect(fs[1]!.message).toContain("96372 is billed on line 2 and line 5 for the same date, 2026-02-20");
  });

  it("flags the same code with the same (non-distinguishing) modifiers", () => {
    const claim = claimWith((c) => {
      c.lines[1]!.modifiers = ["GT"];
      c.lines.push({ ...c.lines[1]!, lineNumber: 4, lineId: "LX", modifiers: ["GT"] });
      c.totalChargeCents = c.submittedTotalCents = 29000;
    });
    expect(findingsOf("line.same-code-same-day", claim)).toMatchObject([
      { path: "lines.3.procedureCode", severity: "warning" },
    ]);
  });

  it.each(["59", "XU", "76", "91", "LT", "25"])("accepts a repeat carrying modifier %s", (m) => {
    expect(findingsOf("line.same-code-same-day", withLines({ modifiers: [m] }))).toEqual([]);
  });

  it("accepts a repeat with a different set of modifiers, or on another day", () => {
    expect(findingsOf("line.same-code-same-day", withLines({ modifiers: ["GT"] }))).toEqual([]);
    const otherDay = withLines({ serviceDate: "2026-02-21" });
    expect(findingsOf("line.same-code-same-day", otherDay)).toEqual([]);
  });
});

describe("ndc.shape / ndc.quantity", () => {
  it("warns (not errors) when a drug J-code has no NDC", () => {
    const [f] = findingsOf(
      "ndc.shape",
      claimWith((c) => delete c.lines[2]!.ndc),
    );
    expect(f).toMatchObject({ path: "lines.2.ndc", severity: "warning" });
    expect(f!.message).toContain("J3420");
  });

  it("does not ask for an NDC on a non-drug line", () => {
    expect(cleanClaim().lines[1]!.ndc).toBeUndefined();
    expect(findingsOf("ndc.shape", cleanClaim())).toEqual([]);
  });

  it("refuses an NDC that does not normalise, on any line", () => {
    const [f] = findingsOf(
      "ndc.shape",
      claimWith((c) => Object.assign(c.lines[1]!, { ndc: "ABC-123", ndcQuantity: 1 })),
    );
    expect(f).toMatchObject({ path: "lines.1.ndc", severity: "error" });
    expect(f!.message).toContain('"ABC-123"');
  });

  it("refuses an NDC with a zero quantity", () => {
    const [f] = findingsOf(
      "ndc.quantity",
      claimWith((c) => (c.lines[2]!.ndcQuantity = 0)),
    );
    expect(f).toMatchObject({ path: "lines.2.ndcQuantity", severity: "error" });
    expect(f!.message).toContain("a drug quantity of 0");
  });
});
