import { RELATIONSHIPS } from "../../patient/index.ts";
import { US_STATES } from "../../shared/schema.ts";

/**
 * The documented columns of the encounter CSV import: the one list the parser, the template and
 * the README table are built from. A file holds one row per service line; rows sharing an
 * `encounter_ref` form one encounter.
 */

export const PATIENT_OR_INLINE = "one of patient_id / inline patient";

/** How a cell is read: every kind trims first; blank cells are "not given". */
export type ColumnKind =
  | "text" // as written
  | "upper" // upper-cased
  | "zip" // 5 or 9 digits; a ZIP+4 hyphen is dropped
  | "date" // YYYY-MM-DD or MM/DD/YYYY -> YYYY-MM-DD
  | "money" // dollars, up to 2 decimals -> integer cents
  | "flag" // Y / N -> boolean
  | "pointers" // "1,2" or "1:2" (or letters A-L) -> [1, 2]
  | "number" // positive decimal number
  | "enum"; // one of `values`, case-insensitive

/**
 * `encounter` columns describe the visit: required ones must be filled on the encounter's first
 * row; later rows may leave them blank or must repeat them exactly. `line` columns describe the
 * service line of their own row.
 */
export type ColumnLevel = "encounter" | "line";

export interface CsvColumn {
  name: string;
  required: boolean | typeof PATIENT_OR_INLINE;
  level: ColumnLevel;
  kind: ColumnKind;
  /** Allowed values of an `enum` column, in their canonical spelling. */
  values?: readonly string[];
  /** Where the value lands in `encounterInput`; "*" stands for the line index. Empty: not sent. */
  target: readonly (string | number)[];
  description: string;
  example: string;
}

type Def = Omit<CsvColumn, "level" | "kind" | "required"> & Partial<Pick<CsvColumn, "kind" | "required">>;

const enc = (d: Def): CsvColumn => ({ level: "encounter", kind: "text", required: false, ...d });
const line = (d: Def): CsvColumn => ({ level: "line", kind: "text", required: false, ...d });

const PATIENT_PREFIX = ["patient"] as const;
const COVERAGE = ["patient", "coverages", 0] as const;
const SUBSCRIBER = [...COVERAGE, "subscriber"] as const;

const DIAGNOSIS_EXAMPLES = ["M5450", "G8929"];
const MODIFIER_EXAMPLES = ["25"];

