import { describe, expect, it } from "vitest";
import { adjudicate, frontEndRejection, type SandboxClaim } from "./payer-model.ts";

const claim = (over: Partial<SandboxClaim> = {}): SandboxClaim => ({
  claimId: "CLTEST0000000001",
  payerId: "BPH01",
  memberId: "XJH123456789",
  claimFilingIndicator: "CI",
  totalChargeCents: 24500,
  lines: [
    {
      lineId: "L1",
      procedureCode: "99214",
      modifiers: ["25"],
      units: 1,
      chargeCents: 18500,
      serviceDate: "2026-11-01",
    },
    { lineId: "L2", procedureCode: "93000", modifiers: [], units: 1, chargeCents: 6000, serviceDate: "2026-11-01" },
  ],
  ...over,
});

/** A claim the model pays (not in the 1-in-13 denial set): the visit's date is moved until it is. */
function paidClaim(over: Partial<SandboxClaim> = {}) {
  for (let i = 1; i < 29; i++) {
    const base = claim(over);
    const day = `2026-10-${String(i).padStart(2, "0")}`;
    const c = { ...base, lines: base.lines.map((l) => ({ ...l, serviceDate: day })) };
    if (adjudicate(c).status === "1") return c;
  }
  throw new Error("no paid claim id found");
}

describe("sandbox payer model", () => {
  it("balances every line: charge = paid + adjustments", () => {
    for (let i = 0; i < 60; i++) {
      const a = adjudicate(claim({ claimId: `CL${i}`, memberId: `M${i}X1234` }));
      for (const l of a.lines) {
        expect(l.paidCents + l.adjustments.reduce((s, x) => s + x.amountCents, 0)).toBe(l.line.chargeCents);
      }
      expect(a.paidCents + a.lines.flatMap((l) => l.adjustments).reduce((s, x) => s + x.amountCents, 0)).toBe(
        a.chargeCents,
      );
    }
  });

  it("takes a deductible first for a member who has one left", () => {
    let a = adjudicate(paidClaim());
    for (let m = 0; !a.lines[0]!.adjustments.some((x) => x.reason === "1"); m++)
      a = adjudicate(paidClaim({ memberId: `XJH99999${m}0` }));
    expect(a.lines[0]!.adjustments).toContainEqual({ group: "PR", reason: "1", amountCents: 13000 });
    expect(a.lines[0]!.paidCents).toBe(0);
  });

  it("writes off above the fee table, takes a copay on the visit and 20% coinsurance", () => {
    // A member with no deductible left, on a claim that is paid.
    let visit = adjudicate(paidClaim()).lines[0]!;
    for (let m = 0; visit.adjustments.some((x) => x.reason === "1"); m++)
      visit = adjudicate(paidClaim({ memberId: `XJH12345${m}0` })).lines[0]!;
    expect(visit.allowedCents).toBe(13000);
    expect(visit.adjustments).toContainEqual({ group: "CO", reason: "45", amountCents: 5500 });
    const pr = Object.fromEntries(
      visit.adjustments.filter((x) => x.group === "PR").map((x) => [x.reason, x.amountCents]),
    );
    expect(pr["3"]).toBe(2500);
    expect(pr["2"]).toBe(2100); // 20% of 13000 - 2500
    expect(visit.paidCents).toBe(8400);
  });

  it("denies about one claim in thirteen with CO-16 and pays nothing", () => {
    const results = Array.from({ length: 260 }, (_, i) =>
      adjudicate(claim({ claimId: `CLD${i}`, memberId: `XJH${100000 + i}` })),
    );
    const denied = results.filter((r) => r.status === "4");
    expect(denied.length).toBeGreaterThan(8);
    expect(denied.length).toBeLessThan(40);
    expect(denied[0]!.paidCents).toBe(0);
    expect(denied[0]!.lines[0]!.adjustments[0]).toMatchObject({ group: "CO", reason: "16" });
  });

  it("bundles a same-day lab draw into the visit (CO-97)", () => {
    const c = paidClaim({
      lines: [
        ...claim().lines.slice(0, 1),
        { lineId: "L3", procedureCode: "36415", modifiers: [], units: 1, chargeCents: 1500, serviceDate: "2026-11-01" },
      ],
      totalChargeCents: 20000,
    });
    const lab = adjudicate(c).lines[1]!;
    expect(lab.paidCents).toBe(0);
    expect(lab.adjustments).toEqual([{ group: "CO", reason: "97", amountCents: 1500 }]);
  });

  it("answers the same visit the same way every time, whatever the claim id", () => {
    expect(adjudicate(claim())).toEqual(adjudicate(claim()));
    const a = adjudicate(claim({ claimId: "CLONE" }));
    const b = adjudicate(claim({ claimId: "CLTWO" }));
    expect({ ...a, claimId: "", payerClaimControlNumber: "" }).toEqual({
      ...b,
      claimId: "",
      payerClaimControlNumber: "",
    });
  });

  it("rejects at the front end an unknown payer and a malformed member id", () => {
    expect(frontEndRejection(claim())).toBeNull();
    expect(frontEndRejection(claim({ payerId: "NOPAYER1" }))).toMatchObject({ category: "A3", status: "116" });
    expect(frontEndRejection(claim({ memberId: "ABC" }))).toMatchObject({ category: "A7", status: "164" });
    expect(frontEndRejection(claim({ memberId: "NODIGITSHERE" }))).toMatchObject({ status: "164" });
  });

  it("adjudicates a claim carrying the prior payer's lines as a secondary: 80% of the share left, OA-23 for the rest", () => {
    const c = claim({
      lines: [
        {
          lineId: "L1",
          procedureCode: "99214",
          modifiers: [],
          units: 1,
          chargeCents: 18500,
          serviceDate: "2026-11-01",
          prior: { paidCents: 8000, patientShareCents: 4000 },
        },
        {
          lineId: "L2",
          procedureCode: "93000",
          modifiers: [],
          units: 1,
          chargeCents: 6000,
          serviceDate: "2026-11-01",
          prior: { paidCents: 1000, patientShareCents: 1500 },
        },
      ],
    });
    const r = adjudicate(c);
    // L1: share 40.00 -> pays 32.00, PR-2 8.00, OA-23 185 - 40 = 145.00; L2: share 15.00 -> pays 12.00, PR-2 3.00, OA-23 45.00.
    expect(r).toMatchObject({ status: "2", paidCents: 4400, patientResponsibilityCents: 1100 });
    expect(
      r.lines.map((l) => [l.paidCents, l.adjustments.map((a) => `${a.group}-${a.reason} ${a.amountCents}`)]),
    ).toEqual([
      [3200, ["OA-23 14500", "PR-2 800"]],
      [1200, ["OA-23 4500", "PR-2 300"]],
    ]);
  });
});
