import { describe, expect, it } from "vitest";
import { adviseCode, divHalfUp, wholeDollarsUp, type CodeFacts } from "./fee-rules.ts";

// Made-up figures, for the arithmetic only: no real payer's or Medicare's amounts.
const facts = (over: Partial<CodeFacts>): CodeFacts => ({
  procedureCode: "99214",
  chargeCents: 10000,
  chargeSource: "fee_schedule",
  payers: [],
  lines: 10,
  deniedLines: 0,
  cappedLines: 0,
  leftOnTableCents: 0,
  ...over,
});
const payer = (payerName: string, allowedCents: number) => ({
  payerId: `pyr_${payerName}`,
  payerName,
  allowedCents,
  source: "contract" as const,
});

describe("fee advice", () => {
  it("rounds half-up and to whole dollars up", () => {
    expect(divHalfUp(5, 2)).toBe(3); // 2.5 -> 3
    expect(divHalfUp(7, 3)).toBe(2); // 2.33 -> 2
    expect(wholeDollarsUp(12345)).toBe(12400);
    expect(wholeDollarsUp(12300)).toBe(12300);
  });

  it("a charge below some payer's allowed: raise it to the highest allowed, rounded up to whole dollars", () => {
    // $100.00 charged; A allows $112.34, B $90.00 -> the highest is $112.34 -> $113.00.
    const a = adviseCode(facts({ payers: [payer("A", 11234), payer("B", 9000)] }), 0, "2026-06-30");
    expect(a.findings).toEqual(["charge_below_allowed"]);
    expect(a.suggestedFeeCents).toBe(11300);
    expect(a.rule).toContain("Raise the charge of $100.00 to $113.00: A allows $112.34");
  });

  it("a charge over 300% of the highest allowed: lower it to 300% of it", () => {
    // $400.00 charged; the highest allows $120.00 -> 333.3%; 300% of $120.00 = $360.00.
    const a = adviseCode(facts({ chargeCents: 40000, payers: [payer("A", 12000)] }), 0, "2026-06-30");
    expect(a.findings).toEqual(["charge_far_above_allowed"]);
    expect(a.chargePercentOfHighest).toBe(333.3);
    expect(a.suggestedFeeCents).toBe(36000);
  });

  it("a charge within 100% to 300% of the highest: keep it; a denial rate twice the practice's and 10 points above is flagged", () => {
    // 4 of 10 lines denied = 40%, practice 10%: 40 >= 20 and 40 >= 20 -> flagged; $150.00 against $120.00 is 125%.
    const a = adviseCode(facts({ chargeCents: 15000, payers: [payer("A", 12000)], deniedLines: 4 }), 10, "2026-06-30");
    expect(a.findings).toEqual(["denial_rate_high"]);
    expect(a.suggestedFeeCents).toBe(15000);
    expect(a.rule).toMatch(/^Keep the charge of \$150\.00/);
    // 2 of 10 = 20% against 15%: not twice -> not flagged.
    expect(adviseCode(facts({ payers: [payer("A", 9000)], deniedLines: 2 }), 15, "2026-06-30").findings).toEqual([]);
  });
});
