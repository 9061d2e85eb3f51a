import type { ClaimDocument } from "../claim.types.ts";
import type { Rule, RuleHit } from "./types.ts";
import { fiscalYearOf, isBlank, isIsoDate, lineLabel } from "./util.ts";

/** Most diagnoses a professional claim (837P HI segment, CMS-1500 box 21) holds. */
export const MAX_DIAGNOSES = 12;
/** Most diagnosis pointers one service line holds (SV107). */
export const MAX_POINTERS = 4;

/** A letter, a digit, a letter or digit, then optionally a dot and 1-4 more letters or digits. */
const ICD10_SHAPE = /^[A-Z][0-9][A-Z0-9](?:\.?[A-Z0-9]{1,4})?$/;

const normalized = (code: string) => code.trim().toUpperCase();
const label = (i: number, code: string) => `Diagnosis ${i + 1} "${code}"`;

export const dxRequired: Rule = {
  id: "dx.required",
  severity: "error",
  title: "The claim has at least one diagnosis",
  check: ({ claim }) =>
    claim.diagnoses.some((d) => !isBlank(d))
      ? []
      : [
          {
            path: "diagnoses",
            message: "The claim has no diagnosis code; every claim needs at least one ICD-10-CM diagnosis.",
            fixHint: "Add the diagnosis codes from the visit note, the primary reason for the visit first.",
          },
        ],
};

export const dxMax: Rule = {
  id: "dx.max",
  severity: "error",
  title: `At most ${MAX_DIAGNOSES} diagnoses`,
  check: ({ claim }) =>
    claim.diagnoses.length <= MAX_DIAGNOSES
      ? []
      : [
          {
            path: "diagnoses",
            message: `The claim has ${claim.diagnoses.length} diagnoses; a professional claim holds at most ${MAX_DIAGNOSES}.`,
            fixHint: `Keep the ${MAX_DIAGNOSES} diagnoses the lines need (re-point the lines), or split the services over two claims.`,
          },
        ],
};

/**
 * The dates of service a diagnosis is billed on, one per ICD-10-CM fiscal year: the dates of the
 * lines pointing at it, or the claim's date when no line does. Malformed dates are skipped (dos.valid reports them).
 */
function datesFor(claim: ClaimDocument, index: number): Map<number, string> {
  const dates = claim.lines.filter((l) => l.diagnosisPointers.includes(index + 1)).map((l) => l.serviceDate);
  if (dates.length === 0) dates.push(claim.serviceDate);
  const byYear = new Map<number, string>();
  for (const d of dates) if (isIsoDate(d) && !byYear.has(fiscalYearOf(d))) byYear.set(fiscalYearOf(d), d);
  return byYear;
}

export const dxIcd10: Rule = {
  id: "dx.icd10",
  severity: "error",
  title: "Each diagnosis is a billable ICD-10-CM code for the date of service",
  check: ({ claim, codes }) => {
    const hits: RuleHit[] = [];
    claim.diagnoses.forEach((raw, i) => {
      const path = `diagnoses.${i}`;
      const code = normalized(raw);
      if (code === "") {
        hits.push({
          path,
          message: `Diagnosis ${i + 1} is blank.`,
          fixHint: "Enter the ICD-10-CM code or remove the empty entry (and re-point the lines).",
        });
        return;
      }
      if (!ICD10_SHAPE.test(code)) {
        hits.push({
          path,
          message: `${label(i, raw)} is not an ICD-10-CM code: one looks like a letter, a digit, a letter or digit, then up to 4 more characters after a dot (e.g. E11.9, S72.001A).`,
          fixHint: "Correct the code from the visit note; ICD-9 codes (e.g. 250.00) and CPT codes do not belong here.",
        });
        return;
      }
      for (const [fy, date] of datesFor(claim, i)) {
        const r = codes.icd10(code, date);
        if (r.status === "unknown") {
          hits.push({
            path,
            message: `${label(i, raw)} is not an ICD-10-CM code in FY${fy} (dates of service ${fy - 1}-10-01 to ${fy}-09-30).`,
            fixHint: `Check the code for a typo, or whether it was added or deleted on October 1; use a code valid in FY${fy}.`,
          });
        } else if (r.status === "not_billable") {
          hits.push({
            path,
            message: `${label(i, raw)} is not billable in FY${fy}: ${r.hint}.`,
            fixHint: "Replace it with the more specific (billable) code that matches the documentation.",
          });
        } else if (r.status === "no_code_set") {
          hits.push({
            path,
            severity: "warning",
            message: `${label(i, raw)} could not be checked: no ICD-10-CM code set for FY${r.fiscalYear} is installed.`,
            fixHint: `Verify the code by hand, or have an administrator import the FY${r.fiscalYear} ICD-10-CM code set and re-scrub.`,
          });
        }
      }
    });
    return hits;
  },
};

