/**
 * The low-level tokenizer: a cursor over the segments of X12 text that records where each element
 * starts instead of allocating strings. Elements are read on demand (`el`, `cents`), so a reader
 * that needs a few elements of a segment pays only for those. Feed it a whole string, or chunks
 * (`push`, then `finish`) to walk a large stream in bounded memory. Delimiters are re-read from
 * every ISA, so one file may hold interchanges with different delimiters.
 */
import { readIsaDelimiters } from "./delimiters.ts";
import type { Delimiters } from "./delimiters.ts";
import { X12Error } from "./errors.ts";
import { dateRange, internRange } from "./intern.ts";
import { centsIn } from "./money.ts";

/** Packs a 2- or 3-character segment id into a number: segmentCode("CLP"). */
export function segmentCode(id: string): number {
  const c2 = id.length > 2 ? id.charCodeAt(2) : 0;
  return (id.charCodeAt(0) << 16) | (id.charCodeAt(1) << 8) | c2;
}

const ISA = segmentCode("ISA");

export class SegmentCursor {
  /** Delimiters of the current interchange (undefined before the first ISA). */
  delimiters: Delimiters | undefined = undefined;
  /** 1-based index of the current segment in the whole input. */
  index = 0;
  /** Packed id of the current segment (see segmentCode), -1 when the id is not 2-3 characters. */
  code = 0;
  /** Number of elements in the current segment, the id counted as element 0. */
  count = 0;
  /** The segment ran to the end of input without a terminator. */
  unterminated = false;
  /** Offset of the current segment's first character in `text`. */
  start = 0;
  /** Offset just past the current segment's last character (where its terminator is). */
  end = 0;
  /** Current buffer; offsets refer to it. Valid until the next push. */
  text: string;

  private pos = 0;
  private final: boolean;
  private elSep = 0;
  private compSep = 0;
  private termIsLineBreak = false;
  /** bounds[k] = offset where element k starts; bounds[count] = end + 1. */
  private bounds: Int32Array = new Int32Array(64);

  /** A cursor over complete text (final = true) or the first chunk of a stream (final = false). */
  constructor(text = "", final = true) {
    this.text = text;
    this.final = final;
  }

  /** Appends a chunk. Offsets of the current segment are invalid afterwards. */
  push(chunk: string): void {
    this.text = this.pos === 0 ? this.text + chunk : this.text.slice(this.pos) + chunk;
    this.pos = 0;
  }

  /** Marks the end of input: the last segment may lack its terminator. */
  finish(): void {
    this.final = true;
  }

  /**
   * Moves to the next segment. False when the input is exhausted (or, for a stream not yet
   * finished, when more input is needed). Throws X12Error when the input does not start with an
   * ISA or an ISA cannot be read.
   */
  next(): boolean {
    const text = this.text;
    const len = text.length;
    let p = this.pos;
    while (p < len && text.charCodeAt(p) <= 32) p++;
    if (p < len && text.charCodeAt(p) === 0xfeff) p++;
    if (p >= len) {
      this.pos = p;
      return false;
    }
    let termAt: number;
    if (text.charCodeAt(p) === 73 /* I */ && p + 3 >= len && !this.final) return false; // maybe an ISA: wait
    if (
      text.charCodeAt(p) === 73 /* I */ &&
      text.charCodeAt(p + 1) === 83 /* S */ &&
      text.charCodeAt(p + 2) === 65 /* A */ &&
      !isIdChar(text.charCodeAt(p + 3))
    ) {
      const r = readIsaDelimiters(text, p);
      if (r === "short" && !this.final) return false;
      if (r === "short" || r === "bad") {
        throw new X12Error({
          code: "bad-isa",
          message: `ISA at segment ${this.index + 1} cannot be read: it needs 16 elements followed by the component separator and the segment terminator`,
          segment: "ISA",
          segmentIndex: this.index + 1,
        });
      }
      this.setDelimiters(r.delimiters);
      termAt = r.terminatorAt;
    } else {
      if (this.delimiters === undefined) {
        throw new X12Error({
          code: "no-isa",
          message: "not an X12 interchange: the input does not start with an ISA segment",
          segment: "",
          segmentIndex: 0,
        });
      }
      termAt = text.indexOf(this.delimiters.segment, p);
      if (termAt < 0) {
        if (!this.final) return false;
        termAt = len;
      }
    }
    this.unterminated = termAt >= len;
    let end = termAt;
    if (this.termIsLineBreak && end > p && text.charCodeAt(end - 1) === 13) end--;
    // record element boundaries
    const el = this.elSep;
    let b = this.bounds;
    b[0] = p;
    let k = 1;
    for (let i = p; i < end; i++) {
      if (text.charCodeAt(i) === el) {
        if (k + 1 >= b.length) b = this.grow();
        b[k++] = i + 1;
      }
    }
    b[k] = end + 1;
    this.count = k;
    this.start = p;
    this.end = end;
    this.pos = termAt + 1;
    this.index++;
    const idLen = (k > 1 ? b[1]! - 1 : end) - p;
    if (idLen === 3) {
      this.code = (text.charCodeAt(p) << 16) | (text.charCodeAt(p + 1) << 8) | text.charCodeAt(p + 2);
    } else if (idLen === 2) {
      this.code = (text.charCodeAt(p) << 16) | (text.charCodeAt(p + 1) << 8);
    } else {
      this.code = -1;
    }
    return true;
  }

