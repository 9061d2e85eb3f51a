/** The 999 implementation acknowledgment (005010X231A1) reader. */
import { ACK_STATUS, AK9_ERRORS, IK3_ERRORS, IK4_ERRORS, IK5_ERRORS, describe } from "./codes/ack-codes.ts";
import { issue } from "./errors.ts";
import type { X12Issue } from "./errors.ts";
import { parseX12 } from "./parse.ts";
import type { Segment } from "./tokenizer.ts";

export interface CodeDescription {
  code: string;
  description: string;
}

/** CTX: the business unit (e.g. CLM01:claim id) or the segment context of an error. */
export interface Context999 {
  name: string;
  reference?: string;
  segment?: string;
  position?: number;
  loop?: string;
  /** CTX05: element:component:repetition position in the context segment. */
  elementPosition?: string;
  /** CTX06: data element reference number(s). */
  elementReference?: string;
}

export interface ElementError999 {
  /** IK401-1 element position in the segment. */
  position: number;
  /** IK401-2 component position. */
  component?: number;
  /** IK401-3 repetition position. */
  repetition?: number;
  /** IK402 data element reference number. */
  reference?: string;
  /** IK403. */
  code: string;
  description: string;
  /** IK404 copy of the bad data element. */
  badValue?: string;
  context: Context999[];
}

export interface SegmentError999 {
  /** IK301 segment id. */
  segment: string;
  /** IK302 position of the segment in the acknowledged transaction set (ST = 1). */
  position: number;
  /** IK303 loop id. */
  loop?: string;
  /** IK304. */
  code: string;
  description: string;
  context: Context999[];
  elementErrors: ElementError999[];
}

export interface SetAck999 {
  /** AK201, e.g. "837". */
  set: string;
  /** AK202: ST02 of the acknowledged transaction set. */
  controlNumber: string;
  /** AK203. */
  version?: string;
  /** IK501: A, E, M, R, W, X. */
  status: string;
  statusDescription: string;
  /** IK501 is A (accepted) or E (accepted with errors). */
  accepted: boolean;
  /** IK502-IK506. */
  errors: CodeDescription[];
  segmentErrors: SegmentError999[];
}

export interface GroupAck999 {
  /** AK901: A, E, P, R, M, W, X. */
  status: string;
  statusDescription: string;
  /** AK902 number of transaction sets included, AK903 received, AK904 accepted. */
  included: number;
  received: number;
  accepted: number;
  /** AK905-AK909. */
  errors: CodeDescription[];
}

export interface Ack999 {
  /** ST02 of the 999 itself. */
  controlNumber: string;
  segmentIndex: number;
  /** AK1: the acknowledged group (GS01 functional id, GS06 control number, GS08 version). */
  group: { functionalId: string; controlNumber: string; version?: string };
  sets: SetAck999[];
  groupStatus?: GroupAck999;
  issues: X12Issue[];
}

function el(s: Segment, n: number): string {
  return s.elements[n] ?? "";
}

function codes(s: Segment, from: number, to: number, table: Readonly<Record<string, string>>): CodeDescription[] {
  const out: CodeDescription[] = [];
  for (let n = from; n <= to; n++) {
    const code = el(s, n);
    if (code !== "") out.push({ code, description: describe(table, code) });
  }
  return out;
}

