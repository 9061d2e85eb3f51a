/**
 * The 835 state machine. Fed one segment at a time from a SegmentCursor (whole text or stream),
 * it builds typed remittance records, balances each claim as soon as it is complete, and queues
 * events so callers can take the claims one by one without holding the whole file. It reads only
 * the elements it needs, straight from the cursor, and interns short codes.
 */
import { issue } from "../errors.ts";
import type { X12ErrorCode } from "../errors.ts";
import type { SegmentCursor } from "../scanner.ts";
import { segmentCode } from "../scanner.ts";
import { balanceClaim, finishBalance } from "./balance.ts";
import { EMPTY, add, adjudicationAt, casAt, claimParty, partyAt, plbAt, procedureAt } from "./fields.ts";
import type { ReaderContext } from "./fields.ts";
import { header } from "./header.ts";
import type { Claim835, Remittance835, Remittance835Event, ServiceLine835 } from "./types.ts";

const ST = segmentCode("ST");
const SE = segmentCode("SE");
const GE = segmentCode("GE");
const IEA = segmentCode("IEA");
const ISA = segmentCode("ISA");
const DTM = segmentCode("DTM");
const REF = segmentCode("REF");
const LX = segmentCode("LX");
const CLP = segmentCode("CLP");
const CAS = segmentCode("CAS");
const NM1 = segmentCode("NM1");
const MIA = segmentCode("MIA");
const MOA = segmentCode("MOA");
const AMT = segmentCode("AMT");
const SVC = segmentCode("SVC");
const LQ = segmentCode("LQ");
const PLB = segmentCode("PLB");

export class Remittance835Parser implements ReaderContext {
  /** Events not yet taken by the caller. */
  readonly events: Remittance835Event[] = [];
  private readonly keepClaims: boolean;
  private remit: Remittance835 | undefined = undefined;
  private claim: Claim835 | undefined = undefined;
  private line: ServiceLine835 | undefined = undefined;
  /** N1 loop of the header currently open (PR payer, PE payee). */
  party = "";

  /** keepClaims: also store each claim in its remittance's `claims` (false when streaming). */
  constructor(keepClaims: boolean) {
    this.keepClaims = keepClaims;
  }

  /** True while inside an 835 transaction set. */
  get active(): boolean {
    return this.remit !== undefined;
  }

  /** Takes every segment of the input; segments outside 835 transaction sets are ignored. */
  feed(c: SegmentCursor): void {
    const code = c.code;
    const remit = this.remit;
    if (remit === undefined) {
      if (code === ST && c.is(1, "835")) this.start(c);
      return;
    }
    const claim = this.claim;
    if (claim === undefined) {
      // header (and PLB after the claims)
      if (code === CLP) return this.startClaim(c);
      if (code === SE) return this.end();
      if (code === PLB) return plbAt(this, remit, c);
      if (code === ST || code === GE || code === IEA || code === ISA) return this.abort(c);
      if (code === SVC || code === CAS || code === MIA || code === MOA)
        return this.report("unexpected-segment", c, undefined, `${c.id()} before any CLP`);
      return header(this, remit, c);
    }
    const line = this.line;
    switch (code) {
      case CAS:
        if (line === undefined) claim.adjustments = casAt(this, c, claim.adjustments);
        else line.adjustments = casAt(this, c, line.adjustments);
        return;
      case DTM:
        return this.dtm(c, claim, line);
      case REF: {
        if (line !== undefined && c.is(1, "6R")) line.lineItemControlNumber = c.el(2);
        else if (line !== undefined)
          line.references = add(line.references, { qualifier: c.interned(1), value: c.el(2) });
        else claim.references = add(claim.references, { qualifier: c.interned(1), value: c.el(2) });
        return;
      }
      case AMT: {
        const cents = this.money(c, 2, true);
        if (line !== undefined && c.is(1, "B6")) line.allowedCents = cents;
        else if (line !== undefined) line.amounts = add(line.amounts, { qualifier: c.interned(1), amountCents: cents });
        else claim.amounts = add(claim.amounts, { qualifier: c.interned(1), amountCents: cents });
        return;
      }
      case SVC:
        return this.startLine(c, claim);
      case LQ:
        if (line !== undefined && c.is(1, "HE") && !c.empty(2)) line.remarkCodes = add(line.remarkCodes, c.interned(2));
        return;
      case NM1:
        if (line === undefined) claimParty(claim, partyAt(c));
        return;
      case MIA:
      case MOA:
        return adjudicationAt(c, claim, code === MIA);
      case CLP:
        this.finishClaim();
        return this.startClaim(c);
      case LX:
        return this.finishClaim();
      case PLB:
        this.finishClaim();
        return plbAt(this, remit, c);
      case SE:
        return this.end();
      case ST:
      case GE:
      case IEA:
      case ISA:
        return this.abort(c);
      default:
        return;
    }
  }

  /** Closes an unfinished transaction at the end of input. */
  close(): void {
    if (this.remit !== undefined) {
      this.remit.issues.push(issue("missing-se", "", 0, undefined, `835 ${this.remit.controlNumber} ends without SE`));
      this.end();
    }
  }

  /** Records a defect of the current segment in the remittance's issues. */
  report(code: X12ErrorCode, c: SegmentCursor, element: number | undefined, text: string): void {
    this.remit!.issues.push(issue(code, c.id(), c.index, element, text));
  }

