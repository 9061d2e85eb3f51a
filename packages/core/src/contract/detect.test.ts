import { describe, expect, it } from "vitest";
import { allowedOf, lineOutcome, shortfallOf, timesUnits } from "./detect.ts";
import { percentOfRate } from "./schedule-csv.ts";

// Made-up amounts, for the arithmetic only.
const svc = (over: Record<string, unknown> = {}) =>
  ({
    line: 1,
    segmentIndex: 1,
    procedure: { qualifier: "HC", code: "99214", modifiers: [] },
    chargeCents: 18500,
    paidCents: 10000,
    adjustments: [{ group: "CO", reason: "45", amountCents: 8500 }],
    references: [],
    amounts: [],
    remarkCodes: [],
    dates: [],
    ...over,
  }) as never;
const ours = { lineId: "L1", lineNumber: 1, procedureCode: "99214", modifiers: [], units: 1, chargeCents: 18500 };

describe("underpayment rules", () => {
  it("allowed is AMT*B6, else the charge less CO contractual adjustments (not denials, not the patient's share)", () => {
    expect(allowedOf(svc({ allowedCents: 11000 }))).toBe(11000);
    // 185.00 - CO-45 85.00 = 100.00
    expect(allowedOf(svc())).toBe(10000);
    // 185.00 - CO-45 60.00 = 125.00 (PR-2 25.00 is part of what was allowed)
    expect(
      allowedOf(
        svc({
          adjustments: [
            { group: "CO", reason: "45", amountCents: 6000 },
            { group: "PR", reason: "2", amountCents: 2500 },
          ],
        }),
      ),
    ).toBe(12500);
  });

  it("expected is contract x units, capped at the charge; short by more than the tolerance is an underpayment", () => {
    // 120.00 contract, allowed 100.00: 20.00 short.
    const o = lineOutcome({ status: "1" }, svc(), ours, 12000);
    expect([o.expectedCents, o.allowedCents, shortfallOf(o, 100)]).toEqual([12000, 10000, 2000]);
    // 100.50 contract, allowed 100.00: 0.50 short, within $1.00; exactly $1.00 short is not more than it.
    expect(shortfallOf(lineOutcome({ status: "1" }, svc(), ours, 10050), 100)).toBeUndefined();
    expect(shortfallOf(lineOutcome({ status: "1" }, svc(), ours, 10100), 100)).toBeUndefined();
    // 200.00 contract above a 185.00 charge: expected 185.00 (the charge caps what a payer pays).
    expect(lineOutcome({ status: "1" }, svc(), ours, 20000).expectedCents).toBe(18500);
    // 2.5 units of 10.01 = 25.025 -> 25.03 (half-up).
    expect(timesUnits(1001, 2.5)).toBe(2503);
  });

  it("a denied line is never an underpayment", () => {
    const denied = svc({ paidCents: 0, adjustments: [{ group: "CO", reason: "97", amountCents: 18500 }] });
    const o = lineOutcome({ status: "1" }, denied, ours, 12000);
    expect(o.denied).toBe(true);
    expect(shortfallOf(o, 0)).toBeUndefined();
    expect(lineOutcome({ status: "4" }, svc(), ours, 12000).denied).toBe(true);
  });

  it("derives allowed = rate x percent, half-up to the cent", () => {
    // 100.05 x 125% = 125.0625 -> 125.06; 80.01 x 115% = 92.0115 -> 92.01; 0.10 x 105% = 0.105 -> 0.11
    expect([percentOfRate(10005, 12500), percentOfRate(8001, 11500), percentOfRate(10, 10500)]).toEqual([
      12506, 9201, 11,
    ]);
  });
});
