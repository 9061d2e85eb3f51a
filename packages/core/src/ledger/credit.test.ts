import { describe, expect, it } from "vitest";
import { applyEntries, zeroBalances } from "./balances.ts";
import { categoryOf } from "./collections.ts";
import { creditToApply, splitPatientPayment, splitRefund } from "./credit.ts";

describe("a patient's held credit", () => {
  it("holds a desk copay taken before adjudication, applies it to the share, and leaves the rest as overpayment", () => {
    // A 260.00 visit; the patient pays a 40.00 copay at the desk before the payer answered: nothing is owed yet.
    const before = zeroBalances(26_000);
    expect(splitPatientPayment(before, 4_000)).toEqual({ paidCents: 0, creditCents: 4_000 });
    const held = applyEntries(before, [{ kind: "patient_deposit", amountCents: 4_000 }]);
    expect(held).toMatchObject({ patientCreditCents: 4_000, patientPaidCents: 0, patientBalanceCents: 0 });
    // The payer pays 180.00, CO-45 55.00, copay 25.00 (180 + 55 + 25 = 260): the patient owes 25.00.
    const adjudicated = applyEntries(held, [
      { kind: "insurance_payment", amountCents: 18_000 },
      { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 5_500 },
      { kind: "copay", group: "PR", reason: "3", amountCents: 2_500 },
    ]);
    expect(adjudicated.patientBalanceCents).toBe(2_500);
    // 25.00 of the 40.00 held pays it; 40 - 25 = 15.00 stays as credit: the overpayment.
    expect(creditToApply(adjudicated)).toBe(2_500);
    const applied = applyEntries(adjudicated, [{ kind: "credit_applied", amountCents: 2_500 }]);
    expect(applied).toMatchObject({ patientPaidCents: 2_500, patientBalanceCents: 0, patientCreditCents: 1_500 });
    expect(creditToApply(applied)).toBe(0);
    // The 15.00 is refunded out of credit first, none of the 25.00 paid on the share.
    expect(splitRefund(applied, 1_500)).toEqual({ fromCreditCents: 1_500, fromPaidCents: 0 });
    expect(splitRefund(applied, 4_001)).toBeUndefined(); // more than 15.00 held + 25.00 paid
    const refunded = applyEntries(applied, [{ kind: "credit_refund", amountCents: -1_500 }]);
    expect(refunded).toMatchObject({ patientCreditCents: 0, patientPaidCents: 2_500, patientBalanceCents: 0 });
  });

  it("pays what is owed and holds the rest; a reversal returns what was applied to credit", () => {
    // Owes 25.00, pays 30.00: 25.00 pays the share, 5.00 is held.
    const owes = applyEntries(zeroBalances(10_000), [
      { kind: "insurance_payment", amountCents: 7_500 },
      { kind: "copay", group: "PR", reason: "3", amountCents: 2_500 },
    ]);
    expect(splitPatientPayment(owes, 3_000)).toEqual({ paidCents: 2_500, creditCents: 500 });
    const paid = applyEntries(owes, [
      { kind: "patient_payment", amountCents: 2_500 },
      { kind: "patient_deposit", amountCents: 500 },
    ]);
    // The payer reverses the claim: the 25.00 share is taken back, so the 25.00 paid returns to credit.
    const reversed = applyEntries(paid, [
      { kind: "insurance_payment", amountCents: -7_500 },
      { kind: "copay", group: "PR", reason: "3", amountCents: -2_500 },
    ]);
    expect(reversed.patientBalanceCents).toBe(-2_500);
    expect(creditToApply(reversed)).toBe(-2_500);
    const back = applyEntries(reversed, [{ kind: "credit_applied", amountCents: -2_500 }]);
    expect(back).toMatchObject({ patientPaidCents: 0, patientBalanceCents: 0, patientCreditCents: 3_000 });
  });

  it("counts held money when it is received, not when it is applied; an agency's fee nets against the recovery", () => {
    expect(categoryOf({ kind: "patient_deposit", amountCents: 4_000 })).toBe("patientPaymentsCents");
    expect(categoryOf({ kind: "credit_applied", amountCents: 2_500 })).toBeUndefined();
    expect(categoryOf({ kind: "credit_transfer", amountCents: 2_500 })).toBeUndefined();
    expect(categoryOf({ kind: "credit_refund", amountCents: -1_500 })).toBe("refundsCents");
    expect(categoryOf({ kind: "collection_recovery", amountCents: 10_000 })).toBe("patientPaymentsCents");
    expect(categoryOf({ kind: "collection_agency_fee", amountCents: -3_500 })).toBe("patientPaymentsCents");
    // The recovery reduces what the patient owes by the gross; the fee moves no balance.
    const owed = applyEntries(zeroBalances(20_000), [{ kind: "coinsurance", amountCents: 12_000 }]);
    const recovered = applyEntries(owed, [
      { kind: "collection_recovery", amountCents: 10_000 },
      { kind: "collection_agency_fee", amountCents: -3_500 },
    ]);
    expect(recovered).toMatchObject({ patientPaidCents: 10_000, patientBalanceCents: 2_000 });
  });
});
