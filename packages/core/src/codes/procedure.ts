/**
 * Shape checks for procedure codes, modifiers and National Drug Codes. These say whether a value
 * can be a code, not whether it is a current one (the CPT and HCPCS lists are licensed/quarterly
 * and not shipped here).
 */

export type ProcedureCodeKind =
  | "cpt" // CPT Category I: five digits, 99213
  | "cpt_category_ii" // performance measurement: four digits + F, 3074F
  | "cpt_category_iii" // emerging technology: four digits + T, 0042T
  | "cpt_pla" // Proprietary Laboratory Analyses: four digits + U, 0001U
  | "cpt_maaa" // administrative Multianalyte Assays with Algorithmic Analyses: four digits + M, 0002M
  | "hcpcs"; // HCPCS Level II: a letter then four digits, G0438, J1885

const KINDS: ReadonlyArray<[RegExp, ProcedureCodeKind]> = [
  [/^\d{5}$/, "cpt"],
  [/^\d{4}F$/, "cpt_category_ii"],
  [/^\d{4}T$/, "cpt_category_iii"],
  [/^\d{4}U$/, "cpt_pla"],
  [/^\d{4}M$/, "cpt_maaa"],
  // HCPCS Level II sections in use for medical claims: A-C, E, G, H, J-M, P-V.
  // (D codes are the ADA's CDT dental codes, billed on dental claims, so not accepted here.)
  [/^[A-CEGHJ-MP-V]\d{4}$/, "hcpcs"],
];

/** Which kind of procedure code `code` is shaped like (exact: upper case, no spaces), if any. */
export function procedureCodeKind(code: string): ProcedureCodeKind | undefined {
  return KINDS.find(([re]) => re.test(code))?.[1];
}

/** Whether `code` is shaped like a CPT (any category) or HCPCS Level II code. */
export function isProcedureCodeShape(code: string): boolean {
  return procedureCodeKind(code) !== undefined;
}

/** Trims and upper-cases a procedure code; undefined when the result is not procedure-code shaped. */
export function normalizeProcedureCode(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  return isProcedureCodeShape(c) ? c : undefined;
}

/** Whether `modifier` is shaped like a CPT/HCPCS modifier: two upper-case letters or digits (25, GT, XU). */
export function isModifierShape(modifier: string): boolean {
  return /^[A-Z0-9]{2}$/.test(modifier);
}

/**
 * Normalises an NDC to the 11-digit 5-4-2 billing form (digits only), as required in the 837
 * LIN segment. Accepts the three hyphenated 10-digit label layouts — 4-4-2 (a leading zero is
 * added to the labeler), 5-3-2 (to the product) and 5-4-1 (to the package) — and the 11-digit
 * form with or without hyphens (5-4-2). An unhyphenated 10-digit NDC is ambiguous (which segment
 * gets the zero?) and is refused, as is anything else: returns undefined.
 */
export function normalizeNdc(ndc: string): string | undefined {
  const s = ndc.trim();
  if (/^\d{11}$/.test(s)) return s;
  const m = /^(\d+)-(\d+)-(\d+)$/.exec(s);
  if (!m) return undefined;
  const [labeler, product, pkg] = [m[1]!, m[2]!, m[3]!];
  const layout = `${labeler.length}-${product.length}-${pkg.length}`;
  switch (layout) {
    case "5-4-2":
      return `${labeler}${product}${pkg}`;
    case "4-4-2":
      return `0${labeler}${product}${pkg}`;
    case "5-3-2":
      return `${labeler}0${product}${pkg}`;
    case "5-4-1":
      return `${labeler}${product}0${pkg}`;
    default:
      return undefined;
  }
}

/** Formats an 11-digit NDC as 5-4-2 with hyphens (for display), or undefined when it is not 11 digits. */
export function formatNdc11(ndc: string): string | undefined {
  const s = normalizeNdc(ndc);
  return s && `${s.slice(0, 5)}-${s.slice(5, 9)}-${s.slice(9)}`;
}
