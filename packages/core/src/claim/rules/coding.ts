import type { Rule, RuleHit } from "./types.ts";
import { ageOn, DX_AGE_RANGES, type DxList } from "../../codes/index.ts";
import { cite, isOfficeEm, isPreventive, linesByDay, setOf } from "./coding-util.ts";
import { lineLabel } from "./util.ts";

/**
 * Code validity on the date of service, age and sex against the diagnosis lists and the
 * age-banded preventive codes, and the modifiers that follow from the codes billed together.
 */

const HCPCS_RE = /^[A-CEGHJ-MP-V]\d{4}$/;
const CPT_RE = /^(?:\d{5}|\d{4}[FTUM])$/;

function codeRule(id: string, kind: "hcpcs" | "cpt", shape: RegExp, what: string): Rule {
  return {
    id,
    severity: "error",
    title: `${what} codes exist and are in force on the date of service`,
    check(ctx) {
      const edits = ctx.codes.edits;
      const hits: RuleHit[] = [];
      if (!edits) return hits;
      ctx.claim.lines.forEach((line, i) => {
        const code = line.procedureCode;
        const day = line.serviceDate || ctx.claim.serviceDate;
        const set = setOf(ctx, kind, day);
        if (!shape.test(code) || !set) return;
        const s = edits.code(kind, code, day);
        const at = { path: `lines.${i}.procedureCode` };
        const label = lineLabel(line, i);
        if (s.status === "not_yet")
          hits.push({
            ...at,
            message: `${label}: ${code} takes effect on ${s.added}, after the date of service ${day}${cite(set)}.`,
            fixHint: `Use the code in force on ${day}.`,
          });
        else if (s.status === "terminated")
          hits.push({
            ...at,
            message: `${label}: ${code} was discontinued after ${s.terminated}; the date of service is ${day}${cite(set)}.`,
            fixHint: `Use the code that replaced ${code}.`,
          });
        else if (s.status === "unknown") {
          const older = Number(set.version.slice(0, 4)) < Number(day.slice(0, 4));
          hits.push({
            ...at,
            ...(older ? { severity: "warning" as const } : {}),
            message: older
              ? `${label}: ${code} is not in the loaded ${what} file ${set.version}; it may be newer than that file, so it cannot be verified for ${day}${cite(set)}.`
              : `${label}: ${code} is not a ${what} code${cite(set)}.`,
            fixHint: older
              ? `Import the current ${what} file (npm run import-edits -- ${kind} …) or check the code.`
              : `Correct the procedure code.`,
          });
        }
      });
      return hits;
    },
  };
}

const AGE_LISTS = ["newborn", "pediatric", "maternity", "adult"] as const;

const dxAge: Rule = {
  id: "dx.age",
  severity: "error",
  title: "Diagnoses for newborns, children, maternity or adults only, against the patient's age",
  check(ctx) {
    const edits = ctx.codes.edits;
    const day = ctx.claim.serviceDate;
    const age = ageOn(ctx.claim.patient.dateOfBirth, day);
    const set = setOf(ctx, "agesex", day);
    if (!edits || age === undefined || !set) return [];
    return ctx.claim.diagnoses.flatMap((dx, i): RuleHit[] => {
      const lists = edits
        .dxLists(dx, day)
        .filter((l): l is (typeof AGE_LISTS)[number] => (AGE_LISTS as readonly DxList[]).includes(l));
      if (lists.length === 0 || lists.some((l) => age >= DX_AGE_RANGES[l][0] && age <= DX_AGE_RANGES[l][1])) return [];
      const ranges = lists.map((l) => `${l} (ages ${DX_AGE_RANGES[l][0]}-${DX_AGE_RANGES[l][1]})`).join(" or ");
      return [
        {
          path: `diagnoses.${i}`,
          message: `${dx} is ${/^[aeiou]/.test(ranges) ? "an" : "a"} ${ranges} diagnosis; the patient is ${age} on ${day}${cite(set)}.`,
          fixHint: `Check the diagnosis and the patient's date of birth; use the code for the patient's age.`,
        },
      ];
    });
  },
};

