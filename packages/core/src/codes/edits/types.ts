import type { AddOnEdit } from "./aoc.ts";
import type { AgeBand, DxList } from "./agesex.ts";
import type { CodeStatus } from "./hcpcs.ts";
import type { MueRow } from "./mue.ts";
import type { PtpEdit } from "./ptp.ts";

/** The edit sets a claim may be checked against. */
export const EDIT_SET_KINDS = ["ptp", "mue", "aoc", "hcpcs", "cpt", "agesex", "bands"] as const;
export type EditSetKind = (typeof EDIT_SET_KINDS)[number];

/** What a loaded set is, as findings and GET /v1/code-sets name it. */
export interface EditSetInfo {
  kind: EditSetKind;
  /** "CMS NCCI PTP practitioner 2026Q1", "HCPCS Level II 2020". */
  label: string;
  /** The release: a quarter, a year, an MCE version. */
  version: string;
  /** YYYY-MM-DD the release takes effect, when it says. */
  effective?: string;
  /** A starter or excerpt set: some edits of the full table are missing. */
  partial: boolean;
  entries: number;
  source: string;
}

/**
 * The coding edits the scrub rules consult, injected through ScrubContext.codes so the rules stay
 * pure. Each lookup answers with the set it used (for the finding) or says the set is missing.
 */
export interface CodingEdits {
  /** The set of a kind that applies on the date of service, or undefined when none is loaded. */
  set(kind: EditSetKind, dateOfService: string): EditSetInfo | undefined;
  /** The PTP edit bundling `column2` into `column1` on the date, if any. */
  ptp(column1: string, column2: string, dateOfService: string): PtpEdit | undefined;
  mue(code: string, dateOfService: string): MueRow | undefined;
  addOn(code: string, dateOfService: string): AddOnEdit | undefined;
  /** HCPCS Level II (or, with a licensed list loaded, CPT) code status on the date. */
  code(kind: "hcpcs" | "cpt", code: string, dateOfService: string): CodeStatus;
  dxLists(code: string, dateOfService: string): readonly DxList[];
  ageBand(code: string): AgeBand | undefined;
}

export type { AddOnEdit, AgeBand, CodeStatus, DxList, MueRow, PtpEdit };
