import { loadJsonDataFile } from "./codeset-dir.ts";

/**
 * Claim Adjustment Reason Codes (X12 external code source 139), as found in 835 CAS segments,
 * with a default next action for the denials work queue. Descriptions live in data/carc.json
 * (loaded on first use); codes no longer active are kept, flagged, because old remits use them.
 */

/** What a biller would usually do next about an adjustment with this reason. */
export type CarcAction = "correct_and_resubmit" | "appeal" | "bill_patient" | "write_off" | "bill_other_payer" | "none";

export const CARC_ACTIONS: readonly CarcAction[] = [
  "correct_and_resubmit",
  "appeal",
  "bill_patient",
  "write_off",
  "bill_other_payer",
  "none",
];

/** Claim adjustment group codes (CAS01). */
export const GROUP_CODES = Object.freeze({
  CO: "Contractual obligation",
  PR: "Patient responsibility",
  OA: "Other adjustment",
  PI: "Payer initiated reduction",
  CR: "Correction and reversal",
} as const);

export type GroupCode = keyof typeof GROUP_CODES;

export interface CarcEntry {
  description: string;
  category: CarcAction;
  /** The code has been deactivated by the code committee; still seen on older remittances. */
  deactivated?: boolean;
}

export interface CarcDescription {
  code: string;
  description: string;
  known: boolean;
  /** The default action; "review" for a code this list does not know. */
  suggestedAction: CarcAction | "review";
  deactivated?: boolean;
}

let cache: { raw: unknown; table: ReadonlyMap<string, CarcEntry> } | undefined;

/** The table built from data/carc.json; rebuilt only when a different file has been loaded. */
function carcTable(): ReadonlyMap<string, CarcEntry> {
  const raw = loadJsonDataFile("carc.json");
  if (!cache || cache.raw !== raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("carc.json: not an object of codes");
    const map = new Map<string, CarcEntry>();
    for (const [code, e] of Object.entries(raw as Record<string, Partial<CarcEntry>>)) {
      if (typeof e?.description !== "string" || !CARC_ACTIONS.includes(e.category as CarcAction)) {
        throw new Error(`carc.json: bad entry for ${code}`);
      }
      map.set(code, {
        description: e.description,
        category: e.category as CarcAction,
        ...(e.deactivated ? { deactivated: true } : {}),
      });
    }
    cache = { raw, table: map };
  }
  return cache.table;
}

/** As written in CAS02: trimmed, upper-case, no leading zeros (" 045 " → "45", "b13" → "B13"). */
function normalizeCarc(code: string): string {
  const c = code.trim().toUpperCase();
  return /^\d+$/.test(c) ? String(Number(c)) : c;
}

/** The description of a CARC, or undefined when it is not in the list. */
export function carcDescription(code: string): string | undefined {
  return carcTable().get(normalizeCarc(code))?.description;
}

/** Every CARC in the list (for pick-lists and reports). */
export function listCarcs(): Array<{ code: string } & CarcEntry> {
  return [...carcTable()].map(([code, e]) => ({ code, ...e }));
}

/**
 * Describes a CARC for display and the work queue. With the CAS group code, the suggestion
 * follows liability: under PR the payer has assigned the amount to the patient, so any
 * non-informational reason becomes bill_patient; under CO the patient may not be billed, so a
 * default bill_patient becomes write_off. An unknown code still comes back, known=false.
 */
export function describeCarc(code: string, group?: GroupCode): CarcDescription {
  const c = normalizeCarc(code);
  const e = carcTable().get(c);
  if (!e) return { code: c, description: `Unknown reason code ${c}`, known: false, suggestedAction: "review" };
  let suggestedAction = e.category;
  if (group === "PR" && suggestedAction !== "none") suggestedAction = "bill_patient";
  else if (group === "CO" && suggestedAction === "bill_patient") suggestedAction = "write_off";
  return {
    code: c,
    description: e.description,
    known: true,
    suggestedAction,
    ...(e.deactivated ? { deactivated: true } : {}),
  };
}
