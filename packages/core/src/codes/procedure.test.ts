import { describe, expect, it } from "vitest";
import {
  formatNdc11,
  isModifierShape,
  isProcedureCodeShape,
  normalizeNdc,
  normalizeProcedureCode,
  procedureCodeKind,
} from "./procedure.ts";

describe("procedure code shapes", () => {
  it("tells CPT categories, PLA, MAAA and HCPCS Level II apart", () => {
    expect(procedureCodeKind("99213")).toBe("cpt");
    expect(procedureCodeKind("3074F")).toBe("cpt_category_ii");
    expect(procedureCodeKind("0042T")).toBe("cpt_category_iii");
    expect(procedureCodeKind("0001U")).toBe("cpt_pla");
    expect(procedureCodeKind("0002M")).toBe("cpt_maaa");
    for (const c of [
      "A0428",
      "B4035",
      "C9803",
      "E0601",
      "G0438",
      "H0031",
      "J1885",
      "K0001",
      "L3000",
      "M1106",
      "P9603",
      "Q4100",
      "R0070",
      "S9083",
      "T1015",
      "U0003",
      "V2020",
    ]) {
      expect(procedureCodeKind(c), c).toBe("hcpcs");
    }
  });
  it("refuses other shapes", () => {
    for (const c of [
      "9921",
      "992133",
      "3074X",
      "0042t",
      "D0120",
      "F1234",
      "I1234",
      "N1234",
      "O1234",
      "W1234",
      "X1234",
      "Y1234",
      "Z1234",
      "G043",
      "G04388",
      " 99213",
      "",
    ]) {
      expect(isProcedureCodeShape(c), c).toBe(false);
    }
  });
  it("normalises case and whitespace only when the result is a procedure code", () => {
    expect(normalizeProcedureCode(" g0438 ")).toBe("G0438");
    expect(normalizeProcedureCode("0042t")).toBe("0042T");
    expect(normalizeProcedureCode("d0120")).toBeUndefined();
  });
});

describe("modifier shape", () => {
  it("accepts two upper-case letters or digits", () => {
    for (const m of ["25", "59", "GT", "XU", "Q6", "F1"]) expect(isModifierShape(m), m).toBe(true);
  });
  it("refuses lower case, other lengths and punctuation", () => {
    for (const m of ["gt", "5", "259", "G-", "", " 2"]) expect(isModifierShape(m), m).toBe(false);
  });
});

describe("NDC", () => {
  it("pads each 10-digit layout to 11 digits in the right place", () => {
    expect(normalizeNdc("0002-7597-01")).toBe("00002759701"); // 4-4-2
    expect(normalizeNdc("50090-347-01")).toBe("50090034701"); // 5-3-2
    expect(normalizeNdc("00006-0277-3")).toBe("00006027703"); // 5-4-1
    expect(normalizeNdc("00002-7597-01")).toBe("00002759701"); // 5-4-2 already
    expect(normalizeNdc(" 00002759701 ")).toBe("00002759701");
    expect(formatNdc11("0002-7597-01")).toBe("00002-7597-01");
  });
  it("refuses ambiguous and malformed NDCs", () => {
    for (const n of [
      "0002759701",
      "002-7597-01",
      "00002-75970-1",
      "0002-7597-1",
      "00002-7597",
      "0002-7597-0A",
      "000027597011",
      "",
    ]) {
      expect(normalizeNdc(n), n).toBeUndefined();
    }
    expect(formatNdc11("123")).toBeUndefined();
  });
});