const dxSex: Rule = {
  id: "dx.sex",
  severity: "error",
  title: "Diagnoses for one sex only, against the patient's recorded sex",
  check(ctx) {
    const edits = ctx.codes.edits;
    const day = ctx.claim.serviceDate;
    const sex = ctx.claim.patient.sex;
    const set = setOf(ctx, "agesex", day);
    if (!edits || !set || (sex !== "M" && sex !== "F")) return [];
    return ctx.claim.diagnoses.flatMap((dx, i): RuleHit[] => {
      const lists = edits.dxLists(dx, day);
      const only = lists.includes("female") ? "female" : lists.includes("male") ? "male" : undefined;
      if (!only || (only === "female") === (sex === "F")) return [];
      return [
        {
          path: `diagnoses.${i}`,
          message: `${dx} is a diagnosis for ${only} patients only; the patient's recorded sex is ${sex === "F" ? "female" : "male"}${cite(set)}.`,
          fixHint: "Check the diagnosis code and the patient's recorded sex.",
        },
      ];
    });
  },
};

const procAge: Rule = {
  id: "proc.age",
  severity: "error",
  title: "Age-banded procedure codes (preventive visits) against the patient's age",
  check(ctx) {
    const edits = ctx.codes.edits;
    const hits: RuleHit[] = [];
    if (!edits) return hits;
    ctx.claim.lines.forEach((line, i) => {
      const band = edits.ageBand(line.procedureCode);
      const day = line.serviceDate || ctx.claim.serviceDate;
      const age = ageOn(ctx.claim.patient.dateOfBirth, day);
      if (!band || age === undefined || (age >= band.minAge && age <= band.maxAge)) return;
      const series = line.procedureCode.slice(0, 4);
      const fit = ["0", "1", "2", "3", "4", "5", "6", "7"]
        .map((d) => edits.ageBand(`${series}${d}`))
        .find((b) => b && age >= b.minAge && age <= b.maxAge);
      hits.push({
        path: `lines.${i}.procedureCode`,
        message: `${lineLabel(line, i)}: ${line.procedureCode} is for ages ${band.minAge}-${band.maxAge}; the patient is ${age} on ${day}.`,
        fixHint: fit
          ? `Use ${fit.code} (ages ${fit.minAge}-${fit.maxAge}) if the visit was a preventive visit.`
          : "Use the code for the patient's age.",
      });
    });
    return hits;
  },
};

const mod25: Rule = {
  id: "mod.25",
  severity: "error",
  title: "Modifier 25 on an E/M billed with a preventive service the same day",
  check(ctx) {
    if (!ctx.codes.edits) return [];
    const hits: RuleHit[] = [];
    for (const [day, lines] of linesByDay(ctx.claim)) {
      const prev = lines.find((l) => isPreventive(l.line.procedureCode));
      if (!prev) continue;
      for (const l of lines)
        if (isOfficeEm(l.line.procedureCode) && !l.line.modifiers.includes("25"))
          hits.push({
            path: `lines.${l.index}.modifiers`,
            message: `${lineLabel(l.line, l.index)}: ${l.line.procedureCode} is billed with the preventive service ${prev.line.procedureCode} on ${day} without modifier 25.`,
            fixHint: `Add modifier 25 to ${l.line.procedureCode} if a significant, separately identifiable problem was addressed and documented; otherwise remove it.`,
          });
    }
    return hits;
  },
};

const laterality: Rule = {
  id: "mod.laterality",
  severity: "error",
  title: "LT, RT and 50 used consistently on a line",
  check(ctx) {
    return ctx.claim.lines.flatMap((line, i): RuleHit[] => {
      const m = new Set(line.modifiers);
      const both = m.has("LT") && m.has("RT");
      const bilateral = m.has("50") && (m.has("LT") || m.has("RT"));
      if (!both && !bilateral) return [];
      return [
        {
          path: `lines.${i}.modifiers`,
          message: `${lineLabel(line, i)}: ${line.procedureCode} carries ${both ? "both LT and RT" : `50 (bilateral) with ${m.has("LT") ? "LT" : "RT"}`}.`,
          fixHint:
            "A bilateral procedure is one line with 50 (or per the payer, RT and LT on two lines); a one-sided one carries LT or RT alone.",
        },
      ];
    });
  },
};

export const CODING_RULES: readonly Rule[] = [
  codeRule("hcpcs.valid", "hcpcs", HCPCS_RE, "HCPCS Level II"),
  codeRule("cpt.valid", "cpt", CPT_RE, "CPT"),
  dxAge,
  dxSex,
  procAge,
  mod25,
  laterality,
];
