import { expect, it } from "vitest";
import fc from "fast-check";
import { usd } from "./money.ts";
import { addDays, daysBetween } from "./dates.ts";

it("prints cents exactly, with thousands separators and the sign first", () => {
  expect([usd(0), usd(5), usd(123450), usd(-617350), usd(100000000)]).toEqual([
    "$0.00",
    "$0.05",
    "$1,234.50",
    "-$6,173.50",
    "$1,000,000.00",
  ]);
  // Never through floating point: 1.005 dollars is 100 cents + 0.5 of nothing; cents are integers.
  fc.assert(
    fc.property(
      fc.integer({ min: -1e12, max: 1e12 }),
      (c) =>
        usd(c).replace(/[$,]/g, "") ===
        (c < 0 ? "-" : "") + `${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`,
    ),
  );
});

it("counts calendar days across months, leap days and the year's end", () => {
  expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
  expect(daysBetween("2026-03-08T10:00:00Z", "2026-03-09")).toBe(1);
  expect(addDays("2026-12-01", 30)).toBe("2026-12-31");
  expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
});
