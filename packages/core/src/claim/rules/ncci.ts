import type { Rule, RuleHit, ScrubContext } from "./types.ts";
import type { EditSetKind } from "../../codes/index.ts";
import { cite, DISTINCT_MODIFIERS, isOfficeEm, isPreventive, linesByDay, PTP_MODIFIERS, setOf } from "./coding-util.ts";
import { lineLabel } from "./util.ts";

/**
 * NCCI edits (CMS's practitioner tables, see codes/edits): procedure-to-procedure pairs, medically
 * unlikely edits, add-on codes, and one warning when a table is missing, so "no PTP data" is never
 * read as "no PTP problem".
 */

const ptpHint = (col2: string) =>
  isOfficeEm(col2) || isPreventive(col2)
    ? `modifier 25 on the E/M ${col2}, when a significant, separately identifiable E/M service is documented`
    : "59 or the more precise XE (separate encounter), XS (separate structure), XP (separate practitioner) or XU (unusual non-overlapping service), or an anatomic modifier, when documented";

const ptp: Rule = {
  id: "ncci.ptp",
  severity: "error",
  title: "NCCI procedure-to-procedure edits: a code billed with a code it is bundled into",
  check(ctx) {
    const edits = ctx.codes.edits;
    const hits: RuleHit[] = [];
    if (!edits) return hits;
    for (const [day, lines] of linesByDay(ctx.claim)) {
      const set = setOf(ctx, "ptp", day);
      if (!set) continue;
      for (let i = 0; i < lines.length; i++)
        for (let j = i + 1; j < lines.length; j++) {
          const [a, b] = [lines[i]!, lines[j]!];
          if (a.line.procedureCode === b.line.procedureCode) continue;
          let one = a;
          let two = b;
          let e = edits.ptp(a.line.procedureCode, b.line.procedureCode, day);
          if (!e) {
            e = edits.ptp(b.line.procedureCode, a.line.procedureCode, day);
            [one, two] = [b, a];
          }
          if (!e || e.modifier === 9) continue;
          const bypass = [...one.line.modifiers, ...two.line.modifiers].some((m) => PTP_MODIFIERS.has(m));
          if (e.modifier === 1 && bypass) continue;
          const c1 = one.line.procedureCode;
          const c2 = two.line.procedureCode;
          hits.push({
            path: `lines.${two.index}.procedureCode`,
            message:
              `${lineLabel(two.line, two.index)}: ${c2} is bundled into ${c1} (${lineLabel(one.line, one.index)}) on ${day}: ` +
              `NCCI PTP column 1 ${c1} / column 2 ${c2}, modifier indicator ${e.modifier}, in force since ${e.effective}` +
              `${e.rationale ? ` (${e.rationale})` : ""}; ` +
              (e.modifier === 0 ? "no modifier can unbundle this pair" : `a modifier can apply: ${ptpHint(c2)}`) +
              `${cite(set)}.`,
            fixHint:
              e.modifier === 0
                ? `Remove ${c2}: it is paid as part of ${c1} (or bill ${c2} alone if ${c1} was not done).`
                : `If ${c2} was a distinct service, add the modifier the record supports to line ${two.index + 1}; otherwise remove ${c2}.`,
          });
        }
    }
    return hits;
  },
};

const MAI = { 1: "MAI 1, per line", 2: "MAI 2, per day by policy", 3: "MAI 3, per day by clinical data" } as const;

const mue: Rule = {
  id: "ncci.mue",
  severity: "error",
  title: "Medically unlikely edits: more units of a code than CMS allows per line or per day",
  check(ctx) {
    const edits = ctx.codes.edits;
    const hits: RuleHit[] = [];
    if (!edits) return hits;
    for (const [day, lines] of linesByDay(ctx.claim)) {
      const set = setOf(ctx, "mue", day);
      if (!set) continue;
      const byCode = new Map<string, typeof lines>();
      for (const l of lines) byCode.set(l.line.procedureCode, [...(byCode.get(l.line.procedureCode) ?? []), l]);
      for (const [code, group] of byCode) {
        const m = edits.mue(code, day);
        if (!m) continue;
        const over = m.mai === 1 ? group.filter((l) => l.line.units > m.value) : [];
        const total = group.reduce((s, l) => s + l.line.units, 0);
        const flagged = m.mai === 1 ? over : total > m.value ? [group.at(-1)!] : [];
        for (const l of flagged)
          hits.push({
            path: `lines.${l.index}.units`,
            message:
              m.mai === 1
                ? `${lineLabel(l.line, l.index)}: ${l.line.units} units of ${code}; the MUE is ${m.value} per line (${MAI[1]})${cite(set)}.`
                : `${total} units of ${code} on ${day}${group.length > 1 ? ` across ${group.length} lines` : ""}; the MUE is ${m.value} per day (${MAI[m.mai]})${cite(set)}.`,
            fixHint:
              m.mai === 1
                ? `Bill at most ${m.value} on a line; more units of a distinct service go on another line with a modifier (76, 77, 91, anatomic).`
                : m.mai === 2
                  ? `Correct the units: no more than ${m.value} of ${code} is payable for one patient on one day.`
                  : `Check the units; more than ${m.value} is payable only on appeal with records showing medical necessity.`,
          });
      }
    }
    return hits;
  },
};

