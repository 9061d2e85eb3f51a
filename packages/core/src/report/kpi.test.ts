import { describe, expect, it } from "vitest";
import { claimCohort, cohortTotals, netCollectionRate } from "./kpi.ts";

describe("net collection rate on one basis", () => {
  it("takes payments and contractuals of the month's services, whenever posted", () => {
    // Services of October: 260.00 charged; primary paid 100.00 with CO-45 105.00 (posted in October),
    // the secondary paid 40.00 (posted in November), OA-23 205.00 restates the primary: not contractual.
    const t = cohortTotals([
      { kind: "insurance_payment", amountCents: 10000 },
      { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 10500 },
      { kind: "coinsurance", group: "PR", reason: "2", amountCents: 5500 },
      { kind: "insurance_payment", amountCents: 4000 },
      { kind: "prior_payer_adjustment", group: "OA", reason: "23", amountCents: 20500 },
      { kind: "patient_payment", amountCents: 1500 },
      { kind: "refund", amountCents: -500 },
      { kind: "contractual_adjustment", group: "CO", reason: "16", amountCents: 1000 },
    ]);
    // Payments 100 + 40 + 15 - 5 = 150.00; contractual 105.00 (CO-16 is a denial, not the contract).
    expect(t).toEqual({ paymentsCents: 15000, contractualAdjustmentsCents: 10500 });
    // 150 / (260 - 105) = 96.77%
    expect(netCollectionRate(t.paymentsCents, 26000, t.contractualAdjustmentsCents)).toBe(96.77);
  });

  it("has no rate, rather than a negative one, when nothing collectible was charged", () => {
    expect(netCollectionRate(4000, 0, 0)).toBeNull();
    expect(netCollectionRate(4000, 10000, 10000)).toBeNull();
  });

  it("reads a claim's own payments and contractuals from its balances, leaving out a secondary's repeat of the primary", () => {
    // Secondary claim: paid 40.00, repeated the primary's CO-45 105.00 (restated), the patient paid 15.00.
    const b = {
      chargeCents: 26000,
      insurancePaidCents: 4000,
      adjustedCents: 10500,
      contractualCents: 10500,
      restatedContractualCents: 10500,
      patientResponsibilityCents: 1500,
      patientPaidCents: 1500,
      insuranceBalanceCents: 0,
    };
    expect(claimCohort(b)).toEqual({ paymentsCents: 5500, contractualAdjustmentsCents: 0 });
    expect(
      claimCohort({
        chargeCents: 100,
        insurancePaidCents: 0,
        adjustedCents: 0,
        patientResponsibilityCents: 0,
        insuranceBalanceCents: 100,
      }),
    ).toBeUndefined();
  });
});
