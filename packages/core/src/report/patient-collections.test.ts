import { expect, it } from "vitest";
import { patientCollectionsMonth } from "./patient-collections.ts";

it("counts a month's patient collections: payments and held credit when taken, placements, agency recoveries gross and net", () => {
  const entries = [
    { kind: "patient_payment", amountCents: 2_500 },
    { kind: "patient_deposit", amountCents: 4_000 }, // a desk copay held as credit: collected when taken
    { kind: "credit_applied", amountCents: 2_500 }, // moves no money
    { kind: "credit_refund", amountCents: -1_500 },
    { kind: "collection_recovery", amountCents: 6_000 },
    { kind: "collection_agency_fee", amountCents: -2_100 },
    { kind: "insurance_payment", amountCents: 10_000 },
  ];
  const placements = [
    { placedOn: "2026-10-01", placedCents: 10_000 },
    { placedOn: "2026-09-30", placedCents: 7_000 }, // September's
  ];
  // Payments 25.00 + 40.00 = 65.00; refunds -15.00; recovered 60.00 less the 21.00 fee = 39.00 kept.
  expect(patientCollectionsMonth("2026-10", entries, placements, 3)).toEqual({
    month: "2026-10",
    statementsSent: 3,
    patientPaymentsCents: 6_500,
    refundsCents: -1_500,
    placedAccounts: 1,
    placedCents: 10_000,
    recoveredCents: 6_000,
    agencyFeesCents: 2_100,
    netRecoveredCents: 3_900,
  });
});
