/**
 * Envelope validation as a state machine over segments: ISA/IEA, GS/GE, ST/SE nesting, counts and
 * control numbers, ISA fixed width. It reports, never throws, and keeps no segment, so it runs over
 * a stream in bounded memory. Errors of an envelope are attached to every transaction set inside it.
 */
import { issue } from "./errors.ts";
import type { X12ErrorCode, X12Issue } from "./errors.ts";
import type { SegmentCursor } from "./scanner.ts";
import { segmentCode } from "./scanner.ts";

const ISA = segmentCode("ISA");
const IEA = segmentCode("IEA");
const GS = segmentCode("GS");
const GE = segmentCode("GE");
const ST = segmentCode("ST");
const SE = segmentCode("SE");
const TA1 = segmentCode("TA1");
/** Elements that are always composites (qualifier + code): CLM05, SV101, SV201, SV301, HI01. */
const COMPOSITES = new Map<number, number>([
  [segmentCode("CLM"), 5],
  [segmentCode("SV1"), 1],
  [segmentCode("SV2"), 2],
  [segmentCode("SV3"), 1],
  [segmentCode("HI"), 1],
]);

/** Widths of ISA01..ISA16. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

export interface TransactionInfo {
  /** ST01, e.g. "835". */
  set: string;
  /** ST02. */
  controlNumber: string;
  /** Segments from ST to SE inclusive (as counted; what SE01 should say). */
  segments: number;
  errors: X12Issue[];
  /** 1-based segment index of the ST. */
  segmentIndex: number;
  /** GS01 functional identifier code (HC, HP, FA, HN...). */
  functionalId: string;
  /** ST03 when present, else GS08 (e.g. "005010X222A1"). */
  version: string;
  /** ISA13 and GS06 of the enclosing envelopes. */
  interchangeControlNumber: string;
  groupControlNumber: string;
}

export interface EnvelopeReport {
  interchanges: number;
  groups: number;
  transactions: TransactionInfo[];
  /** Every issue once, in file order (envelope issues also appear in their transactions). */
  errors: X12Issue[];
}

interface Open {
  control: string;
  index: number;
  children: number;
  transactions: TransactionInfo[];
  errors: X12Issue[];
}

interface OpenGroup extends Open {
  functionalId: string;
  version: string;
}

