import { describe, expect, it } from "vitest";
import { encounterInput } from "../encounter.schema.ts";
import { parseEncounterCsv } from "./parse.ts";
import { csvColumnsMarkdown, csvTemplate } from "./template.ts";
import { CSV_COLUMNS } from "./columns.ts";
import { minimalRow, toCsv } from "./fixture.ts";

const enc = (text: string, i = 0) => parseEncounterCsv(text).encounters[i]?.encounter as any;

describe("the template", () => {
  it("parses with zero errors into one encounter with two lines and exact cents", () => {
    const { encounters, errors } = parseEncounterCsv(csvTemplate());
    expect(errors).toEqual([]);
    expect(encounters).toHaveLength(1);
    expect(encounters[0]?.rows).toEqual([2, 3]);
    const e = encounters[0]?.encounter as any;
    expect(e.lines.map((l: any) => [l.procedureCode, l.chargeCents, l.diagnosisPointers])).toEqual([
      ["99214", 12500, [1, 2]],
      ["J1030", 4050, [1]],
    ]);
    expect(e.diagnoses).toEqual(["M5450", "G8929"]);
    expect(e.patient.coverages[0]).toMatchObject({
      order: "primary",
      relationship: "spouse",
      subscriber: { firstName: "Carlos" },
    });
  });

  it("passes encounterInput validation", () => {
    const e = parseEncounterCsv(csvTemplate()).encounters[0]?.encounter;
    const r = encounterInput.safeParse(e);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it("has every documented column in the header and the README table", () => {
    const header = csvTemplate().split("\r\n")[0]?.split(",");
    expect(header).toEqual(CSV_COLUMNS.map((c) => c.name));
    const md = csvColumnsMarkdown();
    for (const c of CSV_COLUMNS) expect(md).toContain(`| \`${c.name}\` |`);
    expect(md).toContain("| `procedure_code` | yes (every row) |");
    expect(md).toContain("| `patient_id` | one of patient_id / inline patient |");
  });
});

describe("parseEncounterCsv: building encounters", () => {
  it("maps a minimal row with exactly the encounterInput field names and no empty fields", () => {
    expect(enc(toCsv([minimalRow()]))).toEqual({
      patientId: "pat_1",
      renderingProviderId: "prv_1",
      placeOfService: "11",
      serviceDate: "2025-03-14",
      diagnoses: ["M5450", "G8929"],
      lines: [{ procedureCode: "99213", units: 1, chargeCents: 10000, diagnosisPointers: [1] }],
    });
  });

  it("leaves chargeCents out when the charge is blank (fee schedule)", () => {
    const line = enc(toCsv([minimalRow({ charge: "" })])).lines[0];
    expect(line).not.toHaveProperty("chargeCents");
  });

  it("groups rows by encounter_ref, in order of first appearance, also when not adjacent", () => {
    const text = toCsv([
      minimalRow({ encounter_ref: "A", procedure_code: "99213" }),
      minimalRow({ encounter_ref: "B", procedure_code: "99203", service_date: "2025-03-15" }),
      minimalRow({ encounter_ref: "A", procedure_code: "36415", charge: "12.5" }),
      minimalRow({ encounter_ref: "C", procedure_code: "99212" }),
      minimalRow({ encounter_ref: "B", procedure_code: "81002", charge: "8", service_date: "03/15/2025" }),
    ]);
    const { encounters, errors } = parseEncounterCsv(text);
    expect(errors).toEqual([]);
    expect(encounters.map((e) => e.rows)).toEqual([[2, 4], [3, 6], [5]]);
    expect(
      encounters.map((e) => (e.encounter as any).lines.map((l: any) => `${l.procedureCode}:${l.chargeCents}`)),
    ).toEqual([["99213:10000", "36415:1250"], ["99203:10000", "81002:800"], ["99212:10000"]]);
  });

  it("lets later rows leave encounter columns blank", () => {
    const text = toCsv([
      minimalRow(),
      minimalRow({
        patient_id: "",
        rendering_provider_id: "",
        place_of_service: "",
        service_date: "",
        diagnosis_1: "",
        diagnosis_2: "",
      }),
    ]);
    const { encounters, errors } = parseEncounterCsv(text);
    expect(errors).toEqual([]);
    expect((encounters[0]?.encounter as any).lines).toHaveLength(2);
  });

  it("treats the same date in both formats as agreeing", () => {
    const { errors } = parseEncounterCsv(toCsv([minimalRow(), minimalRow({ service_date: "3/14/2025" })]));
    expect(errors).toEqual([]);
  });

  it("reads quoted cells with commas, line breaks and escaped quotes", () => {
    const cols = [
      "encounter_ref",
      "patient_id",
      "rendering_provider_id",
      "place_of_service",
      "service_date",
      "diagnosis_1",
      "diagnosis_2",
      "procedure_code",
      "diagnosis_pointers",
      "external_id",
    ];
    const text = `${cols.join(",")}\n"E,1",pat_1,prv_1,11,2025-03-14,M5450,G8929,99213,"1,2","say ""hi""\nthere"\n`;
    const { encounters, errors } = parseEncounterCsv(text);
    expect(errors).toEqual([]);
    const e = encounters[0]?.encounter as any;
    expect(e.externalId).toBe('say "hi"\nthere');
    expect(e.lines[0].diagnosisPointers).toEqual([1, 2]);
  });

  it("accepts a BOM, CRLF line ends, a trailing empty line and header names in any case and order", () => {
    const text = `\uFEFF${toCsv([minimalRow(), minimalRow({ procedure_code: "36415" })], undefined, "\r\n")}\r\n`;
    const upper = text.replace("encounter_ref", "Encounter_Ref ");
    const { encounters, errors } = parseEncounterCsv(upper);
    expect(errors).toEqual([]);
    expect(encounters[0]?.rows).toEqual([2, 3]);
    expect(
      enc(
        toCsv(
          [minimalRow()],
          [
            "procedure_code",
            "diagnosis_pointers",
            "service_date",
            "place_of_service",
            "rendering_provider_id",
            "patient_id",
            "diagnosis_1",
            "encounter_ref",
          ],
        ),
      ),
    ).toMatchObject({ lines: [{ procedureCode: "99213" }] });
  });

  it("converts MM/DD/YYYY dates everywhere", () => {
    const cols = [
      "encounter_ref",
      "patient_id",
      "rendering_provider_id",
      "place_of_service",
      "service_date",
      "service_date_to",
      "diagnosis_1",
      "procedure_code",
      "diagnosis_pointers",
      "line_service_date",
    ];
    const e = enc(
      toCsv(
        [
          {
            ...minimalRow({ service_date: "03/14/2025" }),
            service_date_to: "3/15/2025",
            line_service_date: "03/15/2025",
          },
        ],
        cols,
      ),
    );
    expect([e.serviceDate, e.serviceDateTo, e.lines[0].serviceDate]).toEqual([
      "2025-03-14",
      "2025-03-15",
      "2025-03-15",
    ]);
  });

  it("builds an inline patient with a self coverage by default and normalises case", () => {
    const cols = [
      "encounter_ref",
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
      "rendering_provider_id",
      "place_of_service",
      "service_date",
      "diagnosis_1",
      "procedure_code",
      "modifier_1",
      "modifier_2",
      "diagnosis_pointers",
      "units",
      "accident_auto",
      "accident_state",
      "ndc_unit",
    ];
    const row = {
      encounter_ref: "E1",
      patient_first_name: "Ann",
      patient_last_name: "Lee",
      patient_dob: "01/02/1990",
      patient_sex: "f",
      patient_address_line1: "1 Main",
      patient_city: "Boston",
      patient_state: "ma",
      patient_zip: "02134-1234",
      payer_id: "pyr_1",
      member_id: "M123",
      rendering_provider_id: "prv_1",
      place_of_service: "11",
      service_date: "2025-03-14",
      diagnosis_1: "J069",
      procedure_code: "99213",
      modifier_1: "",
      modifier_2: "gt",
      diagnosis_pointers: "A",
      units: "2",
      accident_auto: "y",
      accident_state: "ma",
      ndc_unit: "ml",
    };
    const { encounters, errors } = parseEncounterCsv(toCsv([row], cols));
    expect(errors).toEqual([]);
    const e = encounters[0]?.encounter as any;
    expect(e.patient).toEqual({
      firstName: "Ann",
      lastName: "Lee",
      dateOfBirth: "1990-01-02",
      sex: "F",
      address: { line1: "1 Main", city: "Boston", state: "MA", postalCode: "021341234" },
      coverages: [{ payerId: "pyr_1", memberId: "M123", order: "primary", relationship: "self" }],
    });
    expect(e.lines[0]).toEqual({
      procedureCode: "99213",
      modifiers: ["GT"],
      units: 2,
      diagnosisPointers: [1],
      ndcUnit: "ML",
    });
    expect(e.accident).toEqual({ autoAccident: true, autoAccidentState: "MA" });
    expect(encounterInput.safeParse(e).success).toBe(true);
  });

  it("skips blank lines and rows of empty cells without shifting row numbers", () => {
    const [header, r1, r2] = toCsv([minimalRow(), minimalRow({ encounter_ref: "E2" })]).split("\n");
    const text = [header, "", r1, ",,,,,,,,,", r2, ""].join("\n");
    const { encounters, errors } = parseEncounterCsv(text);
    expect(errors).toEqual([]);
    expect(encounters.map((e) => e.rows)).toEqual([[3], [5]]);
  });
});
