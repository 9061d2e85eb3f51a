/**
 * The writer: segments to X12 text, with envelopes (ISA fixed width, GS, ST/SE, GE, IEA) whose
 * counts are computed and whose control numbers the caller supplies. Nothing is escaped: an element
 * holding a delimiter is an error.
 */
import { DEFAULT_DELIMITERS, isSeparatorChar } from "./delimiters.ts";
import type { Delimiters } from "./delimiters.ts";
import { dateCCYYMMDD, timeHHMM } from "./dates.ts";
import { X12Error } from "./errors.ts";

/** Repeated values of one element (EQ01, EB03), joined with the repetition separator (ISA11). */
export interface Repeated {
  readonly repeat: readonly string[];
}
/**
 * An element: a string, a composite (components), repeated values, or undefined/"" for an empty
 * element.
 */
export type Element = string | undefined | readonly (string | undefined)[] | Repeated;
/** A segment to write: its id, then its elements (element 1 first). */
export type SegmentData = readonly [string, ...Element[]];

export interface InterchangeHeader {
  /** ISA05/ISA06; the id is padded to 15. Default qualifier "ZZ". */
  senderQualifier?: string;
  senderId: string;
  /** ISA07/ISA08. */
  receiverQualifier?: string;
  receiverId: string;
  /** ISA13, 1 to 999999999; written as 9 digits. */
  controlNumber: number;
  /** ISA09/ISA10 and, unless the group says otherwise, GS04/GS05 (UTC). */
  date: Date;
  /** ISA15: P production (default) or T test. */
  usage?: "P" | "T";
  /** ISA14: ask for a TA1 (default false). */
  acknowledgmentRequested?: boolean;
  /** ISA01/ISA02 and ISA03/ISA04, default "00" and blanks. */
  authorizationQualifier?: string;
  authorization?: string;
  securityQualifier?: string;
  security?: string;
}

export interface GroupHeader {
  /** GS01, e.g. "HC" for an 837. */
  functionalId: string;
  /** GS02/GS03 application sender and receiver codes. */
  senderCode: string;
  receiverCode: string;
  /** GS06, 1 to 999999999. */
  controlNumber: number;
  /** GS08, e.g. "005010X222A1". */
  version: string;
  date?: Date;
}

export interface TransactionData {
  /** ST01, e.g. "837". */
  set: string;
  /** ST02, 4 to 9 characters. */
  controlNumber: string;
  /** ST03 implementation convention reference (e.g. "005010X222A1"). */
  implementationReference?: string;
  /** The segments between ST and SE. */
  segments: readonly SegmentData[];
}

export interface InterchangeData {
  header: InterchangeHeader;
  groups: readonly { header: GroupHeader; transactions: readonly TransactionData[] }[];
}

export interface WriteOptions {
  delimiters?: Partial<Delimiters>;
  /** Put a line break after every segment terminator (default false). */
  lineBreaks?: boolean;
}

function invalid(message: string, segment = "", segmentIndex = 0, element?: number): X12Error {
  const issue = { code: "invalid-input" as const, message, segment, segmentIndex };
  return new X12Error(element === undefined ? issue : { ...issue, element });
}

/** Resolves and checks a set of delimiters: four distinct single punctuation characters. */
export function resolveDelimiters(partial: Partial<Delimiters> = {}): Delimiters {
  const d: Delimiters = { ...DEFAULT_DELIMITERS, ...partial };
  const all = [d.element, d.component, d.segment].concat(d.repetition === "" ? [] : [d.repetition]);
  for (const ch of all) {
    if (ch.length !== 1 || (!isSeparatorChar(ch) && ch !== "\n" && ch !== "\r"))
      throw invalid(`"${ch}" cannot be a delimiter`);
  }
  if (new Set(all).size !== all.length) throw invalid("delimiters must all differ");
  return d;
}

function checkText(value: string, d: Delimiters, seg: string, index: number, element: number): void {
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (ch === d.element || ch === d.component || ch === d.segment || (d.repetition !== "" && ch === d.repetition)) {
      const name =
        ch === d.element
          ? "element separator"
          : ch === d.component
            ? "component separator"
            : ch === d.segment
              ? "segment terminator"
              : "repetition separator";
      throw new X12Error({
        code: "delimiter-in-element",
        message: `${seg}${element < 10 ? "0" : ""}${element} (segment ${index}): "${value}" contains the ${name} "${ch}"`,
        segment: seg,
        segmentIndex: index,
        element,
      });
    }
    if (ch === "\n" || ch === "\r") {
      throw new X12Error({
        code: "delimiter-in-element",
        message: `${seg}${element < 10 ? "0" : ""}${element} (segment ${index}): "${value}" contains a line break`,
        segment: seg,
        segmentIndex: index,
        element,
      });
    }
  }
}

/**
 * Writes one segment (without terminator). Trailing empty elements and components are dropped.
 * `index` is the segment's 1-based position, used in error messages.
 */
