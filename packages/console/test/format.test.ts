import { describe, expect, it } from "vitest";
import { money, parseMoney, parsePercentBps } from "../src/ui/format.ts";

describe("money on screens", () => {
  it("formats integer cents without floats, negatives and large amounts included", () => {
    expect(money(0)).toBe("$0.00");
    expect(money(5)).toBe("$0.05");
    expect(money(123456)).toBe("$1,234.56");
    expect(money(-500)).toBe("-$5.00");
    expect(money(999_999_999_999)).toBe("$9,999,999,999.99");
    expect(money(undefined)).toBe("—");
  });

  it("reads typed amounts into exact cents, and refuses what is not an amount", () => {
    expect(parseMoney("185")).toBe(18500);
    expect(parseMoney("$1,234.5")).toBe(123450);
    expect(parseMoney("0.07")).toBe(7);
    expect(parseMoney("12.345")).toBeUndefined();
    expect(parseMoney("abc")).toBeUndefined();
    expect(parsePercentBps("6.5")).toBe(650);
    expect(parsePercentBps("100")).toBe(10000);
    expect(parsePercentBps("101")).toBeUndefined();
  });
});
