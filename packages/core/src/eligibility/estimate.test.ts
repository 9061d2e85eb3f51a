import { describe, expect, it } from "vitest";
import { officeVisitEstimate } from "./estimate.ts";
import type { BenefitView } from "./eligibility.schema.ts";

const eb = (code: string, st: string, extra: Partial<BenefitView> = {}): BenefitView => ({
  code,
  description: code,
  coverageLevel: "IND",
  serviceTypes: [{ code: st, description: st }],
  messages: [],
  network: "in",
  ...extra,
});
const remaining = { code: "29", description: "Remaining" };

describe("what a patient will likely owe for an office visit", () => {
  it("is the office-visit copay when the plan has one, in network", () => {
    const e = officeVisitEstimate(
      [
        eb("B", "98", { amountCents: 5000, network: "out" }),
        eb("B", "98", { amountCents: 2500 }),
        eb("A", "98", { percent: 0.2 }),
      ],
      12000,
    );
    // The in-network copay ($25.00), not the out-of-network one ($50.00).
    expect(e.likelyOwesCents).toBe(2500);
    expect(e.copayCents).toBe(2500);
    expect(e.coinsurancePercent).toBe(20);
    expect(e.basis).toContain("$25.00");
  });

  it("without a copay: the deductible still to meet, then coinsurance on the rest", () => {
    const e = officeVisitEstimate(
      [
        eb("C", "30", { amountCents: 150000, timePeriod: { code: "23", description: "Calendar Year" } }),
        eb("C", "30", { amountCents: 5000, timePeriod: remaining }),
        eb("A", "30", { percent: 0.2 }),
        eb("G", "30", { amountCents: 100000, timePeriod: remaining }),
      ],
      12000,
    );
    // Visit $120.00: $50.00 to the deductible (all that remains), 20% of the other $70.00 = $14.00; $64.00 in all.
    expect(e.likelyOwesCents).toBe(6400);
    expect(e.deductibleRemainingCents).toBe(5000);
    expect(e.outOfPocketRemainingCents).toBe(100000);
    expect(e.visitChargeCents).toBe(12000);
  });

  it("never more than the out-of-pocket maximum still remaining", () => {
    const e = officeVisitEstimate(
      [
        eb("C", "30", { amountCents: 150000, timePeriod: remaining }),
        eb("G", "30", { amountCents: 3000, timePeriod: remaining }),
      ],
      12000,
    );
    // The whole $120.00 would go to the deductible, but only $30.00 of out-of-pocket remains.
    expect(e.likelyOwesCents).toBe(3000);
    expect(e.basis).toContain("capped");
  });

  it("rounds coinsurance to the cent", () => {
    const e = officeVisitEstimate([eb("A", "98", { percent: 0.15 })], 9999);
    // No deductible left to meet: 15% of $99.99 = $14.9985, $15.00.
    expect(e.likelyOwesCents).toBe(1500);
  });

  it("gives no figure without a visit fee or without benefits to work from, and says why", () => {
    const noFee = officeVisitEstimate([eb("A", "98", { percent: 0.2 })]);
    expect(noFee.likelyOwesCents).toBeUndefined();
    expect(noFee.basis).toMatch(/fee schedule/);
    const nothing = officeVisitEstimate([eb("1", "30")], 12000);
    expect(nothing.likelyOwesCents).toBeUndefined();
    expect(nothing.basis).toMatch(/no copay, coinsurance or deductible/);
  });
});