function int(v: string): number | undefined {
  if (v === "" || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

function context(s: Segment, comp: string): Context999 {
  const [name = "", reference] = el(s, 1).split(comp);
  const c: Context999 = { name };
  if (reference !== undefined && reference !== "") c.reference = reference;
  if (el(s, 2) !== "") c.segment = el(s, 2);
  const pos = int(el(s, 3));
  if (pos !== undefined) c.position = pos;
  if (el(s, 4) !== "") c.loop = el(s, 4);
  if (el(s, 5) !== "") c.elementPosition = el(s, 5);
  if (el(s, 6) !== "") c.elementReference = el(s, 6);
  return c;
}

/** Reads every 999 transaction set in the text. */
export function read999(text: string): Ack999[] {
  const parsed = parseX12(text);
  const out: Ack999[] = [];
  for (const i of parsed.interchanges) {
    const comp = i.delimiters.component;
    for (const g of i.groups) {
      for (const t of g.transactions) if (t.set === "999") out.push(readOne(t.segments, comp));
    }
  }
  return out;
}

function readOne(segments: Segment[], comp: string): Ack999 {
  const st = segments[0]!;
  const ack: Ack999 = {
    controlNumber: el(st, 2),
    segmentIndex: st.index,
    group: { functionalId: "", controlNumber: "" },
    sets: [],
    issues: [],
  };
  let set: SetAck999 | undefined;
  let segErr: SegmentError999 | undefined;
  let elErr: ElementError999 | undefined;
  for (const s of segments) {
    switch (s.id) {
      case "AK1":
        ack.group = { functionalId: el(s, 1), controlNumber: el(s, 2) };
        if (el(s, 3) !== "") ack.group.version = el(s, 3);
        break;
      case "AK2":
        set = {
          set: el(s, 1),
          controlNumber: el(s, 2),
          status: "",
          statusDescription: "",
          accepted: false,
          errors: [],
          segmentErrors: [],
        };
        if (el(s, 3) !== "") set.version = el(s, 3);
        ack.sets.push(set);
        segErr = undefined;
        elErr = undefined;
        break;
      case "IK3": {
        if (set === undefined) {
          ack.issues.push(issue("unexpected-segment", "IK3", s.index, undefined, "IK3 before any AK2"));
          break;
        }
        const code = el(s, 4);
        segErr = {
          segment: el(s, 1),
          position: int(el(s, 2)) ?? 0,
          code,
          description: describe(IK3_ERRORS, code),
          context: [],
          elementErrors: [],
        };
        if (el(s, 3) !== "") segErr.loop = el(s, 3);
        set.segmentErrors.push(segErr);
        elErr = undefined;
        break;
      }
      case "IK4": {
        if (segErr === undefined) {
          ack.issues.push(issue("unexpected-segment", "IK4", s.index, undefined, "IK4 before any IK3"));
          break;
        }
        const [pos = "", component, repetition] = el(s, 1).split(comp);
        const code = el(s, 3);
        elErr = { position: int(pos) ?? 0, code, description: describe(IK4_ERRORS, code), context: [] };
        const cp = int(component ?? "");
        if (cp !== undefined) elErr.component = cp;
        const rp = int(repetition ?? "");
        if (rp !== undefined) elErr.repetition = rp;
        if (el(s, 2) !== "") elErr.reference = el(s, 2);
        if (el(s, 4) !== "") elErr.badValue = el(s, 4);
        segErr.elementErrors.push(elErr);
        break;
      }
      case "CTX": {
        const target = elErr ?? segErr;
        if (target === undefined)
          ack.issues.push(issue("unexpected-segment", "CTX", s.index, undefined, "CTX outside an IK3/IK4 loop"));
        else target.context.push(context(s, comp));
        break;
      }
      case "IK5":
        if (set === undefined) {
          ack.issues.push(issue("unexpected-segment", "IK5", s.index, undefined, "IK5 before any AK2"));
          break;
        }
        set.status = el(s, 1);
        set.statusDescription = describe(ACK_STATUS, set.status);
        set.accepted = set.status === "A" || set.status === "E";
        set.errors = codes(s, 2, 6, IK5_ERRORS);
        break;
      case "AK9":
        ack.groupStatus = {
          status: el(s, 1),
          statusDescription: describe(ACK_STATUS, el(s, 1)),
          included: int(el(s, 2)) ?? 0,
          received: int(el(s, 3)) ?? 0,
          accepted: int(el(s, 4)) ?? 0,
          errors: codes(s, 5, 9, AK9_ERRORS),
        };
        break;
      default:
        break;
    }
  }
  for (const x of ack.sets) {
    if (x.status === "")
      ack.issues.push(
        issue("missing-element", "AK2", st.index, undefined, `AK2 ${x.set} ${x.controlNumber} has no IK5`),
      );
  }
  if (ack.groupStatus === undefined)
    ack.issues.push(issue("missing-element", "ST", st.index, undefined, `999 ${ack.controlNumber} has no AK9`));
  return ack;
}
