import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseDate, parseFlag, parseMoneyCents, parsePointers, parsePositiveNumber } from "./values.ts";

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) =>
  r.ok ? r.value : `error: ${r.message}`;

describe("parseMoneyCents", () => {
  it.each([
    ["125", 12500],
    ["125.00", 12500],
    ["125.5", 12550],
    ["125.05", 12505],
    ["0.07", 7],
    ["0.1", 10],
    [".5", 50],
    ["0", 0],
    ["007.10", 710],
    ["  42.50 ", 4250],
    ["19.99", 1999], // 19.99 * 100 is 1998.9999999999998 in floating point
    ["1.13", 113], // 1.13 * 100 is 112.99999999999999
    ["999999999999.99", 99999999999999],
  ])("%s -> %i cents", (input, cents) => {
    expect(value(parseMoneyCents(input))).toBe(cents);
  });

  it.each([
    ["1,250.00", /must not contain commas; write "1250.00"/],
    ["$125.00", /without a currency sign/],
    ["-5.00", /non-negative/],
    ["+5", /non-negative/],
    ["12.345", /at most 2 decimals/],
    ["12.", /decimal point/],
    [".", /dollars with up to 2 decimals/],
    ["12a", /dollars with up to 2 decimals/],
    ["1e3", /dollars with up to 2 decimals/],
    ["1 000", /dollars with up to 2 decimals/],
    ["12345678901234.00", /too large/],
  ])("refuses %s", (input, message) => {
    const r = parseMoneyCents(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it("is exact for every generated D.CC amount (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n - 1n }), fc.integer({ min: 0, max: 99 }), (dollars, cents) => {
        const text = `${dollars}.${String(cents).padStart(2, "0")}`;
        expect(value(parseMoneyCents(text))).toBe(Number(dollars * 100n + BigInt(cents)));
      }),
      { numRuns: 2000 },
    );
  });

  it("is exact for generated D.C and D amounts (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 9 }), (dollars, tenths) => {
        expect(value(parseMoneyCents(`${dollars}.${tenths}`))).toBe(dollars * 100 + tenths * 10);
        expect(value(parseMoneyCents(`${dollars}`))).toBe(dollars * 100);
      }),
    );
  });
});

describe("parseDate", () => {
  it.each([
    ["2025-03-14", "2025-03-14"],
    ["03/14/2025", "2025-03-14"],
    ["3/4/2025", "2025-03-04"],
    ["02/29/2024", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
  ])("%s -> %s", (input, iso) => {
    expect(value(parseDate(input))).toBe(iso);
  });

  it.each(["2025-02-29", "1900-02-29", "13/01/2025", "04/31/2025", "2025-00-10", "00/10/2025"])(
    "refuses the non-date %s",
    (input) => {
      expect(value(parseDate(input))).toMatch(/not a calendar date/);
    },
  );

  it.each(["14.03.2025", "2025/03/14", "03/14/25", "2025-3-14", "March 14 2025"])("refuses the format %s", (input) => {
    expect(value(parseDate(input))).toMatch(/YYYY-MM-DD or MM\/DD\/YYYY/);
  });
});

describe("parseFlag", () => {
  it("reads Y and N in either case", () => {
    expect([parseFlag("Y"), parseFlag("n"), parseFlag(" y ")].map(value)).toEqual([true, false, true]);
  });
  it.each(["yes", "1", "true", "X"])("refuses %s", (input) => {
    expect(value(parseFlag(input))).toMatch(/must be Y or N/);
  });
});

describe("parsePointers", () => {
  it.each([
    ["1", [1]],
    ["1,2", [1, 2]],
    ["1:2", [1, 2]],
    ["3, 1 ,2", [3, 1, 2]],
    ["A,B", [1, 2]],
    ["l", [12]],
    ["12:11:10:9", [12, 11, 10, 9]],
  ])("%s -> %j", (input, pointers) => {
    expect(value(parsePointers(input))).toEqual(pointers);
  });

  it.each([
    ["0", /1 to 12/],
    ["13", /1 to 12/],
    ["1,1", /repeat/],
    ["1,2,3,4,5", /at most 4/],
    ["1;2", /separated by/],
    ["1,,2", /separated by/],
    ["M", /separated by/],
  ])("refuses %s", (input, message) => {
    expect(value(parsePointers(input))).toMatch(message);
  });
});

describe("parsePositiveNumber", () => {
  it("reads positive decimals", () => {
    expect([parsePositiveNumber("1"), parsePositiveNumber("2.5"), parsePositiveNumber("0.25")].map(value)).toEqual([
      1, 2.5, 0.25,
    ]);
  });
  it.each(["0", "-1", "abc", "1e2", "1,5"])("refuses %s", (input) => {
    expect(value(parsePositiveNumber(input))).toMatch(/positive number/);
  });
});
