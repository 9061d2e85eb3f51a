import { beforeEach, describe, expect, it } from "vitest";
import { claimWith, findingsOf, icd10Calls } from "./fixtures.ts";

describe("dx.required / dx.max", () => {
  it("passes one diagnosis and fails none", () => {
    expect(
      findingsOf(
        "dx.required",
        claimWith((c) => (c.diagnoses = ["I10"])),
      ),
    ).toEqual([]);
    expect(
      findingsOf(
        "dx.required",
        claimWith((c) => (c.diagnoses = ["  "])),
      ),
    ).toMatchObject([{ path: "diagnoses", severity: "error" }]);
  });

  it("allows 12 diagnoses and refuses 13", () => {
    const codes = ["E11.9", "I10", "E53.8", "J06.9", "R05.9", "Z00.00", "S72.001A", "E11.65"];
    const twelve = [...codes, "E11.9", "I10", "E53.8", "J06.9"];
    expect(
      findingsOf(
        "dx.max",
        claimWith((c) => (c.diagnoses = twelve)),
      ),
    ).toEqual([]);
    expect(
      findingsOf(
        "dx.max",
        claimWith((c) => (c.diagnoses = [...twelve, "R05.9"])),
      ),
    ).toMatchObject([{ path: "diagnoses", severity: "error" }]);
  });
});

describe("dx.icd10", () => {
  beforeEach(() => {
    icd10Calls.length = 0;
  });

  it("reports a code missing from the fiscal year's set, naming the year", () => {
    const [f] = findingsOf(
      "dx.icd10",
      claimWith((c) => (c.diagnoses[0] = "E11.99")),
    );
    expect(f).toMatchObject({ path: "diagnoses.0", severity: "error" });
    expect(f!.message).toContain('"E11.99"');
    expect(f!.message).toContain("not an ICD-10-CM code in FY2026");
  });

  it("reports a category header as not billable, with the lookup's hint", () => {
    const [f] = findingsOf(
      "dx.icd10",
      claimWith((c) => (c.diagnoses[0] = "E11")),
    );
    expect(f).toMatchObject({ path: "diagnoses.0", severity: "error" });
    expect(f!.message).toContain('"E11"');
    expect(f!.message).toContain("use one of its billable codes (E11.65, E11.9)");
  });

  it("only warns when no code set is installed for the date's fiscal year", () => {
    const claim = claimWith((c) => {
      c.serviceDate = "2022-05-02";
      for (const l of c.lines) l.serviceDate = "2022-05-02";
    });
    const fs = findingsOf("dx.icd10", claim, { today: "2022-05-10" });
    expect(fs).toHaveLength(3);
    expect(fs.every((f) => f.severity === "warning")).toBe(true);
    expect(fs[0]!.message).toContain('"E11.9"');
    expect(fs[0]!.message).toContain("FY2022");
  });

  it.each(["250.00", "E1", "E11.12345", "E11.", "1E1.1", "E11-9", "QA0.0101"])(
    "refuses %s by shape without looking it up",
    (code) => {
      const [f] = findingsOf(
        "dx.icd10",
        claimWith((c) => (c.diagnoses[1] = code)),
      );
      expect(f).toMatchObject({ path: "diagnoses.1", severity: "error" });
      expect(f!.message).toContain(`"${code}"`);
      expect(icd10Calls.some((call) => call.code === code)).toBe(false);
    },
  );

  it("reports a blank diagnosis", () => {
    const [f] = findingsOf(
      "dx.icd10",
      claimWith((c) => (c.diagnoses[2] = " ")),
    );
    expect(f).toMatchObject({ path: "diagnoses.2", message: "Diagnosis 3 is blank." });
  });

  it("looks codes up upper-cased and trimmed", () => {
    expect(
      findingsOf(
        "dx.icd10",
        claimWith((c) => (c.diagnoses[1] = " i10 ")),
      ),
    ).toEqual([]);
    expect(icd10Calls).toContainEqual({ code: "I10", date: "2026-02-20" });
  });

  it("checks a diagnosis against the fiscal year of every line that points at it", () => {
    // R00.9 is billable in FY2025 only; line 2 (2025-10-01) is in FY2026.
    const claim = claimWith((c) => {
      c.serviceDate = "2025-09-30";
      c.serviceDateTo = "2025-10-01";
      c.diagnoses[2] = "R00.9";
      c.lines[0]!.serviceDate = "2025-09-30";
      c.lines[1]!.serviceDate = "2025-10-01";
      c.lines[2]!.serviceDate = "2025-09-30";
    });
    const fs = findingsOf("dx.icd10", claim);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ path: "diagnoses.2", severity: "error" });
    expect(fs[0]!.message).toContain("FY2026");
    expect(icd10Calls.filter((call) => call.code === "R00.9").map((call) => call.date)).toEqual([
      "2025-10-01",
      "2025-09-30",
    ]);
  });

  it("checks a diagnosis no line points at against the claim's date of service", () => {
    findingsOf(
      "dx.icd10",
      claimWith((c) => (c.diagnoses = [...c.diagnoses, "J06.9"])),
    );
    expect(icd10Calls).toContainEqual({ code: "J06.9", date: "2026-02-20" });
  });

  it("does not look anything up (or throw) when the date of service is not a date", () => {
    const claim = claimWith((c) => {
      c.serviceDate = "2026-02-31";
      for (const l of c.lines) l.serviceDate = "2026-02-31";
    });
    expect(findingsOf("dx.icd10", claim)).toEqual([]);
    expect(icd10Calls).toEqual([]);
  });
});