export function formatSegment(seg: SegmentData, d: Delimiters, index = 0): string {
  const id = seg[0];
  if (!/^[A-Z0-9]{2,3}$/.test(id)) throw invalid(`"${id}" is not a segment id`, id, index);
  let last = seg.length - 1;
  while (last > 0 && isEmpty(seg[last])) last--;
  let out = id;
  for (let n = 1; n <= last; n++) {
    const e = seg[n];
    out += d.element;
    if (e === undefined) continue;
    if (typeof e === "string") {
      checkText(e, d, id, index, n);
      out += e;
      continue;
    }
    if (isRepeated(e)) {
      if (e.repeat.length > 1 && d.repetition === "")
        throw invalid(`${id}${n < 10 ? "0" : ""}${n} repeats but there is no repetition separator`, id, index, n);
      e.repeat.forEach((v, k) => {
        checkText(v, d, id, index, n);
        out += (k > 0 ? d.repetition : "") + v;
      });
      continue;
    }
    let lastC = e.length - 1;
    while (lastC >= 0 && (e[lastC] === undefined || e[lastC] === "")) lastC--;
    for (let k = 0; k <= lastC; k++) {
      const comp = e[k] ?? "";
      checkText(comp, d, id, index, n);
      if (k > 0) out += d.component;
      out += comp;
    }
  }
  return out;
}

function isRepeated(e: Element): e is Repeated {
  return typeof e === "object" && "repeat" in e;
}

function isEmpty(e: Element): boolean {
  if (e === undefined || e === "") return true;
  if (typeof e === "string") return false;
  if (isRepeated(e)) return e.repeat.every((v) => v === "");
  return e.every((c) => c === undefined || c === "");
}

/** Checks that a list of segments can be written with these delimiters; throws X12Error otherwise. */
export function checkSegments(segments: readonly SegmentData[], d: Delimiters, firstIndex = 1): void {
  segments.forEach((s, i) => formatSegment(s, d, firstIndex + i));
}

function fixed(value: string, width: number, what: string): string {
  if (value.length > width) throw invalid(`${what} "${value}" is longer than ${width} characters`, "ISA", 1);
  return value.padEnd(width, " ");
}

function controlNumber(n: number, what: string): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999)
    throw invalid(`${what} must be an integer from 1 to 999999999, got ${n}`);
  return String(n);
}

/** The ISA segment (106 characters with its terminator). */
export function formatIsa(h: InterchangeHeader, d: Delimiters): string {
  const yymmdd = dateCCYYMMDD(h.date).slice(2);
  const els = [
    "ISA",
    fixed(h.authorizationQualifier ?? "00", 2, "ISA01"),
    fixed(h.authorization ?? "", 10, "ISA02"),
    fixed(h.securityQualifier ?? "00", 2, "ISA03"),
    fixed(h.security ?? "", 10, "ISA04"),
    fixed(h.senderQualifier ?? "ZZ", 2, "ISA05"),
    fixed(h.senderId, 15, "ISA06 sender id"),
    fixed(h.receiverQualifier ?? "ZZ", 2, "ISA07"),
    fixed(h.receiverId, 15, "ISA08 receiver id"),
    yymmdd,
    timeHHMM(h.date),
    d.repetition === "" ? "U" : d.repetition,
    "00501",
    controlNumber(h.controlNumber, "ISA13 interchange control number").padStart(9, "0"),
    h.acknowledgmentRequested === true ? "1" : "0",
    h.usage ?? "P",
  ];
  els.forEach((v, n) => {
    if (n > 0 && n !== 11) checkText(v, d, "ISA", 1, n);
  });
  return els.join(d.element) + d.element + d.component;
}

/** Writes a whole interchange. Throws X12Error for an element holding a delimiter or bad envelope input. */
export function writeInterchange(data: InterchangeData, options: WriteOptions = {}): string {
  const d = resolveDelimiters(options.delimiters);
  const end = d.segment + (options.lineBreaks === true ? "\n" : "");
  const parts: string[] = [formatIsa(data.header, d), end];
  let index = 1;
  const put = (seg: SegmentData): void => {
    index++;
    parts.push(formatSegment(seg, d, index), end);
  };
  if (data.groups.length === 0) throw invalid("an interchange needs at least one functional group");
  for (const g of data.groups) {
    const h = g.header;
    const when = h.date ?? data.header.date;
    const gs06 = controlNumber(h.controlNumber, "GS06 group control number");
    put(["GS", h.functionalId, h.senderCode, h.receiverCode, dateCCYYMMDD(when), timeHHMM(when), gs06, "X", h.version]);
    if (g.transactions.length === 0) throw invalid(`functional group ${gs06} has no transaction set`);
    const seen = new Set<string>();
    for (const t of g.transactions) {
      if (!/^[A-Za-z0-9]{4,9}$/.test(t.controlNumber))
        throw invalid(`ST02 "${t.controlNumber}" must be 4 to 9 letters or digits`);
      if (seen.has(t.controlNumber)) throw invalid(`ST02 "${t.controlNumber}" is used twice in group ${gs06}`);
      seen.add(t.controlNumber);
      put(["ST", t.set, t.controlNumber, t.implementationReference]);
      for (const s of t.segments) put(s);
      put(["SE", String(t.segments.length + 2), t.controlNumber]);
    }
    put(["GE", String(g.transactions.length), gs06]);
  }
  put(["IEA", String(data.groups.length), controlNumber(data.header.controlNumber, "ISA13").padStart(9, "0")]);
  return parts.join("");
}