const addOn: Rule = {
  id: "ncci.addon",
  severity: "error",
  title: "Add-on codes billed without an eligible primary code",
  check(ctx) {
    const edits = ctx.codes.edits;
    const hits: RuleHit[] = [];
    if (!edits) return hits;
    for (const [day, lines] of linesByDay(ctx.claim)) {
      const set = setOf(ctx, "aoc", day);
      if (!set) continue;
      for (const l of lines) {
        const a = edits.addOn(l.line.procedureCode, day);
        if (!a) continue;
        const others = lines.filter((o) => o !== l && !edits.addOn(o.line.procedureCode, day));
        const listed = others.filter((o) => a.primaries.includes(o.line.procedureCode));
        if (listed.length > 0 || (a.type === 2 && others.length > 0)) continue;
        const soft = a.type === 3 && others.length > 0;
        hits.push({
          path: `lines.${l.index}.procedureCode`,
          ...(soft ? { severity: "warning" as const } : {}),
          message:
            `${lineLabel(l.line, l.index)}: ${l.line.procedureCode} is an add-on code (type ${a.type}) ` +
            (others.length === 0
              ? `billed on ${day} with no primary procedure`
              : `without one of its primary codes on ${day}`) +
            `${a.primaries.length ? ` (primaries: ${a.primaries.slice(0, 8).join(", ")}${a.primaries.length > 8 ? ", …" : ""})` : ""}${cite(set)}.`,
          fixHint: `Bill the primary procedure ${l.line.procedureCode} is added to on the same claim and day, or remove the add-on.`,
        });
      }
    }
    return hits;
  },
};

const CHECKED: { kind: EditSetKind; what: string }[] = [
  { kind: "ptp", what: "NCCI PTP (code pairs)" },
  { kind: "mue", what: "NCCI MUE (units)" },
  { kind: "aoc", what: "NCCI add-on codes" },
  { kind: "hcpcs", what: "HCPCS Level II" },
  { kind: "agesex", what: "MCE age/sex diagnosis lists" },
];

function missing(ctx: ScrubContext): RuleHit[] {
  if (!ctx.codes.edits) return [];
  const day = ctx.claim.serviceDate;
  const absent = CHECKED.filter((c) => !setOf(ctx, c.kind, day)).map((c) => c.what);
  const partial = CHECKED.map((c) => setOf(ctx, c.kind, day))
    .filter((s) => s?.partial)
    .map((s) => s!.label);
  if (absent.length === 0 && partial.length === 0) return [];
  return [
    {
      path: "",
      message:
        (absent.length
          ? `No edit set is loaded for ${day} for ${absent.join(", ")}: those edits were not checked.`
          : "") +
        (partial.length
          ? `${absent.length ? " " : ""}Partial edit sets were used (${partial.join("; ")}): edits missing from them were not checked.`
          : ""),
      fixHint:
        "Ask the operator to import CMS's current files (npm run import-edits; see the README's scrubber section).",
    },
  ];
}

const missingSet: Rule = {
  id: "edits.missing",
  severity: "warning",
  title: "A coding edit set is not loaded (or only partly) for the date of service",
  check: missing,
};

/** Distinct-service modifiers only where a PTP pair allows a modifier. */
const distinct: Rule = {
  id: "mod.distinct",
  severity: "warning",
  title: "59/XE/XS/XP/XU on a code no PTP pair of the claim calls for",
  check(ctx) {
    const edits = ctx.codes.edits;
    const hits: RuleHit[] = [];
    if (!edits) return hits;
    for (const [day, lines] of linesByDay(ctx.claim)) {
      if (!setOf(ctx, "ptp", day)) continue;
      for (const l of lines) {
        const m = l.line.modifiers.find((x) => DISTINCT_MODIFIERS.has(x));
        if (!m) continue;
        const code = l.line.procedureCode;
        const paired = lines.some((o) => {
          if (o === l) return false;
          const e = edits.ptp(o.line.procedureCode, code, day) ?? edits.ptp(code, o.line.procedureCode, day);
          return e?.modifier === 1;
        });
        if (!paired)
          hits.push({
            path: `lines.${l.index}.modifiers`,
            message: `${lineLabel(l.line, l.index)}: modifier ${m} on ${code}, but no NCCI PTP pair with another code billed on ${day} allows a modifier${cite(setOf(ctx, "ptp", day))}.`,
            fixHint: `Remove ${m} unless a payer policy asks for it: payers audit 59 and X modifiers used without a PTP edit to bypass.`,
          });
      }
    }
    return hits;
  },
};

export const NCCI_RULES: readonly Rule[] = [ptp, mue, addOn, distinct, missingSet];