describe("dx.duplicate", () => {
  it("flags a repeat however it is written, at the later position", () => {
    const [f, ...rest] = findingsOf(
      "dx.duplicate",
      claimWith((c) => (c.diagnoses = ["E11.9", "I10", "e119"])),
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ path: "diagnoses.2", severity: "warning" });
    expect(f!.message).toContain('"e119"');
    expect(f!.message).toContain("repeats diagnosis 1");
  });

  it("does not flag distinct codes sharing a category", () => {
    expect(
      findingsOf(
        "dx.duplicate",
        claimWith((c) => (c.diagnoses = ["E11.9", "E11.65", "I10"])),
      ),
    ).toEqual([]);
  });
});

describe("dx.pointer", () => {
  it("names a pointer past the last diagnosis (the intake case)", () => {
    const claim = claimWith((c) => {
      c.diagnoses = ["E11.9"];
      c.lines = [{ ...c.lines[0]!, diagnosisPointers: [3] }];
      c.totalChargeCents = c.submittedTotalCents = 15000;
    });
    const [f] = findingsOf("dx.pointer", claim);
    expect(f).toMatchObject({ path: "lines.0.diagnosisPointers.0", severity: "error" });
    expect(f!.message).toContain("diagnosis 3, but the claim has only 1 diagnosis");
  });

  it.each([0, -1, 1.5])("refuses pointer %s", (p) => {
    const [f] = findingsOf(
      "dx.pointer",
      claimWith((c) => (c.lines[0]!.diagnosisPointers = [1, p])),
    );
    expect(f).toMatchObject({ path: "lines.0.diagnosisPointers.1" });
    expect(f!.message).toContain(`diagnosis ${p}`);
  });

  it("refuses a pointer repeated on a line, at the repeat", () => {
    const fs = findingsOf(
      "dx.pointer",
      claimWith((c) => (c.lines[0]!.diagnosisPointers = [2, 1, 2])),
    );
    expect(fs).toMatchObject([{ path: "lines.0.diagnosisPointers.2", severity: "error" }]);
    expect(fs[0]!.message).toContain("diagnosis 2 twice");
  });

  it("refuses a line without pointers and a line with more than four", () => {
    const claim = claimWith((c) => {
      c.diagnoses = ["E11.9", "I10", "E53.8", "J06.9", "R05.9"];
      c.lines[0]!.diagnosisPointers = [];
      c.lines[1]!.diagnosisPointers = [1, 2, 3, 4, 5];
    });
    const fs = findingsOf("dx.pointer", claim);
    expect(fs.map((f) => f.path)).toEqual(["lines.0.diagnosisPointers", "lines.1.diagnosisPointers"]);
    expect(fs[1]!.message).toContain("5 diagnosis pointers");
  });

  it("refuses a pointer at a blank diagnosis", () => {
    const [f] = findingsOf(
      "dx.pointer",
      claimWith((c) => (c.diagnoses[1] = "")),
    );
    expect(f).toMatchObject({ path: "lines.0.diagnosisPointers.1" });
    expect(f!.message).toContain("diagnosis 2, which is blank");
  });
});
