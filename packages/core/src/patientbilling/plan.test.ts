import { describe, expect, it } from "vitest";
import { instalmentProblems, monthlyInstalments, newlyMissed, planProgress } from "./plan.ts";

describe("payment plans", () => {
  it("splits an agreed balance into monthly instalments, the last taking the remainder", () => {
    // 250.00 in 3: 83.33 + 83.33 + 83.34 = 250.00.
    expect(monthlyInstalments(25_000, 3, "2026-01-31")).toEqual([
      { dueDate: "2026-01-31", amountCents: 8_333 },
      { dueDate: "2026-02-28", amountCents: 8_333 }, // February has no 31st
      { dueDate: "2026-03-31", amountCents: 8_334 },
    ]);
  });

  it("applies payments to the instalments in order, and misses the one whose date passed unpaid", () => {
    const plan = monthlyInstalments(30_000, 3, "2026-09-15"); // 100.00 on 09-15, 10-15, 11-15
    // 150.00 paid: the first instalment in full, 50.00 of the second.
    const oct20 = planProgress(plan, 15_000, "2026-10-20");
    expect(oct20.instalments.map((i) => [i.dueDate, i.paidCents, i.status])).toEqual([
      ["2026-09-15", 10_000, "paid"],
      ["2026-10-15", 5_000, "missed"], // due 10-15, only 50.00 of 100.00 by 10-20
      ["2026-11-15", 0, "due"],
    ]);
    expect(oct20).toMatchObject({
      paidCents: 15_000,
      remainingCents: 15_000,
      inGoodStanding: false,
      missed: ["2026-10-15"],
    });
    // On its due date an instalment is not missed yet.
    expect(planProgress(plan, 15_000, "2026-10-15").inGoodStanding).toBe(true);
    // Catching up (200.00 paid) puts the plan back in good standing; 300.00 completes it.
    expect(planProgress(plan, 20_000, "2026-10-20")).toMatchObject({ inGoodStanding: true, remainingCents: 10_000 });
    expect(planProgress(plan, 30_000, "2026-12-01")).toMatchObject({ completed: true, remainingCents: 0 });
    expect(newlyMissed(oct20, [])).toEqual(["2026-10-15"]);
    expect(newlyMissed(oct20, ["2026-10-15"])).toEqual([]);
  });

  it("refuses instalments that do not add up or go back in time", () => {
    expect(
      instalmentProblems(
        [
          { dueDate: "2026-10-01", amountCents: 5_000 },
          { dueDate: "2026-09-01", amountCents: 4_000 },
        ],
        10_000,
        "2026-09-15",
      ),
    ).toEqual([
      { path: "instalments", message: "the instalments add up to 9000 cents, not 10000" },
      { path: "instalments.1.dueDate", message: "must not be before the plan was agreed" },
      { path: "instalments.1.dueDate", message: "must be after the instalment before it" },
    ]);
  });
});
