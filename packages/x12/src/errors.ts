/** Machine-readable reason of an {@link X12Error} or a structural issue. */
export type X12ErrorCode =
  | "no-isa"
  | "bad-isa"
  | "isa-width"
  | "isa-element"
  | "bad-segment-id"
  | "missing-terminator"
  | "missing-iea"
  | "missing-gs"
  | "missing-ge"
  | "missing-st"
  | "missing-se"
  | "iea-count"
  | "iea-control"
  | "ge-count"
  | "ge-control"
  | "se-count"
  | "se-control"
  | "outside-envelope"
  | "invalid-amount"
  | "invalid-date"
  | "invalid-number"
  | "bad-composite"
  | "missing-element"
  | "unexpected-segment"
  | "delimiter-in-element"
  | "invalid-input";

/** A plain-object form of an X12 problem: what, where (segment id, 1-based segment index, element). */
export interface X12Issue {
  code: X12ErrorCode;
  message: string;
  /** Segment id, e.g. "SE"; "" when the problem is not tied to one segment. */
  segment: string;
  /** 1-based position of the segment in the file (0 when not tied to one segment). */
  segmentIndex: number;
  /** 1-based element position (X12 numbering: CLP03 is element 3). */
  element?: number;
}

/** Thrown for unreadable input (no ISA) and for impossible writer/builder input. */
export class X12Error extends Error implements X12Issue {
  readonly code: X12ErrorCode;
  readonly segment: string;
  readonly segmentIndex: number;
  readonly element?: number;

  constructor(issue: X12Issue) {
    super(issue.message);
    this.name = "X12Error";
    this.code = issue.code;
    this.segment = issue.segment;
    this.segmentIndex = issue.segmentIndex;
    if (issue.element !== undefined) this.element = issue.element;
  }

  toJSON(): X12Issue {
    return issueOf(this);
  }
}

/** Copies the issue fields of an error or issue into a fresh plain object. */
export function issueOf(i: X12Issue): X12Issue {
  const out: X12Issue = { code: i.code, message: i.message, segment: i.segment, segmentIndex: i.segmentIndex };
  if (i.element !== undefined) out.element = i.element;
  return out;
}

/** Builds an issue whose message is prefixed with its location, e.g. "SE01 (segment 25): ...". */
export function issue(
  code: X12ErrorCode,
  segment: string,
  segmentIndex: number,
  element: number | undefined,
  text: string,
): X12Issue {
  const label = segment === "" ? "" : segment + (element === undefined ? "" : pad2(element));
  const where =
    segmentIndex > 0
      ? label === ""
        ? `segment ${segmentIndex}: `
        : `${label} (segment ${segmentIndex}): `
      : label === ""
        ? ""
        : `${label}: `;
  const out: X12Issue = { code, message: where + text, segment, segmentIndex };
  if (element !== undefined) out.element = element;
  return out;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
