import { describe, expect, it } from "vitest";
import { parseEncounterCsv } from "./parse.ts";
import { MINIMAL_COLUMNS, minimalRow, toCsv } from "./fixture.ts";

const errorsOf = (text: string, opts?: { maxRows?: number }) => parseEncounterCsv(text, opts).errors;
const brief = (text: string) => errorsOf(text).map((e) => [e.row, e.column]);

describe("parseEncounterCsv: header errors (row 1)", () => {
  it("names each missing required column", () => {
    const cols = MINIMAL_COLUMNS.filter((c) => c !== "procedure_code" && c !== "service_date");
    const r = parseEncounterCsv(toCsv([minimalRow()], cols));
    expect(r.encounters).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, "service_date", "required column is missing from the header"],
      [1, "procedure_code", "required column is missing from the header"],
    ]);
  });

  it("requires the inline patient columns when there is no patient_id column", () => {
    const cols = MINIMAL_COLUMNS.filter((c) => c !== "patient_id");
    const missing = errorsOf(toCsv([minimalRow()], cols)).map((e) => e.column);
    expect(missing).toEqual([
      "patient_first_name",
      "patient_last_name",
      "patient_dob",
      "patient_sex",
      "patient_address_line1",
      "patient_city",
      "patient_state",
      "patient_zip",
      "payer_id",
      "member_id",
    ]);
  });

  it("rejects unknown columns, listing them all", () => {
    const text = toCsv([minimalRow()], [...MINIMAL_COLUMNS, "notes", "copay"]);
    const r = parseEncounterCsv(text);
    expect(r.encounters).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/unknown columns: notes, copay/) });
    expect(errorsOf(toCsv([minimalRow()], [...MINIMAL_COLUMNS, "notes"]))[0]).toMatchObject({
      row: 1,
      column: "notes",
    });
  });

  it("rejects a blank header cell and duplicate columns", () => {
    const blank = errorsOf(`${MINIMAL_COLUMNS.join(",")},\n`);
    expect(blank[0]?.message).toMatch(/unknown column: \(blank, column 11\)/);
    const dup = errorsOf(toCsv([minimalRow()], [...MINIMAL_COLUMNS, "charge"]));
    expect(dup).toEqual([{ row: 1, column: "charge", message: "column appears more than once in the header" }]);
  });

  it("reports an empty file and a header without data", () => {
    expect(errorsOf("")).toEqual([{ row: 1, message: "the file is empty; expected a header row" }]);
    expect(errorsOf(`${MINIMAL_COLUMNS.join(",")}\r\n`)).toEqual([
      { row: 2, message: "the file has a header but no data rows" },
    ]);
  });
});

