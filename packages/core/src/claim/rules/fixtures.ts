/**
 * Test fixtures for the scrub rules: a claim that passes every rule, small fake code sets, and
 * helpers. Used by the *.test.ts files beside it; nothing in production imports this file.
 */
import type { ClaimDocument, Finding } from "../claim.types.ts";
import type { CodeSets, ScrubContext } from "./types.ts";
import { scrub } from "./index.ts";
import { codingEditsOf, fixtureTables } from "../../codes/index.ts";

export const TODAY = "2026-03-10";

/** Billable codes per fiscal year (a synthetic, tiny code set). R00.9 is billable in FY2025 only. */
const COMMON = ["E11.9", "E11.65", "I10", "E53.8", "J06.9", "R05.9", "Z00.00", "S72.001A"];
export const FAKE_ICD10: Readonly<Record<number, ReadonlySet<string>>> = {
  2025: new Set([...COMMON, "R00.9"]),
  2026: new Set(COMMON),
};
/** Category headers (not billable) and the hint a lookup gives for them. */
export const FAKE_HEADERS: Readonly<Record<string, string>> = {
  E11: "E11 is a category; use one of its billable codes (E11.65, E11.9)",
  "E11.6": "E11.6 is a subcategory; use one of its billable codes (E11.65)",
};

function fiscalYear(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 10 ? y + 1 : y;
}

/** Calls made to the fake ICD-10 lookup, to assert which date (fiscal year) a code was checked for. */
export const icd10Calls: Array<{ code: string; date: string }> = [];

export const fakeCodes: CodeSets = {
  icd10(code, date) {
    icd10Calls.push({ code, date });
    const fy = fiscalYear(date);
    const set = FAKE_ICD10[fy];
    if (!set) return { status: "no_code_set", fiscalYear: fy };
    if (set.has(code)) return { status: "billable" };
    const hint = FAKE_HEADERS[code];
    return hint ? { status: "not_billable", hint } : { status: "unknown" };
  },
  isValidPos: (code) => ["02", "10", "11", "12", "22", "23"].includes(code),
  isProcedureCodeShape: (code) => /^(?:\d{5}|\d{4}[FTUM]|[A-CEGHJ-MP-V]\d{4})$/.test(code),
  isModifierShape: (m) => /^[A-Z0-9]{2}$/.test(m),
  normalizeNdc: (ndc) => (/^\d{11}$/.test(ndc) || /^\d{5}-\d{4}-\d{2}$/.test(ndc) ? ndc.replace(/-/g, "") : undefined),
  // The coding edits from the real-format fixture files (codes/edits/fixtures); the PTP table is
  // in force from 2026-07-01 only as a release, but its rows carry their own dates.
  edits: codingEditsOf(fixtureTables()),
};

/**
 * A claim every rule accepts: valid NPIs (billing, rendering and a referring provider), an EIN and
 * ZIP+4, a child covered under a parent's policy (complete subscriber), dated coverage, three
 * diagnoses, and three lines (an E/M with modifier 25, an injection, and a drug J-code with its NDC).
 */
export function cleanClaim(): ClaimDocument {
  return {
    claimId: "CLTEST00000001",
    practiceId: "prc_test",
    frequencyCode: "1",
    billingProvider: {
      kind: "organization",
      organizationName: "Lakeside Family Medicine",
      npi: "1245319599",
      taxonomyCode: "207Q00000X",
      taxId: "123456789",
      address: { line1: "100 Main St", city: "Springfield", state: "IL", postalCode: "627011234" },
    },
    renderingProvider: {
      providerId: "prv_1",
      kind: "individual",
      firstName: "Ada",
      lastName: "Lovelace",
      npi: "1679576722",
      taxonomyCode: "207Q00000X",
    },
    referringProvider: { kind: "individual", firstName: "Grace", lastName: "Hopper", npi: "1234567893" },
    patient: {
      patientId: "pat_1",
      firstName: "Tom",
      lastName: "Smith",
      dateOfBirth: "2015-06-01",
      sex: "M",
      address: { line1: "1 Oak Ave", city: "Springfield", state: "IL", postalCode: "62704" },
      accountNumber: "A100",
    },
    coverage: {
      coverageId: "cov_1",
      order: "primary",
      payerId: "pay_1",
      payerName: "Blue Prairie Health",
      clearinghousePayerId: "BPH01",
      claimFilingIndicator: "CI",
      timelyFilingDays: 365,
      memberId: "XJH123456789",
      groupNumber: "G100",
      relationship: "child",
      subscriber: {
        firstName: "Jane",
        lastName: "Smith",
        dateOfBirth: "1985-03-02",
        sex: "F",
        address: { line1: "1 Oak Ave", city: "Springfield", state: "IL", postalCode: "62704" },
      },
      effectiveFrom: "2025-01-01",
      effectiveTo: "2026-12-31",
    },
    placeOfService: "11",
    serviceDate: "2026-02-20",
    diagnoses: ["E11.9", "I10", "E53.8"],
    lines: [
      {
        lineNumber: 1,
        lineId: "LN1",
        procedureCode: "99214",
        modifiers: ["25"],
        units: 1,
        chargeCents: 15000,
        diagnosisPointers: [1, 2],
        serviceDate: "2026-02-20",
        chargeSource: "encounter",
      },
      {
        lineNumber: 2,
        lineId: "LN2",
        procedureCode: "96372",
        modifiers: [],
        units: 1,
        chargeCents: 4500,
        diagnosisPointers: [3],
        serviceDate: "2026-02-20",
        chargeSource: "fee_schedule",
      },
      {
        lineNumber: 3,
        lineId: "LN3",
        procedureCode: "J3420",
        modifiers: [],
        units: 1,
        chargeCents: 5000,
        diagnosisPointers: [3],
        serviceDate: "2026-02-20",
        ndc: "63323-0044-01",
        ndcQuantity: 1,
        ndcUnit: "ML",
        chargeSource: "encounter",
      },
    ],
    totalChargeCents: 24500,
    submittedTotalCents: 24500,
  };
}

/** A copy of the clean claim changed by `mutate`. */
export function claimWith(mutate: (c: ClaimDocument) => void): ClaimDocument {
  const c = structuredClone(cleanClaim());
  mutate(c);
  return c;
}

export function ctxFor(claim: ClaimDocument, extra: Partial<Omit<ScrubContext, "claim">> = {}): ScrubContext {
  return { claim, today: TODAY, codes: fakeCodes, ...extra };
}

/** The findings of one rule for a claim (through scrub, so ids and severities are final). */
export function findingsOf(
  ruleId: string,
  claim: ClaimDocument,
  extra: Partial<Omit<ScrubContext, "claim">> = {},
): Finding[] {
  return scrub(ctxFor(claim, extra)).filter((f) => f.ruleId === ruleId);
}
