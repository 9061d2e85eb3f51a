import type { ClaimLine } from "../claim.types.ts";
import type { Rule, RuleHit, ScrubContext } from "./types.ts";
import { codeWithModifiers, isBlank, lineLabel, money } from "./util.ts";

/** Most service lines a professional claim holds (837P loop 2400). */
export const MAX_LINES = 50;
/** Most modifiers a line holds (SV101-3..6). */
export const MAX_MODIFIERS = 4;
/**
 * Modifiers that say why the same code is billed twice on one day: distinct procedural service
 * (59, XE, XS, XP, XU), repeat procedure (76, 77), repeat lab test (91), separate E/M (25), side (LT, RT).
 */
export const DISTINCT_SERVICE_MODIFIERS: ReadonlySet<string> = new Set([
  "59",
  "XE",
  "XS",
  "XP",
  "XU",
  "76",
  "77",
  "91",
  "25",
  "LT",
  "RT",
]);

/** HCPCS J-codes: drugs administered other than orally, and chemotherapy drugs. */
const DRUG_J_CODE = /^J\d{4}$/;

type LineCheck = (line: ClaimLine, i: number, ctx: ScrubContext) => RuleHit[];
const eachLine = (fn: LineCheck) => (ctx: ScrubContext) => ctx.claim.lines.flatMap((l, i) => fn(l, i, ctx));

export const linesRequired: Rule = {
  id: "lines.required",
  severity: "error",
  title: "The claim has at least one service line",
  check: ({ claim }) =>
    claim.lines.length > 0
      ? []
      : [
          {
            path: "lines",
            message: "The claim has no service lines.",
            fixHint: "Add the services performed (procedure code, units, charge, diagnosis pointers).",
          },
        ],
};

export const linesMax: Rule = {
  id: "lines.max",
  severity: "error",
  title: `At most ${MAX_LINES} service lines`,
  check: ({ claim }) =>
    claim.lines.length <= MAX_LINES
      ? []
      : [
          {
            path: "lines",
            message: `The claim has ${claim.lines.length} service lines; a professional claim holds at most ${MAX_LINES}.`,
            fixHint: `Split the services over several claims of at most ${MAX_LINES} lines each.`,
          },
        ],
};

export const procShape: Rule = {
  id: "proc.shape",
  severity: "error",
  title: "Each procedure code is shaped like a CPT or HCPCS code",
  check: eachLine((line, i, { codes }) =>
    codes.isProcedureCodeShape(line.procedureCode)
      ? []
      : [
          {
            path: `lines.${i}.procedureCode`,
            message: isBlank(line.procedureCode)
              ? `${lineLabel(line, i)} has no procedure code.`
              : `${lineLabel(line, i)}: "${line.procedureCode}" is not a CPT or HCPCS code (5 digits like 99213, 4 digits and F/T/U/M like 0042T, or a letter and 4 digits like J1885).`,
            fixHint:
              "Enter the CPT/HCPCS code from the visit, upper case and without spaces; put modifiers in the modifier fields.",
          },
        ],
  ),
};

export const modifierShape: Rule = {
  id: "modifier.shape",
  severity: "error",
  title: `Modifiers are two letters or digits, at most ${MAX_MODIFIERS} a line`,
  check: eachLine((line, i, { codes }) => {
    const hits: RuleHit[] = [];
    if (line.modifiers.length > MAX_MODIFIERS) {
      hits.push({
        path: `lines.${i}.modifiers`,
        message: `${lineLabel(line, i)} (${line.procedureCode}) has ${line.modifiers.length} modifiers (${line.modifiers.join(", ")}); at most ${MAX_MODIFIERS} are allowed.`,
        fixHint: `Keep the ${MAX_MODIFIERS} modifiers that affect payment first (e.g. 25, 59, 26/TC), or split the service per payer rules.`,
      });
    }
    line.modifiers.forEach((m, mi) => {
      if (codes.isModifierShape(m)) return;
      hits.push({
        path: `lines.${i}.modifiers.${mi}`,
        message: `${lineLabel(line, i)} (${line.procedureCode}): modifier "${m}" is not a modifier (two letters or digits, like 25 or LT).`,
        fixHint: "Correct the modifier (upper case, two characters) or remove it.",
      });
    });
    return hits;
  }),
};

export const lineUnits: Rule = {
  id: "line.units",
  severity: "error",
  title: "Each line has more than zero units",
  check: eachLine((line, i) =>
    Number.isFinite(line.units) && line.units > 0
      ? []
      : [
          {
            path: `lines.${i}.units`,
            message: `${lineLabel(line, i)} (${line.procedureCode}) has ${line.units} units; units must be more than zero.`,
            fixHint: "Enter how many units of the service were given (1 for most visits).",
          },
        ],
  ),
};