/** Characters other files use as component separators. */
const LIKELY_SEPARATORS = ">:^|<\\!{}";

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigits(s: string): boolean {
  if (s === "") return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function validId(c: SegmentCursor): boolean {
  if (c.code < 0) return false;
  for (let s = 16; s >= 0; s -= 8) {
    const ch = (c.code >> s) & 0xff;
    if (s === 0 && ch === 0) return true;
    if (!((ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90))) return false;
  }
  return true;
}

export class EnvelopeTracker {
  readonly report: EnvelopeReport = { interchanges: 0, groups: 0, transactions: [], errors: [] };
  private isa: Open | undefined = undefined;
  private gs: OpenGroup | undefined = undefined;
  private st: TransactionInfo | undefined = undefined;
  private compositeChecked = false;

  /** The transaction set currently open, if any. */
  get current(): TransactionInfo | undefined {
    return this.st;
  }

  feed(c: SegmentCursor): void {
    const code = c.code;
    if (c.unterminated) {
      const scope = this.st?.errors ?? this.gs?.errors ?? this.isa?.errors;
      this.err(
        scope,
        "missing-terminator",
        c,
        undefined,
        `the last segment has no segment terminator "${c.delimiters?.segment ?? ""}"`,
      );
    }
    if (this.st !== undefined) {
      if (code === SE) return this.se(c);
      if (code !== ST && code !== GS && code !== GE && code !== IEA && code !== ISA) {
        this.st.segments++;
        if (!validId(c))
          this.add(
            this.st.errors,
            issue("bad-segment-id", c.id(), c.index, undefined, `"${c.id()}" is not a segment id`),
          );
        else if (!this.compositeChecked && COMPOSITES.has(code)) this.composite(c, COMPOSITES.get(code)!);
        return;
      }
      this.closeSt(`ST ${this.st.controlNumber} (segment ${this.st.segmentIndex}) has no SE before ${c.id()}`);
    }
    switch (code) {
      case ISA:
        return this.openIsa(c);
      case IEA:
        return this.iea(c);
      case GS:
        return this.openGs(c);
      case GE:
        return this.ge(c);
      case ST:
        return this.openSt(c);
      case SE:
        return this.err(this.scope(), "missing-st", c, undefined, "SE without a matching ST");
      case TA1:
        if (this.isa !== undefined && this.gs === undefined) return;
        return this.err(
          this.scope(),
          "outside-envelope",
          c,
          undefined,
          "TA1 belongs between ISA and GS, or GE and IEA",
        );
      default:
        return this.err(
          this.scope(),
          "outside-envelope",
          c,
          undefined,
          `${c.id()} is outside any transaction set (ST/SE)`,
        );
    }
  }

  /** At the end of input: whatever is still open is missing its trailer. */
  finish(): EnvelopeReport {
    if (this.st !== undefined) this.closeSt(`ST ${this.st.controlNumber} (segment ${this.st.segmentIndex}) has no SE`);
    if (this.gs !== undefined) this.closeGs(`GS ${this.gs.control} (segment ${this.gs.index}) has no GE`);
    if (this.isa !== undefined) this.closeIsa(`ISA ${this.isa.control} (segment ${this.isa.index}) has no IEA`);
    return this.report;
  }

  private scope(): X12Issue[] | undefined {
    return this.gs?.errors ?? this.isa?.errors;
  }

  private add(list: X12Issue[] | undefined, i: X12Issue): void {
    this.report.errors.push(i);
    if (list !== undefined) list.push(i);
  }

  private err(
    list: X12Issue[] | undefined,
    code: X12ErrorCode,
    c: SegmentCursor,
    element: number | undefined,
    text: string,
  ): void {
    this.add(list, issue(code, c.id(), c.index, element, text));
  }

  private openIsa(c: SegmentCursor): void {
    if (this.gs !== undefined)
      this.closeGs(`GS ${this.gs.control} (segment ${this.gs.index}) has no GE before the next ISA`);
    if (this.isa !== undefined)
      this.closeIsa(`ISA ${this.isa.control} (segment ${this.isa.index}) has no IEA before the next ISA`);
    this.report.interchanges++;
    const open: Open = { control: c.el(13), index: c.index, children: 0, transactions: [], errors: [] };
    this.isa = open;
    const width = c.end - c.start + 1;
    if (width !== 106)
      this.err(
        open.errors,
        "isa-width",
        c,
        undefined,
        `ISA is ${width} characters long with its terminator; it must be 106`,
      );
    if (c.count !== 17)
      this.err(open.errors, "isa-element", c, undefined, `ISA has ${c.count - 1} elements; it must have 16`);
    for (let n = 1; n <= 16 && n < c.count; n++) {
      const v = c.el(n);
      if (v.length !== ISA_WIDTHS[n - 1]) {
        this.err(open.errors, "isa-element", c, n, `"${v}" is ${v.length} characters; it must be ${ISA_WIDTHS[n - 1]}`);
      }
    }
    if (!isDigits(open.control))
      this.err(open.errors, "isa-element", c, 13, `interchange control number "${open.control}" must be 9 digits`);
    if (!isDigits(c.el(9)) || !isDigits(c.el(10)))
      this.err(open.errors, "isa-element", c, 9, "ISA09/ISA10 must be the date YYMMDD and time HHMM");
  }

  private iea(c: SegmentCursor): void {
    if (this.gs !== undefined) this.closeGs(`GS ${this.gs.control} (segment ${this.gs.index}) has no GE before IEA`);
    const open = this.isa;
    if (open === undefined) return this.err(undefined, "outside-envelope", c, undefined, "IEA without a matching ISA");
    if (c.el(1) !== String(open.children)) {
      this.err(
        open.errors,
        "iea-count",
        c,
        1,
        `functional group count "${c.el(1)}" does not match the ${open.children} group(s) in the interchange`,
      );
    }
    if (c.el(2) !== open.control) {
      this.err(open.errors, "iea-control", c, 2, `"${c.el(2)}" does not match ISA13 "${open.control}"`);
    }
    this.closeIsa(undefined);
  }

  private closeIsa(missing: string | undefined): void {
    const open = this.isa!;
    if (missing !== undefined) this.add(open.errors, issue("missing-iea", "ISA", open.index, undefined, missing));
    for (const t of open.transactions) t.errors.push(...open.errors);
    this.isa = undefined;
  }

  private openGs(c: SegmentCursor): void {
    if (this.gs !== undefined)
      this.closeGs(`GS ${this.gs.control} (segment ${this.gs.index}) has no GE before the next GS`);
    if (this.isa === undefined)
      this.err(undefined, "outside-envelope", c, undefined, "GS outside any interchange (no ISA)");
    else this.isa.children++;
    this.report.groups++;
    this.gs = {
      control: c.el(6),
      index: c.index,
      children: 0,
      transactions: [],
      errors: [],
      functionalId: c.el(1),
      version: c.el(8),
    };
    if (!isDigits(c.el(6)) || c.el(6).length > 9)
      this.err(this.gs.errors, "missing-element", c, 6, `group control number "${c.el(6)}" must be 1-9 digits`);
  }

  private ge(c: SegmentCursor): void {
    const open = this.gs;
    if (open === undefined) return this.err(this.isa?.errors, "missing-gs", c, undefined, "GE without a matching GS");
    if (c.el(1) !== String(open.children)) {
      this.err(
        open.errors,
        "ge-count",
        c,
        1,
        `transaction set count "${c.el(1)}" does not match the ${open.children} transaction set(s) in the group`,
      );
    }
    if (c.el(2) !== open.control)
      this.err(open.errors, "ge-control", c, 2, `"${c.el(2)}" does not match GS06 "${open.control}"`);
    this.closeGs(undefined);
  }

  private closeGs(missing: string | undefined): void {
    const open = this.gs!;
    if (missing !== undefined) this.add(open.errors, issue("missing-ge", "GS", open.index, undefined, missing));
    for (const t of open.transactions) t.errors.push(...open.errors);
    this.gs = undefined;
  }

  private openSt(c: SegmentCursor): void {
    const t: TransactionInfo = {
      set: c.el(1),
      controlNumber: c.el(2),
      segments: 1,
      errors: [],
      segmentIndex: c.index,
      functionalId: this.gs?.functionalId ?? "",
      version: c.el(3) || (this.gs?.version ?? ""),
      interchangeControlNumber: this.isa?.control ?? "",
      groupControlNumber: this.gs?.control ?? "",
    };
    this.report.transactions.push(t);
    this.st = t;
    this.compositeChecked = false;
    if (this.gs === undefined)
      this.err(t.errors, "missing-gs", c, undefined, "ST outside any functional group (no GS)");
    else this.gs.children++;
    this.gs?.transactions.push(t);
    this.isa?.transactions.push(t);
    const n = t.controlNumber.length;
    if (n < 4 || n > 9)
      this.err(
        t.errors,
        "missing-element",
        c,
        2,
        `transaction set control number "${t.controlNumber}" must be 4-9 characters`,
      );
  }

  /** Once per transaction set: a composite written with another separator than ISA16 declares. */
  private composite(c: SegmentCursor, n: number): void {
    if (c.empty(n) || c.hasComponents(n)) return;
    const v = c.el(n);
    const comp = c.delimiters?.component ?? "";
    for (let i = 1; i + 1 < v.length && i <= 3; i++) {
      const ch = v.charAt(i);
      if (LIKELY_SEPARATORS.includes(ch) && isAlnum(v.charCodeAt(i - 1)) && isAlnum(v.charCodeAt(i + 1))) {
        this.compositeChecked = true;
        this.err(
          this.st!.errors,
          "bad-composite",
          c,
          n,
          `"${v}" separates components with "${ch}" but ISA16 declares "${comp}"`,
        );
        return;
      }
    }
  }

  private se(c: SegmentCursor): void {
    const t = this.st!;
    t.segments++;
    if (c.el(1) !== String(t.segments)) {
      this.err(
        t.errors,
        "se-count",
        c,
        1,
        `segment count "${c.el(1)}" does not match the ${t.segments} segments from ST to SE`,
      );
    }
    if (c.el(2) !== t.controlNumber)
      this.err(t.errors, "se-control", c, 2, `"${c.el(2)}" does not match ST02 "${t.controlNumber}"`);
    this.st = undefined;
  }

  private closeSt(text: string): void {
    const t = this.st!;
    this.add(t.errors, issue("missing-se", "ST", t.segmentIndex, undefined, text));
    this.st = undefined;
  }
}
