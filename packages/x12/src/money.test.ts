import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { X12Error } from "./errors.ts";
import { centsIn, formatCents, isCents, parseCents } from "./money.ts";

describe("parseCents", () => {
  it.each([
    ["123.4", 12340],
    ["-6173.5", -617350],
    ["0", 0],
    [".5", 50],
    ["-.05", -5],
    ["5.", 500],
    ["150000", 15000000],
    ["138018.40", 13801840],
    ["1.500", 150],
    ["0007.10", 710],
    ["-0", 0],
    ["+12", 1200],
  ])("%s is %i cents", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
    expect(Object.is(parseCents(text), -0)).toBe(false);
  });

  it.each(["", ".", "-", "1.005", "1.2.3", "12a", "1,00", " 1", "1e3", "--1", "NaN"])("rejects %j", (text) => {
    expect(() => parseCents(text)).toThrow(X12Error);
    expect(isCents(text)).toBe(false);
  });

  it("parses a slice of a larger string without copying it", () => {
    const text = "CLP*A*1*211366.97*138018.4~";
    expect(centsIn(text, 8, 17)).toBe(21136697);
    expect(centsIn(text, 18, 26)).toBe(13801840);
  });

  it("agrees with exact BigInt arithmetic on any decimal with up to two places", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 99 }),
        (neg, whole, places, frac) => {
          const fracText = places === 0 ? "" : places === 1 ? String(frac % 10) : String(frac).padStart(2, "0");
          const text = `${neg ? "-" : ""}${whole}${places === 0 ? "" : "."}${fracText}`;
          const fracCents = places === 0 ? 0n : places === 1 ? BigInt(frac % 10) * 10n : BigInt(frac);
          const expected = (neg ? -1n : 1n) * (whole * 100n + fracCents);
          expect(BigInt(parseCents(text))).toBe(expected);
        },
      ),
    );
  });
});

describe("formatCents", () => {
  it.each([
    [12340, "123.4"],
    [12300, "123"],
    [5, "0.05"],
    [50, "0.5"],
    [-617350, "-6173.5"],
    [0, "0"],
    [-1, "-0.01"],
    [100, "1"],
    [1999, "19.99"],
  ])("%i cents is %s", (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it("rejects non-integers", () => {
    expect(() => formatCents(1.5)).toThrow(X12Error);
    expect(() => formatCents(Number.NaN)).toThrow(X12Error);
  });

  it("round-trips every integer number of cents and never ends with a dot or a trailing zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), (cents) => {
        const text = formatCents(cents);
        expect(parseCents(text)).toBe(cents);
        expect(text).not.toMatch(/\.$|\.\d*0$/);
      }),
    );
  });
});