export const dxDuplicate: Rule = {
  id: "dx.duplicate",
  severity: "warning",
  title: "No diagnosis is listed twice",
  check: ({ claim }) => {
    const hits: RuleHit[] = [];
    const first = new Map<string, number>();
    claim.diagnoses.forEach((raw, i) => {
      const key = normalized(raw).replace(".", "");
      if (key === "") return;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, i);
        return;
      }
      hits.push({
        path: `diagnoses.${i}`,
        message: `${label(i, raw)} repeats diagnosis ${earlier + 1}.`,
        fixHint: `Remove the repeat and point the lines that used diagnosis ${i + 1} at diagnosis ${earlier + 1}.`,
      });
    });
    return hits;
  },
};

export const dxPointer: Rule = {
  id: "dx.pointer",
  severity: "error",
  title: `Each line points at 1-${MAX_POINTERS} of the claim's diagnoses, none twice`,
  check: ({ claim }) => {
    const hits: RuleHit[] = [];
    const count = claim.diagnoses.length;
    const fix = `Point the line at the diagnoses (1 to ${count}) that justify the service, the main one first.`;
    claim.lines.forEach((line, li) => {
      const who = lineLabel(line, li);
      const base = `lines.${li}.diagnosisPointers`;
      const ptrs = line.diagnosisPointers;
      if (ptrs.length === 0)
        hits.push({ path: base, message: `${who} (${line.procedureCode}) points at no diagnosis.`, fixHint: fix });
      if (ptrs.length > MAX_POINTERS) {
        hits.push({
          path: base,
          message: `${who} (${line.procedureCode}) has ${ptrs.length} diagnosis pointers; at most ${MAX_POINTERS} are allowed.`,
          fixHint: `Keep the ${MAX_POINTERS} diagnoses that best support the service.`,
        });
      }
      const seen = new Set<number>();
      ptrs.forEach((p, pi) => {
        const path = `${base}.${pi}`;
        if (!Number.isInteger(p) || p < 1 || p > count) {
          const has =
            count === 0
              ? "the claim has no diagnoses"
              : `the claim has only ${count} diagnos${count === 1 ? "is" : "es"}`;
          hits.push({
            path,
            message: `${who} (${line.procedureCode}) points at diagnosis ${p}, but ${has}.`,
            fixHint: fix,
          });
        } else if (isBlank(claim.diagnoses[p - 1])) {
          hits.push({
            path,
            message: `${who} (${line.procedureCode}) points at diagnosis ${p}, which is blank.`,
            fixHint: fix,
          });
        }
        if (seen.has(p)) {
          hits.push({
            path,
            message: `${who} (${line.procedureCode}) points at diagnosis ${p} twice.`,
            fixHint: "Remove the repeated pointer.",
          });
        }
        seen.add(p);
      });
    });
    return hits;
  },
};

export const DIAGNOSIS_RULES: readonly Rule[] = [dxRequired, dxMax, dxIcd10, dxDuplicate, dxPointer];