  /** Element n as cents; 0, an issue and a balance problem when missing (if required) or not an amount. */
  money(c: SegmentCursor, n: number, required: boolean): number {
    const v = c.cents(n);
    if (v !== undefined && !Number.isNaN(v)) return v;
    if (v === undefined && !required) return 0;
    const what = v === undefined ? "is missing" : `"${c.el(n)}" is not an amount`;
    this.report(v === undefined ? "missing-element" : "invalid-amount", c, n, `amount ${what}`);
    const name = `${c.id()}${n < 10 ? "0" : ""}${n}`;
    this.remit!.balance.problems.push({
      claim: this.claim?.patientControlNumber ?? "",
      message: `${name} (segment ${c.index}) ${what}`,
    });
    return 0;
  }

  /** Element n as a date; undefined (and an issue when present but invalid) otherwise. */
  date(c: SegmentCursor, n: number): string | undefined {
    const d = c.date(n);
    if (d !== null) return d;
    this.report("invalid-date", c, n, `"${c.el(n)}" is not a date (CCYYMMDD)`);
    return undefined;
  }

  private start(c: SegmentCursor): void {
    this.remit = {
      controlNumber: c.el(2),
      segmentIndex: c.index,
      payment: { handlingCode: "", amountCents: 0, creditDebit: "", method: "", date: undefined, rawDate: "" },
      references: [],
      payer: { name: "", references: [] },
      payee: { name: "", references: [] },
      claims: [],
      providerAdjustments: [],
      balance: { balanced: false, paymentCents: 0, claims: 0, paidCents: 0, providerAdjustmentCents: 0, problems: [] },
      issues: [],
    };
    this.claim = undefined;
    this.line = undefined;
    this.party = "";
  }

  /** At SE, or where SE is missing: the last claim, the transaction's balance, the event. */
  private end(): void {
    const remit = this.remit!;
    this.finishClaim();
    finishBalance(remit);
    this.events.push({ type: "remittance", remittance: remit });
    this.remit = undefined;
  }

  private abort(c: SegmentCursor): void {
    this.report("missing-se", c, undefined, `835 ${this.remit!.controlNumber} ends without SE`);
    this.end();
    if (c.code === ST) this.feed(c);
  }

  private dtm(c: SegmentCursor, claim: Claim835, line: ServiceLine835 | undefined): void {
    const date = this.date(c, 2);
    if (line !== undefined) {
      if (c.is(1, "472") || c.is(1, "150")) line.serviceDate = date;
      else if (c.is(1, "151")) line.serviceDateEnd = date;
      else line.dates = add(line.dates, { qualifier: c.interned(1), date, raw: c.el(2) });
    } else if (c.is(1, "232")) claim.statementFrom = date;
    else if (c.is(1, "233")) claim.statementTo = date;
    else if (c.is(1, "050")) claim.receivedDate = date;
    else claim.dates = add(claim.dates, { qualifier: c.interned(1), date, raw: c.el(2) });
  }

  private startClaim(c: SegmentCursor): void {
    const claim: Claim835 = {
      segmentIndex: c.index,
      patientControlNumber: c.el(1),
      status: c.interned(2),
      chargeCents: 0,
      paidCents: 0,
      patientResponsibilityCents: 0,
      filingIndicator: c.interned(6),
      payerClaimControlNumber: c.el(7),
      adjustments: EMPTY,
      otherParties: EMPTY,
      remarkCodes: EMPTY,
      dates: EMPTY,
      references: EMPTY,
      amounts: EMPTY,
      lines: EMPTY,
    };
    this.claim = claim;
    this.line = undefined;
    if (c.empty(1)) this.report("missing-element", c, 1, "patient control number is missing");
    claim.chargeCents = this.money(c, 3, true);
    claim.paidCents = this.money(c, 4, true);
    claim.patientResponsibilityCents = this.money(c, 5, false);
    if (!c.empty(8)) claim.facilityCode = c.interned(8);
    if (!c.empty(9)) claim.frequencyCode = c.interned(9);
    if (!c.empty(11)) claim.drgCode = c.el(11);
  }

  private finishClaim(): void {
    const claim = this.claim;
    if (claim === undefined) return;
    const remit = this.remit!;
    balanceClaim(claim, remit.balance);
    if (this.keepClaims) remit.claims.push(claim);
    this.events.push({ type: "claim", claim, remittance: remit });
    this.claim = undefined;
    this.line = undefined;
  }

  private startLine(c: SegmentCursor, claim: Claim835): void {
    const line: ServiceLine835 = {
      line: claim.lines.length + 1,
      segmentIndex: c.index,
      procedure: this.procedure(c, 1),
      chargeCents: this.money(c, 2, true),
      paidCents: this.money(c, 3, true),
      adjustments: EMPTY,
      references: EMPTY,
      amounts: EMPTY,
      remarkCodes: EMPTY,
      dates: EMPTY,
    };
    if (!c.empty(4)) line.revenueCode = c.interned(4);
    const units = this.number(c, 5);
    if (units !== undefined) line.units = units;
    if (!c.empty(6)) line.originalProcedure = this.procedure(c, 6);
    const original = this.number(c, 7);
    if (original !== undefined) line.originalUnits = original;
    claim.lines = add(claim.lines, line);
    this.line = line;
  }

  private number(c: SegmentCursor, n: number): number | undefined {
    if (c.empty(n)) return undefined;
    const v = Number(c.el(n));
    if (Number.isFinite(v)) return v;
    this.report("invalid-number", c, n, `"${c.el(n)}" is not a number`);
    return undefined;
  }

  private procedure(c: SegmentCursor, n: number): ReturnType<typeof procedureAt> {
    const p = procedureAt(c, n);
    if (p.qualifier.length > 2) {
      const comp = c.delimiters?.component ?? ":";
      this.report(
        "bad-composite",
        c,
        n,
        `"${c.el(n)}" is not qualifier${comp}code: the file may use another component separator than ISA16`,
      );
    } else if (p.code === "") {
      this.report("missing-element", c, n, `"${c.el(n)}" has no procedure code`);
    }
    return p;
  }
}
