import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysBetween, federalHolidays, isBusinessDay } from "./business-days.ts";
import { describeQuiet, quietReason } from "./quiet.ts";
import { payerStatusOf } from "./payer-status.ts";
import { byRisk, riskOf } from "./risk.ts";

describe("business days: weekdays that are not federal holidays as observed", () => {
  it("skip Saturday and Sunday", () => {
    // Fri 2026-12-04, Sat 12-05, Sun 12-06, Mon 12-07, Tue 12-08.
    expect(isBusinessDay("2026-12-04")).toBe(true);
    expect(isBusinessDay("2026-12-05")).toBe(false);
    expect(isBusinessDay("2026-12-06")).toBe(false);
    expect(addBusinessDays("2026-12-04", 1)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-04", 2)).toBe("2026-12-08");
    expect(addBusinessDays("2026-12-01", 2)).toBe("2026-12-03");
    // From a Saturday, the first business day is the Monday.
    expect(addBusinessDays("2026-12-05", 1)).toBe("2026-12-07");
    expect(addBusinessDays("2026-12-01", 0)).toBe("2026-12-01");
    expect(businessDaysBetween("2026-12-04", "2026-12-08")).toBe(2);
    expect(businessDaysBetween("2026-12-04", "2026-12-06")).toBe(0);
    expect(businessDaysBetween("2026-12-08", "2026-12-04")).toBe(0);
  });

  it("skip the federal holidays, moved off weekends as observed", () => {
    // 2026, from the statute's rules on the 2026 calendar: Jan 1 is a Thursday; the third Monday of
    // January is the 19th and of February the 16th; the last Monday of May the 25th; June 19 a
    // Friday; July 4 a Saturday, so observed Friday July 3; the first Monday of September the 7th;
    // the second Monday of October the 12th; Nov 11 a Wednesday; the fourth Thursday of November
    // the 26th; Dec 25 a Friday.
    expect([...federalHolidays(2026)].sort()).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
    // 2022: Jan 1 2022 was a Saturday, observed Friday Dec 31 2021; Christmas 2022 a Sunday, observed Monday Dec 26.
    expect(isBusinessDay("2021-12-31")).toBe(false);
    expect(isBusinessDay("2022-12-26")).toBe(false);
    expect(isBusinessDay("2022-12-23")).toBe(true);
    // Juneteenth is a holiday from 2021 (a Saturday then, observed Friday June 18), not in 2020.
    expect(isBusinessDay("2021-06-18")).toBe(false);
    expect(isBusinessDay("2020-06-19")).toBe(true);
    // Sent Wednesday before Thanksgiving 2026 (11-25): Thursday 11-26 is the holiday, so two
    // business days later is Monday 11-30 (Friday 11-27 is one).
    expect(addBusinessDays("2026-11-25", 2)).toBe("2026-11-30");
    expect(businessDaysBetween("2026-11-25", "2026-11-30")).toBe(2);
  });
});

describe("a claim gone quiet", () => {
  const payer = 30;
  it("is still submitted two business days after sending: no acknowledgement", () => {
    // Sent Friday 12-04: two business days later is Tuesday 12-08, not Sunday or Monday.
    const sent = { status: "submitted", sentOn: "2026-12-04" };
    expect(quietReason(sent, "2026-12-06", payer)).toBeUndefined();
    expect(quietReason(sent, "2026-12-07", payer)).toBeUndefined();
    expect(quietReason(sent, "2026-12-08", payer)).toBe("no_acknowledgement");
    expect(describeQuiet("no_acknowledgement", sent, "2026-12-08", payer)).toBe(
      "No 999 or 277CA 4 days after sending (expected within 2 business days)",
    );
  });

  it("has no 835 once the payer's expected days have passed since sending", () => {
    const accepted = { status: "accepted", sentOn: "2026-11-01" };
    // 2026-11-01 + 30 days = 12-01.
    expect(quietReason(accepted, "2026-11-30", payer)).toBeUndefined();
    expect(quietReason(accepted, "2026-12-01", payer)).toBe("no_payment");
    expect(quietReason(accepted, "2026-12-01", 45)).toBeUndefined();
    expect(describeQuiet("no_payment", { ...accepted, payerName: "Blue Prairie Health" }, "2026-12-03", payer)).toBe(
      "Accepted, but no 835 32 days after sending (Blue Prairie Health pays in 30)",
    );
  });

  it("is pended or returned by a 277, whatever the days", () => {
    const pended = { status: "accepted", sentOn: "2026-12-01", payerStatus: { state: "pended" as const } };
    expect(quietReason(pended, "2026-12-02", payer)).toBe("pended");
    const returned = { ...pended, payerStatus: { state: "returned" as const, description: "medical records" } };
    expect(quietReason(returned, "2026-12-02", payer)).toBe("returned");
    expect(describeQuiet("returned", returned, "2026-12-02", payer)).toBe(
      "Returned by the payer for more information (277): medical records",
    );
  });

  it("is never an answered claim, nor one not sent", () => {
    for (const status of ["paid", "denied", "rejected", "partially_paid", "ready", "closed"])
      expect(quietReason({ status, sentOn: "2026-01-01" }, "2026-12-01", payer), status).toBeUndefined();
    expect(quietReason({ status: "submitted" }, "2026-12-01", payer)).toBeUndefined();
  });

  it("reads the payer's last claim status answer (277): pended, returned for information, or neither", () => {
    const answered = { answeredAt: "2026-11-20T12:00:00.000Z", needsAction: false };
    expect(payerStatusOf({})).toBeUndefined();
    // Asked, not yet answered: nothing to say.
    expect(payerStatusOf({ payerStatus: { askedAt: "2026-11-19T12:00:00.000Z", needsAction: false } })).toBeUndefined();
    expect(
      payerStatusOf({
        payerStatus: {
          ...answered,
          category: "R4",
          statusClass: "request-for-information",
          needsAction: true,
          actionText: "Send the operative report",
        },
      }),
    ).toEqual({ state: "returned", description: "Send the operative report" });
    expect(
      payerStatusOf({
        payerStatus: { ...answered, category: "P1", statusClass: "pending", codeDescription: "Pending/In Process" },
      }),
    ).toEqual({ state: "pended", description: "Pending/In Process" });
    expect(payerStatusOf({ payerStatus: { ...answered, category: "F1", statusClass: "finalized" } })).toBeUndefined();
  });
});

describe("the follow-up queue's risk: money at stake per day left before the timely-filing limit", () => {
  it("puts a claim near its deadline above a larger one far from it", () => {
    // A: $150.00 open, 10 days left    -> 15,000 / 10  = 1,500 a day
    // B: $1,200.00 open, 200 days left -> 120,000 / 200 = 600 a day   (8x the money, still below A)
    // C: $1,200.00 open, 40 days left  -> 120,000 / 40  = 3,000 a day (money counts when deadlines are alike)
    // D: $80.00 open, 3 days past      -> counts as 1 day left: 8,000 / 1 = 8,000 a day
    const a = { claimId: "A", moneyCents: 15_000, daysLeft: 10 };
    const b = { claimId: "B", moneyCents: 120_000, daysLeft: 200 };
    const c = { claimId: "C", moneyCents: 120_000, daysLeft: 40 };
    const d = { claimId: "D", moneyCents: 8_000, daysLeft: -3 };
    expect([a, b, c, d].map((x) => riskOf(x.moneyCents, x.daysLeft))).toEqual([1_500, 600, 3_000, 8_000]);
    expect([b, a, d, c].sort(byRisk).map((x) => x.claimId)).toEqual(["D", "C", "A", "B"]);
  });

  it("breaks ties by fewer days left, then more money, then the claim id", () => {
    // 30,000 / 20 = 1,500 and 15,000 / 10 = 1,500: the nearer deadline first.
    const far = { claimId: "F", moneyCents: 30_000, daysLeft: 20 };
    const near = { claimId: "N", moneyCents: 15_000, daysLeft: 10 };
    expect([far, near].sort(byRisk).map((x) => x.claimId)).toEqual(["N", "F"]);
    const same = { claimId: "M", moneyCents: 15_000, daysLeft: 10 };
    expect([near, same].sort(byRisk).map((x) => x.claimId)).toEqual(["M", "N"]);
    expect(riskOf(-500, 10)).toBe(0);
  });
});
