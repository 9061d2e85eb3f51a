/**
 * The whole interchange as a tree: interchanges > functional groups > transaction sets > segments.
 * Lenient: a defective file still parses (use checkX12 for what is wrong with it); segments outside
 * any transaction set are kept in `stray`. For huge files prefer the streaming readers.
 */
import type { Delimiters } from "./delimiters.ts";
import { SegmentCursor } from "./scanner.ts";
import type { Segment } from "./tokenizer.ts";

export interface ParsedTransaction {
  /** ST01. */
  set: string;
  /** ST02. */
  controlNumber: string;
  /** ST03 when present, else GS08. */
  version: string;
  /** ST through SE inclusive (SE absent when the file lacks it). */
  segments: Segment[];
}

export interface ParsedGroup {
  /** GS (absent when an ST appeared outside any group). */
  header?: Segment;
  trailer?: Segment;
  functionalId: string;
  controlNumber: string;
  version: string;
  transactions: ParsedTransaction[];
}

export interface ParsedInterchange {
  header: Segment;
  trailer?: Segment;
  delimiters: Delimiters;
  /** ISA13. */
  controlNumber: string;
  /** ISA06 / ISA08, trimmed. */
  senderId: string;
  receiverId: string;
  /** ISA15: P production, T test. */
  usage: string;
  groups: ParsedGroup[];
  /** TA1 and other interchange-level segments. */
  other: Segment[];
}

export interface ParsedX12 {
  interchanges: ParsedInterchange[];
  /** Segments outside any transaction set, other than envelope segments. */
  stray: Segment[];
}

/** Parses text into its envelope tree. Throws X12Error only when the text has no readable ISA. */
export function parseX12(text: string): ParsedX12 {
  const out: ParsedX12 = { interchanges: [], stray: [] };
  const c = new SegmentCursor(text);
  let isa: ParsedInterchange | undefined;
  let gs: ParsedGroup | undefined;
  let st: ParsedTransaction | undefined;
  while (c.next()) {
    const elements = c.elements();
    const seg: Segment = { id: elements[0]!, elements, index: c.index };
    const id = seg.id;
    if (st !== undefined && id !== "ST" && id !== "GS" && id !== "GE" && id !== "IEA" && id !== "ISA") {
      st.segments.push(seg);
      if (id === "SE") st = undefined;
      continue;
    }
    st = undefined;
    switch (id) {
      case "ISA":
        gs = undefined;
        isa = {
          header: seg,
          delimiters: c.delimiters!,
          controlNumber: c.el(13),
          senderId: c.el(6).trim(),
          receiverId: c.el(8).trim(),
          usage: c.el(15),
          groups: [],
          other: [],
        };
        out.interchanges.push(isa);
        break;
      case "IEA":
        if (isa === undefined) out.stray.push(seg);
        else isa.trailer = seg;
        isa = undefined;
        gs = undefined;
        break;
      case "GS":
        gs = { header: seg, functionalId: c.el(1), controlNumber: c.el(6), version: c.el(8), transactions: [] };
        if (isa === undefined) out.stray.push(seg);
        else isa.groups.push(gs);
        break;
      case "GE":
        if (gs === undefined) out.stray.push(seg);
        else gs.trailer = seg;
        gs = undefined;
        break;
      case "ST": {
        if (isa === undefined) {
          // an ST after IEA: keep its segments as stray
          st = { set: c.el(1), controlNumber: c.el(2), version: c.el(3), segments: out.stray };
          out.stray.push(seg);
          break;
        }
        if (gs === undefined) {
          gs = { functionalId: "", controlNumber: "", version: "", transactions: [] };
          isa.groups.push(gs);
        }
        st = { set: c.el(1), controlNumber: c.el(2), version: c.el(3) || gs.version, segments: [seg] };
        gs.transactions.push(st);
        break;
      }
      case "TA1":
        if (isa !== undefined && gs === undefined) isa.other.push(seg);
        else out.stray.push(seg);
        break;
      default:
        out.stray.push(seg);
    }
  }
  return out;
}

/** Every transaction set of the parsed file, in order. */
export function transactionSets(parsed: ParsedX12): ParsedTransaction[] {
  const out: ParsedTransaction[] = [];
  for (const i of parsed.interchanges) for (const g of i.groups) out.push(...g.transactions);
  return out;
}
