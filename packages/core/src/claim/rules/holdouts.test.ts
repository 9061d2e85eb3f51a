/**
 * The hold-out claims, each caught with a precise finding: the coding errors payers deny
 * most, which passed the shape rules clean. Edit tables: the real-format fixtures (the PTP pair
 * 80053/80048 and the MUE on 99213 are synthetic rows in CMS's layout, see codes/edits/fixtures).
 */
import { describe, expect, it } from "vitest";
import type { ClaimDocument, ClaimLine } from "../claim.types.ts";
import { claimWith, ctxFor } from "./fixtures.ts";
import { scrub } from "./index.ts";

const line = (n: number, procedureCode: string, more: Partial<ClaimLine> = {}): ClaimLine => ({
  lineNumber: n,
  lineId: `LN${n}`,
  procedureCode,
  modifiers: [],
  units: 1,
  chargeCents: 10000,
  diagnosisPointers: [1],
  serviceDate: "2026-02-20",
  chargeSource: "encounter",
  ...more,
});

function claim(lines: ClaimLine[], set: (c: ClaimDocument) => void = () => {}) {
  return claimWith((c) => {
    c.lines = lines;
    // $100.00 a line: 10000 cents x lines.length
    c.totalChargeCents = c.submittedTotalCents = 10000 * lines.length;
    c.diagnoses = ["I10"];
    set(c);
  });
}

const coding = (c: ClaimDocument) =>
  scrub(ctxFor(c)).filter((f) => /^(ncci|mod|dx\.(age|sex)|proc|hcpcs)/.test(f.ruleId));

describe("the hold-out claims", () => {
  it("80053 with 80048 on one day: the BMP is bundled into the CMP, no modifier allowed", () => {
    expect(coding(claim([line(1, "80053"), line(2, "80048")]))).toEqual([
      expect.objectContaining({
        ruleId: "ncci.ptp",
        severity: "error",
        path: "lines.1.procedureCode",
        message: expect.stringMatching(
          /^Line 2: 80048 is bundled into 80053 \(Line 1\) on 2026-02-20: NCCI PTP column 1 80053 \/ column 2 80048, modifier indicator 0, in force since 2010-01-01 .*no modifier can unbundle this pair/,
        ),
      }),
    ]);
  });

  it("99213 with G0439 on one day without 25", () => {
    expect(coding(claim([line(1, "G0439"), line(2, "99213")], (c) => (c.patient.dateOfBirth = "1950-01-01")))).toEqual([
      expect.objectContaining({
        ruleId: "mod.25",
        path: "lines.1.modifiers",
        message: "Line 2: 99213 is billed with the preventive service G0439 on 2026-02-20 without modifier 25.",
      }),
    ]);
    // With 25 on the E/M it passes.
    expect(
      coding(
        claim(
          [line(1, "G0439"), line(2, "99213", { modifiers: ["25"] })],
          (c) => (c.patient.dateOfBirth = "1950-01-01"),
        ),
      ),
    ).toEqual([]);
  });

  it("20 units of 99213", () => {
    expect(coding(claim([line(1, "99213", { units: 20, chargeCents: 10000 })]))).toEqual([
      expect.objectContaining({
        ruleId: "ncci.mue",
        path: "lines.0.units",
        message:
          "20 units of 99213 on 2026-02-20; the MUE is 1 per day (MAI 2, per day by policy) (test mue 2010-01-01).",
      }),
    ]);
  });

  it("MUE per day adds up the units of a code across lines; per line (MAI 1) it does not", () => {
    const perDay = coding(claim([line(1, "36415", { units: 2 }), line(2, "36415", { units: 1, modifiers: ["91"] })]));
    expect(perDay.map((f) => [f.ruleId, f.path])).toEqual([["ncci.mue", "lines.1.units"]]);
    expect(perDay[0]!.message).toContain("3 units of 36415 on 2026-02-20 across 2 lines; the MUE is 2 per day (MAI 3");
    expect(
      coding(claim([line(1, "96372", { units: 4 }), line(2, "96372", { units: 4, modifiers: ["59"] })])).filter(
        (f) => f.ruleId === "ncci.mue",
      ),
    ).toEqual([]);
  });

  it("O80 (a delivery) on a male patient", () => {
    expect(
      coding(
        claim([line(1, "99213")], (c) =>
          Object.assign(c, { diagnoses: ["O80"] }, { patient: { ...c.patient, sex: "M", dateOfBirth: "1990-05-05" } }),
        ),
      ),
    ).toEqual([
      expect.objectContaining({
        ruleId: "dx.sex",
        path: "diagnoses.0",
        message: "O80 is a diagnosis for female patients only; the patient's recorded sex is male (test agesex v37).",
      }),
    ]);
  });

  it("Z00.129 (a child's check-up) with 99393 on a 51-year-old", () => {
    const found = coding(
      claim([line(1, "99393")], (c) =>
        Object.assign(c, { diagnoses: ["Z00.129"] }, { patient: { ...c.patient, dateOfBirth: "1974-11-02" } }),
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: "dx.age",
        path: "diagnoses.0",
        message: "Z00.129 is a pediatric (ages 0-17) diagnosis; the patient is 51 on 2026-02-20 (test agesex v37).",
      }),
      expect.objectContaining({
        ruleId: "proc.age",
        path: "lines.0.procedureCode",
        message: "Line 1: 99393 is for ages 5-11; the patient is 51 on 2026-02-20.",
        fixHint: "Use 99396 (ages 40-64) if the visit was a preventive visit.",
      }),
    ]);
  });

  it("an E/M bundled into a procedure with indicator 1 names modifier 25, and passes with it", () => {
    const [f] = coding(claim([line(1, "20610"), line(2, "99213")]));
    expect(f).toMatchObject({ ruleId: "ncci.ptp", path: "lines.1.procedureCode" });
    expect(f!.message).toContain("a modifier can apply: modifier 25 on the E/M 99213");
    expect(coding(claim([line(1, "20610"), line(2, "99213", { modifiers: ["25"] })]))).toEqual([]);
  });
});
