import { describe, expect, it } from "vitest";
import { isValidNpi, normalizeEin, npiCheckDigit } from "./npi.ts";

describe("NPI", () => {
  it("accepts NPIs whose Luhn check digit is right", () => {
    // 1234567893 is the worked example in the CMS NPI check-digit paper.
    expect(isValidNpi("1234567893")).toBe(true);
    expect(npiCheckDigit("123456789")).toBe(3);
  });
  it("rejects a wrong check digit, wrong length and non-digits", () => {
    expect(isValidNpi("1234567890")).toBe(false);
    expect(isValidNpi("123456789")).toBe(false);
    expect(isValidNpi("12345678931")).toBe(false);
    expect(isValidNpi("12345A7893")).toBe(false);
  });
});

describe("EIN", () => {
  it("normalises both spellings to nine digits", () => {
    expect(normalizeEin("12-3456789")).toBe("123456789");
    expect(normalizeEin("123456789")).toBe("123456789");
  });
  it("refuses malformed and never-assigned prefixes", () => {
    expect(normalizeEin("12-345678")).toBeUndefined();
    expect(normalizeEin("00-1234567")).toBeUndefined();
    expect(normalizeEin("07-1234567")).toBeUndefined();
  });
});
