import type { ClaimDocument, ClaimLine } from "../claim.types.ts";
import type { EditSetInfo, EditSetKind } from "../../codes/index.ts";
import type { ScrubContext } from "./types.ts";

/** Office/outpatient E/M visits (99202-99205 new, 99211-99215 established). */
export function isOfficeEm(code: string): boolean {
  return /^992(0[2-5]|1[1-5])$/.test(code);
}

/** Preventive visits: 99381-99387 and 99391-99397, and Medicare's IPPE and annual wellness visits. */
export function isPreventive(code: string): boolean {
  return /^993(8[1-7]|9[1-7])$/.test(code) || ["G0402", "G0438", "G0439"].includes(code);
}

/** Modifiers that may bypass a PTP edit with modifier indicator 1 (NCCI-associated modifiers). */
export const PTP_MODIFIERS: ReadonlySet<string> = new Set([
  ...["59", "XE", "XS", "XP", "XU", "24", "25", "27", "57", "58", "78", "79", "91"],
  ...["LT", "RT", "LC", "LD", "LM", "RC", "RI", "FA", "TA", "E1", "E2", "E3", "E4"],
  ...["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"],
]);

/** 59 and its four subsets, which only a PTP pair with indicator 1 calls for. */
export const DISTINCT_MODIFIERS: ReadonlySet<string> = new Set(["59", "XE", "XS", "XP", "XU"]);

export interface DayLine {
  line: ClaimLine;
  index: number;
}

/** Lines by date of service (lines without a usable code are left out). */
export function linesByDay(claim: ClaimDocument): Map<string, DayLine[]> {
  const days = new Map<string, DayLine[]>();
  claim.lines.forEach((line, index) => {
    if (!/^[0-9A-Z]{5}$/.test(line.procedureCode)) return;
    const d = line.serviceDate || claim.serviceDate;
    days.set(d, [...(days.get(d) ?? []), { line, index }]);
  });
  return days;
}

/** The edit set of a kind in force on the date, when the rules have edits at all. */
export function setOf(ctx: ScrubContext, kind: EditSetKind, date: string): EditSetInfo | undefined {
  return ctx.codes.edits?.set(kind, date);
}

/** " (CMS NCCI PTP practitioner 2026Q1)": the set a finding used, as its message ends. */
export function cite(info: EditSetInfo | undefined): string {
  return info ? ` (${info.label})` : "";
}
