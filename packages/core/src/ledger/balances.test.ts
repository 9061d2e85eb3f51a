import { expect, it } from "vitest";
import { applyEntries, zeroBalances } from "./balances.ts";

it("a denied amount moved on to another claim leaves the denied bucket and this claim's insurance balance", () => {
  // 260.00 charged; 99214 paid 80.00 with CO-45 65.00 and PR-2 40.00 (80 + 65 + 40 = 185); 93000 denied CO-109 75.00.
  const posted = applyEntries(zeroBalances(26_000), [
    { kind: "insurance_payment", amountCents: 8_000 },
    { kind: "contractual_adjustment", group: "CO", reason: "45", amountCents: 6_500 },
    { kind: "coinsurance", group: "PR", reason: "2", amountCents: 4_000 },
    { kind: "contractual_adjustment", group: "CO", reason: "109", amountCents: 7_500 },
  ]);
  // Insurance still owes 260 - 80 - 65 - 40 = 75.00, all of it denied.
  expect(posted).toMatchObject({ deniedCents: 7_500, insuranceBalanceCents: 7_500, patientBalanceCents: 4_000 });
  // The 75.00 rebilled to another payer: nothing denied or owed by insurance here; the patient still owes 40.00.
  const moved = applyEntries(posted, [{ kind: "denial_transfer", amountCents: 7_500 }]);
  expect(moved).toMatchObject({
    deniedCents: 0,
    movedCents: 7_500,
    adjustedCents: 6_500,
    insuranceBalanceCents: 0,
    patientBalanceCents: 4_000,
  });
});
