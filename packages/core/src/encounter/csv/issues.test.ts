import { describe, expect, it } from "vitest";
import { encounterInput } from "../encounter.schema.ts";
import { mapIssuePathToColumn, parseEncounterCsv, rowForIssue } from "./parse.ts";
import { CSV_COLUMNS } from "./columns.ts";
import { MINIMAL_COLUMNS, minimalRow, toCsv } from "./fixture.ts";

describe("mapIssuePathToColumn", () => {
  it.each([
    [["lines", 1, "procedureCode"], "procedure_code"],
    [["lines", 0, "chargeCents"], "charge"],
    [["lines", 0, "modifiers", 2], "modifier_3"],
    [["lines", 0, "modifiers"], "modifier_1"],
    [["lines", 3, "diagnosisPointers", 0], "diagnosis_pointers"],
    [["lines", 0, "serviceDate"], "line_service_date"],
    [["patient", "coverages", 0, "memberId"], "member_id"],
    [["patient", "coverages", 0, "subscriber"], "subscriber_first_name"],
    [["patient", "coverages", 0, "subscriber", "address", "postalCode"], "subscriber_zip"],
    [["patient", "coverages", 0, "subscriber", "middleName"], "subscriber_first_name"],
    [["patient", "coverages", 0, "order"], "payer_id"],
    [["patient", "address", "state"], "patient_state"],
    [["patient", "address"], "patient_address_line1"],
    [["patient", "dateOfBirth"], "patient_dob"],
    [["diagnoses", 3], "diagnosis_4"],
    [["diagnoses"], "diagnosis_1"],
    [["serviceDateTo"], "service_date_to"],
    [["patientId"], "patient_id"],
    [["referringProvider", "npi"], "referring_npi"],
    [["accident", "autoAccidentState"], "accident_state"],
    [["placeOfService"], "place_of_service"],
  ])("%j -> %s", (path, column) => {
    expect(mapIssuePathToColumn(path)).toBe(column);
  });

  it.each([[["lines"]], [["totalChargeCents"]], [[]]])("%j -> undefined", (path) => {
    expect(mapIssuePathToColumn(path)).toBeUndefined();
  });

  it("maps every column's own target back to the column", () => {
    for (const c of CSV_COLUMNS.filter((c) => c.target.length > 0)) {
      expect(mapIssuePathToColumn(c.target.map((s) => (s === "*" ? 0 : s)))).toBe(c.name);
    }
  });
});

describe("rowForIssue", () => {
  const entry = { rows: [4, 7, 9], encounter: {} };
  it("gives a line's own row and the first row for encounter fields", () => {
    expect(rowForIssue(entry, ["lines", 1, "procedureCode"])).toBe(7);
    expect(rowForIssue(entry, ["lines", 2])).toBe(9);
    expect(rowForIssue(entry, ["diagnoses", 0])).toBe(4);
    expect(rowForIssue(entry, ["patient", "coverages", 0, "memberId"])).toBe(4);
    expect(rowForIssue(entry, ["lines"])).toBe(4);
    expect(rowForIssue(entry, ["lines", 8, "units"])).toBe(4);
  });
});

describe("zod issues reported in CSV terms", () => {
  it("turns validation failures of parsed encounters into row + column", () => {
    const cols = [...MINIMAL_COLUMNS, "modifier_1", "ndc_quantity"];
    const text = toCsv(
      [
        { ...minimalRow({ place_of_service: "1" }), modifier_1: "25" },
        { ...minimalRow({ place_of_service: "1", procedure_code: "TOOLONGCODE" }), modifier_1: "TOOLONG" },
      ],
      cols,
    );
    const { encounters, errors } = parseEncounterCsv(text);
    expect(errors).toEqual([]);
    const entry = encounters[0]!;
    const r = encounterInput.safeParse(entry.encounter);
    expect(r.success).toBe(false);
    const reported = r.success
      ? []
      : r.error.issues.map((i) => [rowForIssue(entry, i.path), mapIssuePathToColumn(i.path)]);
    expect(reported).toEqual(
      expect.arrayContaining([
        [2, "place_of_service"],
        [3, "procedure_code"],
        [3, "modifier_1"],
      ]),
    );
    expect(reported).toHaveLength(3);
  });
});
