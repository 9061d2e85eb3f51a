/** Segment-to-record helpers of the 835 reader, reading straight from the cursor. */
import type { X12ErrorCode } from "../errors.ts";
import type { SegmentCursor } from "../scanner.ts";
import type { Adjustment, Claim835, Party835, ProcedureCode, Remittance835 } from "./types.ts";

/** What the segment readers need from the parser. */
export interface ReaderContext {
  /** N1 loop of the header currently open (PR payer, PE payee). */
  party: string;
  report(code: X12ErrorCode, c: SegmentCursor, element: number | undefined, text: string): void;
  money(c: SegmentCursor, n: number, required: boolean): number;
  date(c: SegmentCursor, n: number): string | undefined;
}

/** The shared empty list; `add` replaces it with a real array on the first item. */
export const EMPTY: readonly never[] = Object.freeze([]);

export function add<T>(list: readonly T[], item: T): readonly T[] {
  if (list === EMPTY) return [item];
  (list as T[]).push(item);
  return list;
}

/** Element n as a composite procedure: qualifier : code : modifier 1-4 : description. */
export function procedureAt(c: SegmentCursor, n: number): ProcedureCode {
  if (n >= c.count) return { qualifier: "", code: "", modifiers: EMPTY };
  const text = c.text;
  const sep = c.componentCode;
  const end = c.elEnd(n);
  let start = c.elStart(n);
  let k = 0;
  const p: ProcedureCode = { qualifier: "", code: "", modifiers: EMPTY };
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== sep) continue;
    if (k === 0) p.qualifier = c.intern(start, i);
    else if (k === 1) p.code = text.slice(start, i);
    else if (k <= 5) {
      if (i > start) p.modifiers = add(p.modifiers, c.intern(start, i));
    } else if (k === 6 && i > start) p.description = text.slice(start, i);
    k++;
    start = i + 1;
  }
  return p;
}

/** NM1: entity, type, name parts and identifier. */
export function partyAt(c: SegmentCursor): Party835 {
  const p: Party835 = { entity: c.interned(1), entityType: c.interned(2), name: c.el(3) };
  if (!c.empty(4)) p.firstName = c.el(4);
  if (!c.empty(5)) p.middleName = c.el(5);
  if (!c.empty(7)) p.suffix = c.el(7);
  if (!c.empty(9)) {
    p.idQualifier = c.interned(8);
    p.id = c.el(9);
  }
  return p;
}

/** Files an NM1 of the claim loop under its role. */
export function claimParty(claim: Claim835, p: Party835): void {
  switch (p.entity) {
    case "QC":
      claim.patient = p;
      break;
    case "IL":
      claim.insured = p;
      break;
    case "74":
      claim.correctedPatient = p;
      break;
    case "82":
      claim.renderingProvider = p;
      break;
    case "TT":
      claim.crossoverCarrier = p;
      break;
    default:
      claim.otherParties = add(claim.otherParties, p);
  }
}

/** CAS: a group code, then up to six reason / amount / quantity triplets. */
export function casAt(ctx: ReaderContext, c: SegmentCursor, list: readonly Adjustment[]): readonly Adjustment[] {
  const group = c.interned(1);
  for (let n = 2; n <= 17; n += 3) {
    if (c.empty(n) && c.empty(n + 1)) {
      if (n === 2) ctx.report("missing-element", c, 2, "adjustment reason code is missing");
      break;
    }
    const adj: Adjustment = { group, reason: c.interned(n), amountCents: ctx.money(c, n + 1, true) };
    if (!c.empty(n + 2)) {
      const q = Number(c.el(n + 2));
      if (Number.isFinite(q)) adj.quantity = q;
      else ctx.report("invalid-number", c, n + 2, `"${c.el(n + 2)}" is not a quantity`);
    }
    list = add(list, adj);
  }
  return list;
}

/** MIA / MOA: kept as sent, remark codes collected. */
export function adjudicationAt(c: SegmentCursor, claim: Claim835, inpatient: boolean): void {
  const remarks = inpatient ? [5, 20, 21, 22, 23, 24] : [3, 4, 5, 6, 7];
  for (const n of remarks) if (!c.empty(n)) claim.remarkCodes = add(claim.remarkCodes, c.interned(n));
  const els = c.elements().slice(1);
  if (inpatient) claim.inpatient = els;
  else claim.outpatient = els;
}

/** PLB: provider, fiscal period date, then up to six reason:reference / amount pairs. */
export function plbAt(ctx: ReaderContext, remit: Remittance835, c: SegmentCursor): void {
  const providerId = c.el(1);
  const date = ctx.date(c, 2);
  for (let n = 3; n <= 13; n += 2) {
    if (c.empty(n) && c.empty(n + 1)) break;
    const parts = c.components(n);
    const adj = {
      segmentIndex: c.index,
      providerId,
      date,
      reason: parts[0] ?? "",
      amountCents: ctx.money(c, n + 1, true),
    };
    const ref = parts[1];
    remit.providerAdjustments.push(ref === undefined || ref === "" ? adj : { ...adj, reference: ref });
  }
}