  /** True when the current segment is an ISA. */
  get isIsa(): boolean {
    return this.code === ISA;
  }

  /** The current segment id. */
  id(): string {
    const b = this.bounds;
    return this.text.slice(this.start, this.count > 1 ? b[1]! - 1 : this.end);
  }

  /** Element n of the current segment (0 = id); "" when absent. */
  el(n: number): string {
    if (n >= this.count) return "";
    const b = this.bounds;
    return this.text.slice(b[n]!, b[n + 1]! - 1);
  }

  /** True when element n is absent or empty. */
  empty(n: number): boolean {
    if (n >= this.count) return true;
    const b = this.bounds;
    return b[n + 1]! - 1 === b[n]!;
  }

  /** Element n compared with a string without allocating. */
  is(n: number, value: string): boolean {
    if (n >= this.count) return value === "";
    const b = this.bounds;
    const s = b[n]!;
    const len = b[n + 1]! - 1 - s;
    if (len !== value.length) return false;
    return this.text.startsWith(value, s);
  }

  /** Element n as integer cents; undefined when empty; NaN when not an X12 decimal. */
  cents(n: number): number | undefined {
    if (n >= this.count) return undefined;
    const b = this.bounds;
    const s = b[n]!;
    const e = b[n + 1]! - 1;
    return s === e ? undefined : centsIn(this.text, s, e);
  }

  /** Offset where element n starts (n < count). */
  elStart(n: number): number {
    return this.bounds[n]!;
  }

  /** Offset just past element n (n < count). */
  elEnd(n: number): number {
    return this.bounds[n + 1]! - 1;
  }

  /** Char code of the component separator. */
  get componentCode(): number {
    return this.compSep;
  }

  /** text[start, end), the same string object for every occurrence of a short code (see intern.ts). */
  intern(start: number, end: number): string {
    return internRange(this.text, start, end);
  }

  /** Element n interned: a million "CO" elements make one string. "" when absent. */
  interned(n: number): string {
    if (n >= this.count) return "";
    const b = this.bounds;
    return internRange(this.text, b[n]!, b[n + 1]! - 1);
  }

  /** Element n as a CCYYMMDD date: "YYYY-MM-DD"; undefined when empty; null when not a calendar date. */
  date(n: number): string | undefined | null {
    if (n >= this.count) return undefined;
    const b = this.bounds;
    return dateRange(this.text, b[n]!, b[n + 1]! - 1);
  }

  /** Element n split on the component separator. */
  components(n: number): string[] {
    const v = this.el(n);
    if (v === "") return [];
    const d = this.delimiters;
    return d === undefined ? [v] : v.split(d.component);
  }

  /** True when element n holds the component separator. */
  hasComponents(n: number): boolean {
    if (n >= this.count) return false;
    const b = this.bounds;
    const e = b[n + 1]! - 1;
    for (let i = b[n]!; i < e; i++) if (this.text.charCodeAt(i) === this.compSep) return true;
    return false;
  }

  /** All elements of the current segment, id first. */
  elements(): string[] {
    const out = new Array<string>(this.count);
    const b = this.bounds;
    const text = this.text;
    for (let k = 0; k < this.count; k++) out[k] = text.slice(b[k]!, b[k + 1]! - 1);
    return out;
  }

  /** The raw text of the current segment, without its terminator. */
  raw(): string {
    return this.text.slice(this.start, this.end);
  }

  private setDelimiters(d: Delimiters): void {
    this.delimiters = d;
    this.elSep = d.element.charCodeAt(0);
    this.compSep = d.component.charCodeAt(0);
    const t = d.segment.charCodeAt(0);
    this.termIsLineBreak = t === 10 || t === 13;
  }

  private grow(): Int32Array {
    const next = new Int32Array(this.bounds.length * 2);
    next.set(this.bounds);
    this.bounds = next;
    return next;
  }
}

function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}
