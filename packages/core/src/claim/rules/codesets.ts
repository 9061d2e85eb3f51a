import {
  fiscalYearOf,
  loadedFiscalYears,
  lookupIcd10,
  isValidPos,
  isModifierShape,
  isProcedureCodeShape,
  normalizeNdc,
  codingEdits,
} from "../../codes/index.ts";
import type { CodeSets } from "./types.ts";

/**
 * ICD-10-CM lookup by the date of service's fiscal year. When that year's set is not loaded yet
 * (before the operator imports October's release), the latest earlier set answers for the codes
 * it knows — a billable code carries over, a category header stays a header — and a code it does
 * not know (perhaps new this year) is "can't verify", a warning.
 */
export function icd10WithFallback(code: string, dateOfService: string) {
  const exact = lookupIcd10(code, dateOfService);
  if (exact.status !== "no_code_set") return exact;
  const fy = fiscalYearOf(dateOfService);
  const earlier = loadedFiscalYears()
    .filter((y) => y < fy)
    .sort((a, b) => b - a)[0];
  if (earlier === undefined) return exact;
  const prior = lookupIcd10(code, `${earlier}-06-30`);
  return prior.status === "billable" || prior.status === "not_billable" ? prior : exact;
}

/**
 * The real code sets, wired in one place; rules receive them through ScrubContext.codes. The
 * coding edits load lazily: the list of releases on the first scrub, each table on the first
 * claim that needs it, then kept for the life of the container.
 */
export const codeSets: CodeSets = {
  icd10: icd10WithFallback,
  isValidPos,
  isProcedureCodeShape,
  isModifierShape,
  normalizeNdc,
  get edits() {
    return codingEdits();
  },
};

/** The code sets without the coding edits (the bench's baseline). */
export const shapeOnlyCodeSets: CodeSets = {
  icd10: icd10WithFallback,
  isValidPos,
  isProcedureCodeShape,
  isModifierShape,
  normalizeNdc,
};
