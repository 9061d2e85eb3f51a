import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { feeContractOf, invoiceLines, percentageFee, type FeeContract, type MonthCollections } from "./fee.ts";

const none = {
  insurancePaymentsCents: 0,
  patientPaymentsCents: 0,
  refundsCents: 0,
  recoupmentsCents: 0,
  interestCents: 0,
};
const month = (over: Partial<MonthCollections> = {}): MonthCollections => ({
  ...none,
  prior: none,
  claimsSubmitted: 0,
  statementsSent: 0,
  setupDue: false,
  ...over,
});
const defaults: FeeContract["counts"] = { insurance: true, patient: true, interest: false };

describe("invoice fee math", () => {
  it("charges a flat percentage of counted collections, rounded half-up once", () => {
    // 6.5% of $12,345.67 = $802.46855 -> $802.47
    const r = invoiceLines(month({ insurancePaymentsCents: 1_000_000, patientPaymentsCents: 234_567 }), {
      percentBps: 650,
      counts: defaults,
    });
    expect(r).toEqual({
      collectedCents: 1_234_567,
      priorPeriodCents: 0,
      totalCents: 80_247,
      lines: [{ kind: "percentage", description: "Percentage of collections", amountCents: 80_247 }],
    });
    expect(percentageFee(10, { percentBps: 500 })).toBe(1); // 0.5 cent rounds up
    expect(percentageFee(9, { percentBps: 500 })).toBe(0); // 0.45 cent rounds down
  });

  it("nets refunds and recoupments, and leaves interest out by default", () => {
    const c = month({
      insurancePaymentsCents: 500_000,
      recoupmentsCents: -20_000,
      patientPaymentsCents: 30_000,
      refundsCents: -5_000,
      interestCents: 1_250,
    });
    expect(invoiceLines(c, { percentBps: 1000, counts: defaults }).collectedCents).toBe(505_000);
    expect(invoiceLines(c, { percentBps: 1000, counts: { ...defaults, interest: true } }).collectedCents).toBe(506_250);
    expect(
      invoiceLines(c, { percentBps: 1000, counts: { insurance: true, patient: false, interest: false } })
        .collectedCents,
    ).toBe(480_000);
  });

  it("charges tiers slice by slice: 7% up to $50,000, 6% above", () => {
    const contract: FeeContract = {
      percentBps: 0,
      tiers: [{ upToCents: 5_000_000, percentBps: 700 }, { percentBps: 600 }],
      counts: defaults,
    };
    // $80,000: 7% of 50,000 = 3,500 + 6% of 30,000 = 1,800 -> $5,300.00
    expect(invoiceLines(month({ insurancePaymentsCents: 8_000_000 }), contract).totalCents).toBe(530_000);
    expect(invoiceLines(month({ insurancePaymentsCents: 4_000_000 }), contract).totalCents).toBe(280_000);
  });

  it("tops up to the monthly minimum and adds flat fees", () => {
    const contract: FeeContract = {
      percentBps: 500,
      monthlyMinimumCents: 60_000,
      perClaimSubmittedCents: 350,
      perStatementCents: 125,
      oneOffSetupCents: 25_000,
      counts: defaults,
    };
    const r = invoiceLines(
      month({ insurancePaymentsCents: 800_000, claimsSubmitted: 40, statementsSent: 12, setupDue: true }),
      contract,
    );
    expect(r.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["percentage", 40_000],
      ["minimum", 20_000],
      ["per_claim", 14_000],
      ["per_statement", 1_500],
      ["setup", 25_000],
    ]);
    expect(r.totalCents).toBe(100_500);
  });

  it("bills late collections as a prior-period line, continuing the tier and measuring the minimum on the whole", () => {
    const contract: FeeContract = {
      percentBps: 0,
      tiers: [{ upToCents: 5_000_000, percentBps: 700 }, { percentBps: 600 }],
      monthlyMinimumCents: 300_000,
      counts: defaults,
    };
    // $45,000 now + $10,000 late: 7% of 50,000 + 6% of 5,000 = 3,800.00; the month alone 3,150.00
    const r = invoiceLines(
      month({
        insurancePaymentsCents: 4_500_000,
        prior: { ...none, insurancePaymentsCents: 1_200_000, refundsCents: -200_000 },
      }),
      contract,
    );
    expect(r.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["percentage", 315_000],
      ["prior_period", 65_000],
    ]);
    expect(r).toMatchObject({ collectedCents: 4_500_000, priorPeriodCents: 1_000_000, totalCents: 380_000 });
    // A late refund lowers the fee, and the minimum tops up the whole percentage, not the month alone
    const refund = invoiceLines(
      month({ insurancePaymentsCents: 4_000_000, prior: { ...none, refundsCents: -50_000 } }),
      contract,
    );
    expect(refund.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["percentage", 280_000],
      ["prior_period", -3_500],
      ["minimum", 23_500],
    ]);
    expect(refund.totalCents).toBe(300_000);
  });

  it("reads a practice's contract term with the default counting rules", () => {
    const c = feeContractOf({ percentBps: 650, monthlyMinimumCents: 75_000 });
    expect(c.counts).toEqual({ insurance: true, patient: true, interest: false });
    expect(
      invoiceLines(month({ patientPaymentsCents: 100_000, interestCents: 5_000 }), c).lines.map((l) => l.amountCents),
    ).toEqual([6_500, 68_500]);
  });

  it("never loses a cent: tiers equal one flat rate when both rates match", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (amount, bps, split) => {
          const tiered = percentageFee(amount, {
            percentBps: 0,
            tiers: [{ upToCents: split, percentBps: bps }, { percentBps: bps }],
          });
          expect(tiered).toBe(percentageFee(amount, { percentBps: bps }));
        },
      ),
    );
  });

  it("charges a flat monthly fee alone or beside the percentage", () => {
    // Retainer alone: $400.00 a month, whatever was collected; no percentage line.
    const alone = invoiceLines(month({ insurancePaymentsCents: 500_000 }), feeContractOf({ monthlyFeeCents: 40_000 }));
    expect(alone.lines).toEqual([{ kind: "monthly_fee", description: "Monthly service fee", amountCents: 40_000 }]);
    expect(alone.totalCents).toBe(40_000);
    // Beside 4%: 4% of $5,000.00 = $200.00, plus $150.00 = $350.00; a $250 minimum is measured against the percentage alone: $200 < $250, a $50 top-up.
    const beside = invoiceLines(
      month({ insurancePaymentsCents: 500_000 }),
      feeContractOf({ percentBps: 400, monthlyFeeCents: 15_000, monthlyMinimumCents: 25_000 }),
    );
    expect(beside.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["percentage", 20_000],
      ["minimum", 5_000],
      ["monthly_fee", 15_000],
    ]);
    expect(beside.totalCents).toBe(40_000); // 200 + 50 + 150
  });
});