describe("parseEncounterCsv: row errors", () => {
  it("reports a row with the wrong number of fields, and keeps its encounter out", () => {
    const [header, r1, r2] = toCsv([minimalRow(), minimalRow({ procedure_code: "36415" })]).split("\n");
    const r = parseEncounterCsv([header, r1, `${r2},extra`, minimalRow().encounter_ref].join("\n"));
    expect(r.errors).toEqual([
      { row: 3, message: "has 11 fields but the header has 10" },
      { row: 4, message: "has 1 fields but the header has 10" },
    ]);
    expect(r.encounters).toEqual([]);
  });

  it("counts rows from where a multi-line quoted record starts", () => {
    const cols = [...MINIMAL_COLUMNS, "external_id"];
    const text = toCsv(
      [
        { ...minimalRow({ encounter_ref: "E1" }), external_id: "note spanning\nthree\nlines" },
        minimalRow({ encounter_ref: "E2", service_date: "2025-02-30" }),
        minimalRow({ encounter_ref: "E3", charge: "1,000.00" }),
      ],
      cols,
    );
    const r = parseEncounterCsv(text);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [5, "service_date"],
      [6, "charge"],
    ]);
    expect(r.encounters.map((e) => e.rows)).toEqual([[2]]);
  });

  it("reports an unclosed quote at the row where it opens", () => {
    const text = `${toCsv([minimalRow()])}E2,"pat_2,prv_1,11\n`;
    expect(errorsOf(text)).toEqual([{ row: 3, message: "a quoted field is never closed (the quote opens on line 3)" }]);
  });

  it("reports blank required cells on the row that needs them", () => {
    const text = toCsv([
      minimalRow({ encounter_ref: "" }),
      minimalRow({ procedure_code: "", diagnosis_pointers: " " }),
      minimalRow({
        encounter_ref: "E2",
        rendering_provider_id: "",
        place_of_service: "",
        service_date: "",
        diagnosis_1: "",
        diagnosis_2: "",
      }),
    ]);
    expect(brief(text)).toEqual([
      [2, "encounter_ref"],
      [3, "procedure_code"],
      [3, "diagnosis_pointers"],
      [4, "rendering_provider_id"],
      [4, "place_of_service"],
      [4, "service_date"],
      [4, "diagnosis_1"],
    ]);
  });

  it("reports bad dates, money, flags, pointers, enums and numbers by column", () => {
    const cols = [...MINIMAL_COLUMNS, "accident_employment", "patient_sex", "units", "relationship"];
    const text = toCsv(
      [
        { ...minimalRow({ encounter_ref: "A", service_date: "14/03/2025" }) },
        { ...minimalRow({ encounter_ref: "B", charge: "12.345" }) },
        { ...minimalRow({ encounter_ref: "C" }), accident_employment: "yes" },
        { ...minimalRow({ encounter_ref: "D", diagnosis_pointers: "1;2" }) },
        { ...minimalRow({ encounter_ref: "E" }), units: "0" },
        { ...minimalRow({ encounter_ref: "F", patient_id: "" }), patient_sex: "X", relationship: "parent" },
      ],
      cols,
    );
    const errs = errorsOf(text);
    expect(errs.map((e) => [e.row, e.column])).toContainEqual([2, "service_date"]);
    expect(errs.find((e) => e.column === "service_date")?.message).toBe('is not a calendar date, got "14/03/2025"');
    expect(errs.find((e) => e.row === 3)).toMatchObject({
      column: "charge",
      message: expect.stringMatching(/at most 2 decimals/),
    });
    expect(errs.find((e) => e.row === 4)).toMatchObject({
      column: "accident_employment",
      message: 'must be Y or N, got "yes"',
    });
    expect(errs.find((e) => e.row === 5)).toMatchObject({ column: "diagnosis_pointers" });
    expect(errs.find((e) => e.row === 6)).toMatchObject({ column: "units" });
    expect(
      errs
        .filter((e) => e.row === 7)
        .map((e) => e.column)
        .slice(0, 2),
    ).toEqual(["patient_sex", "relationship"]);
    expect(parseEncounterCsv(text).encounters).toEqual([]);
  });

  it("explains money with a thousands separator", () => {
    expect(errorsOf(toCsv([minimalRow({ charge: "1,250.00" })]))[0]).toEqual({
      row: 2,
      column: "charge",
      message: 'must not contain commas; write "1250.00" (dollars, up to 2 decimals)',
    });
  });

  it("reports pointers beyond the encounter's diagnoses on the line's row", () => {
    const text = toCsv([minimalRow(), minimalRow({ diagnosis_pointers: "2,3" })]);
    expect(errorsOf(text)).toEqual([
      { row: 3, column: "diagnosis_pointers", message: "points at diagnosis 3 but the encounter has only 2" },
    ]);
  });

  it("reports a gap in the diagnoses", () => {
    const cols = [...MINIMAL_COLUMNS, "diagnosis_3"];
    const text = toCsv([{ ...minimalRow({ diagnosis_2: "" }), diagnosis_3: "R51" }], cols);
    expect(brief(text)).toEqual([[2, "diagnosis_2"]]);
  });

  it("names the column a later row disagrees on, keeping the whole encounter out", () => {
    const text = toCsv([
      minimalRow({ encounter_ref: "E1" }),
      minimalRow({ encounter_ref: "E2" }),
      minimalRow({ encounter_ref: "E1", rendering_provider_id: "prv_2" }),
      minimalRow({ encounter_ref: "E1", service_date: "2025-03-15", diagnosis_2: "R51" }),
    ]);
    const r = parseEncounterCsv(text);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [4, "rendering_provider_id"],
      [5, "service_date"],
      [5, "diagnosis_2"],
    ]);
    expect(r.errors[0]?.message).toBe(
      'disagrees with the first row of this encounter (row 2): "prv_2" vs "prv_1"; leave it blank or repeat it exactly',
    );
    expect(r.encounters.map((e) => e.rows)).toEqual([[3]]);
  });

  it("flags a later row that fills an encounter column the first row left blank", () => {
    const cols = [...MINIMAL_COLUMNS, "prior_authorization"];
    const text = toCsv([minimalRow(), { ...minimalRow(), prior_authorization: "PA1" }], cols);
    expect(errorsOf(text)[0]?.message).toMatch(/"PA1" vs blank/);
  });

  it("refuses patient_id together with inline patient columns, and an incomplete inline patient", () => {
    const cols = [...MINIMAL_COLUMNS, "patient_first_name", "member_id"];
    const both = toCsv([{ ...minimalRow(), patient_first_name: "Ann" }], cols);
    expect(errorsOf(both)).toEqual([
      {
        row: 2,
        column: "patient_first_name",
        message: expect.stringMatching(/must be blank when patient_id is given/),
      },
    ]);
    const neither = toCsv([{ ...minimalRow({ patient_id: "" }), patient_first_name: "Ann", member_id: "M1" }], cols);
    expect(errorsOf(neither).map((e) => e.column)).toEqual([
      "patient_last_name",
      "patient_dob",
      "patient_sex",
      "patient_address_line1",
      "patient_city",
      "patient_state",
      "patient_zip",
      "payer_id",
    ]);
  });

  it("requires all three referring columns once one is filled", () => {
    const cols = [...MINIMAL_COLUMNS, "referring_first_name", "referring_last_name", "referring_npi"];
    const text = toCsv([{ ...minimalRow(), referring_last_name: "Reyes" }], cols);
    expect(brief(text)).toEqual([
      [2, "referring_first_name"],
      [2, "referring_npi"],
    ]);
  });

  it("refuses more rows than allowed, at the first row over the limit", () => {
    const rows = Array.from({ length: 4 }, (_, i) => minimalRow({ encounter_ref: `E${i}` }));
    const text = toCsv(rows);
    expect(parseEncounterCsv(text, { maxRows: 4 }).errors).toEqual([]);
    const over = parseEncounterCsv(text, { maxRows: 3 });
    expect(over.encounters).toEqual([]);
    expect(over.errors).toEqual([
      { row: 5, message: "too many rows: a file may hold at most 3 data rows; split it into smaller files" },
    ]);
  });

  it("defaults to 5000 data rows", () => {
    const [header, row] = toCsv([minimalRow()]).split("\n");
    const text = [header, ...Array.from({ length: 5001 }, () => row)].join("\n");
    expect(errorsOf(text)).toEqual([{ row: 5002, message: expect.stringMatching(/at most 5000/) }]);
  });
});
