import type { z } from "zod";
import type { encounterInput } from "../encounter.schema.ts";
import { DIAGNOSIS_COLUMNS } from "./columns.ts";
import type { DataRow } from "./group.ts";

/** The encounterInput shape before zod has looked at it; the compiler keeps the field names honest. */
export type EncounterDraft = z.input<typeof encounterInput>;
type Line = EncounterDraft["lines"][number];
type Patient = NonNullable<EncounterDraft["patient"]>;
type Coverage = Patient["coverages"][number];
type State = Patient["address"]["state"];

/** Drops the keys whose value is undefined, so optional fields left blank are not sent at all. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const str = (r: DataRow, c: string): string | undefined => {
  const v = r.values.get(c);
  return typeof v === "string" ? v : undefined;
};
const num = (r: DataRow, c: string): number | undefined => {
  const v = r.values.get(c);
  return typeof v === "number" ? v : undefined;
};
const flag = (r: DataRow, c: string): boolean | undefined => {
  const v = r.values.get(c);
  return typeof v === "boolean" ? v : undefined;
};
const anyOf = (r: DataRow, cols: readonly string[]) => cols.some((c) => r.values.has(c));

/**
 * Builds the encounter from its rows (the first row carries the encounter's fields, each row one
 * line). Call only for a group that `checkGroup` passed: required cells are then present, and
 * enum cells hold their canonical spelling.
 */
export function buildEncounter(rows: readonly DataRow[]): EncounterDraft {
  const first = rows[0];
  if (!first) throw new Error("an encounter needs at least one row");
  const s = (c: string) => str(first, c);
  const req = (c: string) => str(first, c) ?? "";

  return compact<EncounterDraft>({
    externalId: s("external_id"),
    patientId: s("patient_id"),
    patient: s("patient_id") === undefined ? buildPatient(first) : undefined,
    renderingProviderId: req("rendering_provider_id"),
    billingProviderId: s("billing_provider_id"),
    referringProvider: anyOf(first, ["referring_first_name", "referring_last_name", "referring_npi"])
      ? { firstName: req("referring_first_name"), lastName: req("referring_last_name"), npi: req("referring_npi") }
      : undefined,
    placeOfService: req("place_of_service"),
    serviceDate: req("service_date"),
    serviceDateTo: s("service_date_to"),
    diagnoses: DIAGNOSIS_COLUMNS.map((c) => s(c)).filter((d) => d !== undefined),
    lines: rows.map(buildLine),
    priorAuthorization: s("prior_authorization"),
    accident: anyOf(first, [
      "accident_auto",
      "accident_state",
      "accident_employment",
      "accident_other",
      "accident_date",
    ])
      ? compact({
          autoAccident: flag(first, "accident_auto"),
          autoAccidentState: s("accident_state"),
          employment: flag(first, "accident_employment"),
          otherAccident: flag(first, "accident_other"),
          date: s("accident_date"),
        })
      : undefined,
  });
}

function buildPatient(r: DataRow): Patient {
  const req = (c: string) => str(r, c) ?? "";
  const coverage: Coverage = compact<Coverage>({
    payerId: req("payer_id"),
    memberId: req("member_id"),
    groupNumber: str(r, "group_number"),
    order: "primary",
    relationship: (str(r, "relationship") ?? "self") as Coverage["relationship"],
    subscriber: buildSubscriber(r),
  });
  return compact<Patient>({
    firstName: req("patient_first_name"),
    middleName: str(r, "patient_middle_name"),
    lastName: req("patient_last_name"),
    dateOfBirth: req("patient_dob"),
    sex: req("patient_sex") as Patient["sex"],
    address: compact({
      line1: req("patient_address_line1"),
      line2: str(r, "patient_address_line2"),
      city: req("patient_city"),
      state: req("patient_state") as State,
      postalCode: req("patient_zip"),
    }),
    accountNumber: str(r, "patient_account_number"),
    coverages: [coverage],
  });
}

/** The subscriber as given; left to zod to say what is missing (it names the exact field). */
function buildSubscriber(r: DataRow): Record<string, unknown> | undefined {
  const cols = ["subscriber_first_name", "subscriber_last_name", "subscriber_dob", "subscriber_sex"];
  const addressCols = ["subscriber_address_line1", "subscriber_city", "subscriber_state", "subscriber_zip"];
  if (!anyOf(r, [...cols, ...addressCols])) return undefined;
  return compact({
    firstName: str(r, "subscriber_first_name"),
    lastName: str(r, "subscriber_last_name"),
    dateOfBirth: str(r, "subscriber_dob"),
    sex: str(r, "subscriber_sex"),
    address: anyOf(r, addressCols)
      ? compact({
          line1: str(r, "subscriber_address_line1"),
          city: str(r, "subscriber_city"),
          state: str(r, "subscriber_state"),
          postalCode: str(r, "subscriber_zip"),
        })
      : undefined,
  });
}

function buildLine(r: DataRow): Line {
  const pointers = r.values.get("diagnosis_pointers");
  const modifiers = ["modifier_1", "modifier_2", "modifier_3", "modifier_4"]
    .map((c) => str(r, c))
    .filter((m) => m !== undefined);
  return compact<Line>({
    procedureCode: str(r, "procedure_code") ?? "",
    modifiers: modifiers.length > 0 ? modifiers : undefined,
    units: num(r, "units") ?? 1,
    chargeCents: num(r, "charge"),
    diagnosisPointers: Array.isArray(pointers) ? pointers : [],
    serviceDate: str(r, "line_service_date"),
    serviceDateTo: str(r, "line_service_date_to"),
    ndc: str(r, "ndc"),
    ndcQuantity: num(r, "ndc_quantity"),
    ndcUnit: str(r, "ndc_unit") as Line["ndcUnit"],
  });
}