export const CSV_COLUMNS: readonly CsvColumn[] = [
  enc({
    name: "encounter_ref",
    required: true,
    target: [],
    description:
      "Your reference for the visit. Every row with the same value is one service line of the same encounter; it is not sent on.",
    example: "V-1001",
  }),
  enc({
    name: "external_id",
    target: ["externalId"],
    description: "The practice's own id for the visit (up to 50 characters), echoed back in results.",
    example: "ENC-2025-0001",
  }),
  enc({
    name: "patient_id",
    required: PATIENT_OR_INLINE,
    target: ["patientId"],
    description:
      "An existing patient (`pat_...`). Leave blank to send the patient inline with the patient_* and coverage columns; not both.",
    example: "pat_7h3k9q2m4x8t1v",
  }),
  enc({
    name: "patient_first_name",
    required: PATIENT_OR_INLINE,
    target: [...PATIENT_PREFIX, "firstName"],
    description: "Inline patient: first name.",
    example: "Maria",
  }),
  enc({
    name: "patient_middle_name",
    target: [...PATIENT_PREFIX, "middleName"],
    description: "Inline patient: middle name or initial.",
    example: "L",
  }),
  enc({
    name: "patient_last_name",
    required: PATIENT_OR_INLINE,
    target: [...PATIENT_PREFIX, "lastName"],
    description: "Inline patient: last name.",
    example: "Gonzalez",
  }),
  enc({
    name: "patient_dob",
    required: PATIENT_OR_INLINE,
    kind: "date",
    target: [...PATIENT_PREFIX, "dateOfBirth"],
    description: "Inline patient: date of birth, YYYY-MM-DD or MM/DD/YYYY.",
    example: "1980-04-12",
  }),
  enc({
    name: "patient_sex",
    required: PATIENT_OR_INLINE,
    kind: "enum",
    values: ["M", "F", "U"],
    target: [...PATIENT_PREFIX, "sex"],
    description: "Inline patient: M, F or U.",
    example: "F",
  }),
  enc({
    name: "patient_address_line1",
    required: PATIENT_OR_INLINE,
    target: [...PATIENT_PREFIX, "address", "line1"],
    description: "Inline patient: street address.",
    example: "12 Elm St",
  }),
  enc({
    name: "patient_address_line2",
    target: [...PATIENT_PREFIX, "address", "line2"],
    description: "Inline patient: apartment, suite.",
    example: "Apt 4",
  }),
  enc({
    name: "patient_city",
    required: PATIENT_OR_INLINE,
    target: [...PATIENT_PREFIX, "address", "city"],
    description: "Inline patient: city.",
    example: "Austin",
  }),
  enc({
    name: "patient_state",
    required: PATIENT_OR_INLINE,
    kind: "enum",
    values: US_STATES,
    target: [...PATIENT_PREFIX, "address", "state"],
    description: "Inline patient: two-letter state code.",
    example: "TX",
  }),
  enc({
    name: "patient_zip",
    required: PATIENT_OR_INLINE,
    kind: "zip",
    target: [...PATIENT_PREFIX, "address", "postalCode"],
    description:
      "Inline patient: 5- or 9-digit ZIP (12345 or 12345-6789). Format the column as text so leading zeros survive.",
    example: "78701",
  }),
  enc({
    name: "patient_account_number",
    target: [...PATIENT_PREFIX, "accountNumber"],
    description: "Inline patient: the practice's account / MRN number (letters, digits, hyphens).",
    example: "A-20931",
  }),
  enc({
    name: "payer_id",
    required: PATIENT_OR_INLINE,
    target: [...COVERAGE, "payerId"],
    description: "Inline patient's primary coverage: our payer id (`pyr_...`).",
    example: "pyr_3q7k2m4x8t1vbn",
  }),
  enc({
    name: "member_id",
    required: PATIENT_OR_INLINE,
    target: [...COVERAGE, "memberId"],
    description: "Inline patient's primary coverage: member id (2-80 letters, digits, hyphens).",
    example: "XJH123456789",
  }),
  enc({
    name: "group_number",
    target: [...COVERAGE, "groupNumber"],
    description: "Inline patient's primary coverage: group number.",
    example: "GRP-5521",
  }),
  enc({
    name: "relationship",
    kind: "enum",
    values: RELATIONSHIPS,
    target: [...COVERAGE, "relationship"],
    description:
      "Patient's relationship to the subscriber: self, spouse, child or other. Blank means self. When not self, fill the subscriber_* columns.",
    example: "spouse",
  }),
  enc({
    name: "subscriber_first_name",
    target: [...SUBSCRIBER, "firstName"],
    description: "Subscriber (policy holder) first name, when relationship is not self.",
    example: "Carlos",
  }),
  enc({
    name: "subscriber_last_name",
    target: [...SUBSCRIBER, "lastName"],
    description: "Subscriber last name.",
    example: "Gonzalez",
  }),
  enc({
    name: "subscriber_dob",
    kind: "date",
    target: [...SUBSCRIBER, "dateOfBirth"],
    description: "Subscriber date of birth.",
    example: "1978-09-30",
  }),
  enc({
    name: "subscriber_sex",
    kind: "enum",
    values: ["M", "F", "U"],
    target: [...SUBSCRIBER, "sex"],
    description: "Subscriber sex: M, F or U.",
    example: "M",
  }),
  enc({
    name: "subscriber_address_line1",
    target: [...SUBSCRIBER, "address", "line1"],
    description: "Subscriber street address.",
    example: "12 Elm St",
  }),
  enc({
    name: "subscriber_city",
    target: [...SUBSCRIBER, "address", "city"],
    description: "Subscriber city.",
    example: "Austin",
  }),
  enc({
    name: "subscriber_state",
    kind: "enum",
    values: US_STATES,
    target: [...SUBSCRIBER, "address", "state"],
    description: "Subscriber two-letter state code.",
    example: "TX",
  }),
  enc({
    name: "subscriber_zip",
    kind: "zip",
    target: [...SUBSCRIBER, "address", "postalCode"],
    description: "Subscriber 5- or 9-digit ZIP.",
    example: "78701",
  }),
  enc({
    name: "rendering_provider_id",
    required: true,
    target: ["renderingProviderId"],
    description: "The provider who performed the services (`prv_...`).",
    example: "prv_k2m4x8t1vbn3q7",
  }),
  enc({
    name: "billing_provider_id",
    target: ["billingProviderId"],
    description: "Billing provider (`prv_...`). Blank: the practice itself.",
    example: "prv_9d8c7b6a5z4y3x",
  }),
  enc({
    name: "referring_first_name",
    target: ["referringProvider", "firstName"],
    description: "Referring provider first name (fill all three referring columns or none).",
    example: "Alan",
  }),
  enc({
    name: "referring_last_name",
    target: ["referringProvider", "lastName"],
    description: "Referring provider last name.",
    example: "Reyes",
  }),
  enc({
    name: "referring_npi",
    target: ["referringProvider", "npi"],
    description: "Referring provider 10-digit NPI.",
    example: "1234567893",
  }),
  enc({
    name: "place_of_service",
    required: true,
    target: ["placeOfService"],
    description: "Two-digit CMS place-of-service code (11 = office). Format as text to keep a leading zero.",
    example: "11",
  }),
  enc({
    name: "service_date",
    required: true,
    kind: "date",
    target: ["serviceDate"],
    description: "Date of service, YYYY-MM-DD or MM/DD/YYYY.",
    example: "2025-03-14",
  }),
  enc({
    name: "service_date_to",
    kind: "date",
    target: ["serviceDateTo"],
    description: "Last date of service for a span; blank for a single day.",
    example: "2025-03-14",
  }),
  ...Array.from({ length: 12 }, (_, i) =>
    enc({
      name: `diagnosis_${i + 1}`,
      required: i === 0,
      target: ["diagnoses", i],
      description:
        i === 0
          ? "Principal ICD-10-CM diagnosis. diagnosis_1..diagnosis_12 are filled in order without gaps on the encounter's first row; later rows leave them all blank or repeat them exactly."
          : `ICD-10-CM diagnosis ${i + 1}.`,
      example: DIAGNOSIS_EXAMPLES[i] ?? "",
    }),
  ),
  enc({
    name: "prior_authorization",
    target: ["priorAuthorization"],
    description: "Prior authorization / referral number.",
    example: "PA-778812",
  }),
  enc({
    name: "accident_auto",
    kind: "flag",
    target: ["accident", "autoAccident"],
    description: "Y if the condition is related to an auto accident, N or blank if not.",
    example: "N",
  }),
  enc({
    name: "accident_state",
    kind: "upper",
    target: ["accident", "autoAccidentState"],
    description: "Two-letter state of the auto accident (required when accident_auto is Y).",
    example: "TX",
  }),
  enc({
    name: "accident_employment",
    kind: "flag",
    target: ["accident", "employment"],
    description: "Y if related to employment, N or blank if not.",
    example: "N",
  }),
  enc({
    name: "accident_other",
    kind: "flag",
    target: ["accident", "otherAccident"],
    description: "Y if related to another accident, N or blank if not.",
    example: "N",
  }),
  enc({
    name: "accident_date",
    kind: "date",
    target: ["accident", "date"],
    description: "Date of the accident.",
    example: "2025-03-01",
  }),
  line({
    name: "procedure_code",
    required: true,
    kind: "upper",
    target: ["lines", "*", "procedureCode"],
    description: "CPT or HCPCS code of this service line.",
    example: "99214",
  }),
  ...Array.from({ length: 4 }, (_, i) =>
    line({
      name: `modifier_${i + 1}`,
      kind: "upper",
      target: ["lines", "*", "modifiers", i],
      description: `Procedure modifier ${i + 1}.`,
      example: MODIFIER_EXAMPLES[i] ?? "",
    }),
  ),
  line({
    name: "units",
    kind: "number",
    target: ["lines", "*", "units"],
    description: "Units of service; blank means 1.",
    example: "1",
  }),
  line({
    name: "charge",
    kind: "money",
    target: ["lines", "*", "chargeCents"],
    description:
      "Line charge in dollars with up to 2 decimals, no currency sign or thousands separators (125.00, 125 or 1250.50). Blank: taken from the fee schedule.",
    example: "125.00",
  }),
  line({
    name: "diagnosis_pointers",
    required: true,
    kind: "pointers",
    target: ["lines", "*", "diagnosisPointers"],
    description:
      "1 to 4 diagnosis numbers (1-12, or letters A-L) this line treats, most important first, separated by , or : (1,2 or 1:2).",
    example: "1,2",
  }),
  line({
    name: "line_service_date",
    kind: "date",
    target: ["lines", "*", "serviceDate"],
    description: "Line date of service when it differs from service_date.",
    example: "2025-03-14",
  }),
  line({
    name: "line_service_date_to",
    kind: "date",
    target: ["lines", "*", "serviceDateTo"],
    description: "Last date of a line's service span.",
    example: "2025-03-14",
  }),
  line({
    name: "ndc",
    target: ["lines", "*", "ndc"],
    description: "National Drug Code for drug lines (11 digits, 5-4-2, hyphens allowed).",
    example: "00009-3073-03",
  }),
  line({
    name: "ndc_quantity",
    kind: "number",
    target: ["lines", "*", "ndcQuantity"],
    description: "Drug quantity, in ndc_unit.",
    example: "1",
  }),
  line({
    name: "ndc_unit",
    kind: "enum",
    values: ["F2", "GR", "ME", "ML", "UN"],
    target: ["lines", "*", "ndcUnit"],
    description: "Drug unit: F2, GR, ME, ML or UN.",
    example: "ML",
  }),
];

export const COLUMN_BY_NAME: ReadonlyMap<string, CsvColumn> = new Map(CSV_COLUMNS.map((c) => [c.name, c]));

/** Columns that only make sense with an inline patient (patient and coverage details). */
export const INLINE_PATIENT_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter((c) => c.target[0] === "patient");

export const DIAGNOSIS_COLUMNS: readonly string[] = CSV_COLUMNS.filter((c) => c.target[0] === "diagnoses").map(
  (c) => c.name,
);