export const lineCharge: Rule = {
  id: "line.charge",
  severity: "error",
  title: "Each line has a charge (sent, or from the fee schedule)",
  check: eachLine((line, i) => {
    const path = `lines.${i}.chargeCents`;
    const code = codeWithModifiers(line);
    if (line.chargeSource === "missing") {
      return [
        {
          path,
          message: `${lineLabel(line, i)} has no charge and none in the fee schedule for ${code}.`,
          fixHint: `Enter the line's charge, or add ${code} to the practice's fee schedule and re-scrub.`,
        },
      ];
    }
    if (!Number.isSafeInteger(line.chargeCents) || line.chargeCents <= 0) {
      const shown = Number.isSafeInteger(line.chargeCents) ? money(line.chargeCents) : `${line.chargeCents} cents`;
      return [
        {
          path,
          message: `${lineLabel(line, i)} (${code}) has a charge of ${shown}; a charge must be a positive whole number of cents.`,
          fixHint: "Enter the practice's usual charge for the service.",
        },
      ];
    }
    return [];
  }),
};

const modifierKey = (line: ClaimLine) => [...new Set(line.modifiers.map((m) => m.toUpperCase()))].sort().join(",");

export const sameCodeSameDay: Rule = {
  id: "line.same-code-same-day",
  severity: "warning",
  title: "The same code twice on one day carries a modifier saying why",
  check: ({ claim }) => {
    const hits: RuleHit[] = [];
    const seen = new Map<string, number>();
    claim.lines.forEach((line, i) => {
      if (line.modifiers.some((m) => DISTINCT_SERVICE_MODIFIERS.has(m.toUpperCase()))) return;
      const key = `${line.procedureCode.toUpperCase()}|${line.serviceDate}|${modifierKey(line)}`;
      const earlier = seen.get(key);
      if (earlier === undefined) {
        seen.set(key, i);
        return;
      }
      const first = claim.lines[earlier];
      hits.push({
        path: `lines.${i}.procedureCode`,
        message: `${codeWithModifiers(line)} is billed on ${first ? lineLabel(first, earlier).toLowerCase() : `line ${earlier + 1}`} and ${lineLabel(line, i).toLowerCase()} for the same date, ${line.serviceDate}, with nothing to tell them apart.`,
        fixHint:
          "If it is the same service, delete this line and raise the units on the other. If it was really done twice, add the modifier that says why (59/XE/XS/XP/XU distinct service, 76/77 repeat procedure, 91 repeat lab, LT/RT side).",
      });
    });
    return hits;
  },
};

export const ndcShape: Rule = {
  id: "ndc.shape",
  severity: "error",
  title: "NDCs are valid National Drug Codes; drug J-codes carry one",
  check: eachLine((line, i, { codes }) => {
    const path = `lines.${i}.ndc`;
    if (line.ndc === undefined || isBlank(line.ndc)) {
      if (!DRUG_J_CODE.test(line.procedureCode)) return [];
      return [
        {
          path,
          severity: "warning",
          message: `${lineLabel(line, i)} bills the drug code ${line.procedureCode} without an NDC; most payers (and all Medicaid plans) deny drug lines without one.`,
          fixHint: "Enter the 11-digit NDC from the vial or package used, with its quantity and unit.",
        },
      ];
    }
    if (codes.normalizeNdc(line.ndc) !== undefined) return [];
    return [
      {
        path,
        message: `${lineLabel(line, i)} (${line.procedureCode}): "${line.ndc}" is not a National Drug Code (11 digits 5-4-2, or a hyphenated 10-digit 4-4-2, 5-3-2 or 5-4-1 code).`,
        fixHint: "Copy the NDC from the package label, keeping its hyphens so the missing leading zero can be placed.",
      },
    ];
  }),
};

export const ndcQuantity: Rule = {
  id: "ndc.quantity",
  severity: "error",
  title: "A line with an NDC gives the drug quantity",
  check: eachLine((line, i) => {
    if (line.ndc === undefined || isBlank(line.ndc)) return [];
    const q = line.ndcQuantity;
    if (q !== undefined && Number.isFinite(q) && q > 0) return [];
    return [
      {
        path: `lines.${i}.ndcQuantity`,
        message: `${lineLabel(line, i)} (${line.procedureCode}) has NDC ${line.ndc} but ${q === undefined ? "no drug quantity" : `a drug quantity of ${q}`}; the NDC is not sent without a positive quantity.`,
        fixHint: "Enter the amount of drug given and its unit (ML, UN, GR, ME or F2).",
      },
    ];
  }),
};

export const LINE_RULES: readonly Rule[] = [
  linesRequired,
  linesMax,
  procShape,
  modifierShape,
  lineUnits,
  lineCharge,
  sameCodeSameDay,
  ndcShape,
  ndcQuantity,
];
