import { describe, expect, it } from "vitest";
import { isValidPos, POS_CODES, posName } from "./pos.ts";

describe("place of service", () => {
  it("knows the assigned codes and their CMS names", () => {
    expect(posName("11")).toBe("Office");
    expect(posName("02")).toBe("Telehealth Provided Other than in Patient's Home");
    expect(posName("10")).toBe("Telehealth Provided in Patient's Home");
    expect(posName("27")).toBe("Outreach Site/Street");
    expect(posName("66")).toBe("Programs of All-Inclusive Care for the Elderly (PACE) Center");
    expect(posName("99")).toBe("Other Place of Service");
    for (const code of ["01", "12", "19", "21", "22", "23", "24", "31", "32", "41", "42", "49", "50", "58", "81"]) {
      expect(isValidPos(code), code).toBe(true);
    }
    expect(Object.keys(POS_CODES)).toHaveLength(52);
  });
  it("refuses unassigned ranges and malformed codes", () => {
    for (const code of [
      "00",
      "28",
      "30",
      "35",
      "40",
      "43",
      "48",
      "59",
      "63",
      "64",
      "67",
      "70",
      "73",
      "80",
      "82",
      "98",
    ]) {
      expect(isValidPos(code), code).toBe(false);
      expect(posName(code)).toBeUndefined();
    }
    for (const code of ["1", "011", " 11", "1a", "", "toString", "constructor"])
      expect(isValidPos(code), code).toBe(false);
  });
});
