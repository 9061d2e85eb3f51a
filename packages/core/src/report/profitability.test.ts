import { expect, it } from "vitest";
import { profitabilityOf } from "./profitability.ts";

const work = {
  claimsSent: 40,
  resubmissions: 3,
  denialsWorked: 4,
  appeals: 1,
  statements: 12,
  tasksDone: 5,
  paymentsPosted: 35,
};

it("touches are the sum of the work; fees per claim and per touch round half-up; below the cost per touch it does not pay", () => {
  // Touches: 40 + 3 + 4 + 1 + 12 + 5 + 35 = 100. 250.50 / 40 = 6.2625 -> 626 cents a claim;
  // 250.50 / 100 = 2.505 -> 251 cents a touch (half-up), at least 250: pays; margin 25050 - 25000 = 50.
  expect(profitabilityOf(25_050, work, 250)).toMatchObject({
    touches: 100,
    feePerClaimCents: 626,
    feePerTouchCents: 251,
    costCents: 25_000,
    marginCents: 50,
    paysForWork: true,
  });
  // 249.00 over 100 touches = 249 cents, one under the cost: does not pay.
  expect(profitabilityOf(24_900, work, 250)).toMatchObject({ feePerTouchCents: 249, paysForWork: false });
  // No work: nothing to divide, no verdict.
  const none = {
    claimsSent: 0,
    resubmissions: 0,
    denialsWorked: 0,
    appeals: 0,
    statements: 0,
    tasksDone: 0,
    paymentsPosted: 0,
  };
  expect(profitabilityOf(60_000, none, 250)).toMatchObject({
    touches: 0,
    feePerClaimCents: null,
    feePerTouchCents: null,
    paysForWork: null,
  });
});
