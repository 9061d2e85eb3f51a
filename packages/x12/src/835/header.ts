/** The 835 header segments: BPR, TRN, DTM*405, REF, N1 payer/payee loops. */
import type { SegmentCursor } from "../scanner.ts";
import { segmentCode } from "../scanner.ts";
import type { ReaderContext } from "./fields.ts";
import type { Remittance835 } from "./types.ts";

const BPR = segmentCode("BPR");
const TRN = segmentCode("TRN");
const DTM = segmentCode("DTM");
const N1 = segmentCode("N1");
const REF = segmentCode("REF");

/** Reads one segment before the first claim (or between claims' LX groups). */
export function header(ctx: ReaderContext, remit: Remittance835, c: SegmentCursor): void {
  switch (c.code) {
    case BPR: {
      const p = remit.payment;
      p.handlingCode = c.el(1);
      p.amountCents = ctx.money(c, 2, true);
      p.creditDebit = c.el(3);
      p.method = c.el(4);
      if (!c.empty(5)) p.format = c.el(5);
      p.rawDate = c.el(16);
      p.date = ctx.date(c, 16);
      return;
    }
    case TRN: {
      const t = { type: c.el(1), number: c.el(2), payerId: c.el(3) };
      remit.trace = c.empty(4) ? t : { ...t, supplementalId: c.el(4) };
      return;
    }
    case DTM:
      if (c.is(1, "405")) remit.productionDate = ctx.date(c, 2);
      return;
    case N1:
      return n1(ctx, remit, c);
    case REF:
      return ref(ctx, remit, c);
    default:
      return;
  }
}

function n1(ctx: ReaderContext, remit: Remittance835, c: SegmentCursor): void {
  const entity = c.el(1);
  ctx.party = entity;
  if (entity === "PR") {
    remit.payer.name = c.el(2);
    if (!c.empty(4)) {
      remit.payer.idQualifier = c.el(3);
      remit.payer.id = c.el(4);
    }
  } else if (entity === "PE") {
    const pe = remit.payee;
    pe.name = c.el(2);
    if (!c.empty(4)) {
      pe.idQualifier = c.el(3);
      pe.id = c.el(4);
      if (pe.idQualifier === "XX") pe.npi = pe.id;
      else if (pe.idQualifier === "FI") pe.taxId = pe.id;
    }
  }
}

function ref(ctx: ReaderContext, remit: Remittance835, c: SegmentCursor): void {
  const r = { qualifier: c.el(1), value: c.el(2) };
  if (ctx.party === "PR") {
    remit.payer.references.push(r);
    if (r.qualifier === "2U" && remit.payer.id === undefined) {
      remit.payer.id = r.value;
      remit.payer.idQualifier = "2U";
    }
  } else if (ctx.party === "PE") {
    remit.payee.references.push(r);
    if (r.qualifier === "TJ") remit.payee.taxId = r.value;
  } else {
    remit.references.push(r);
  }
}
