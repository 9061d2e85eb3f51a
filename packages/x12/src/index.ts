/**
 * @claimledger/x12: a standalone X12 5010 library. Tokenizer (delimiters from each ISA, whole text
 * or streams), structural check, writer, typed 837P, 270 and 276 builders, 835 / 999 / 277CA /
 * 277 / 271 readers.
 * Money is integer cents throughout.
 */
export { X12Error, issueOf } from "./errors.ts";
export type { X12ErrorCode, X12Issue } from "./errors.ts";
export { centsIn, formatCents, isCents, parseCents } from "./money.ts";
export { isoDate, x12Date } from "./dates.ts";
export { DEFAULT_DELIMITERS } from "./delimiters.ts";
export type { Delimiters } from "./delimiters.ts";

// reading
export { SegmentCursor, segmentCode } from "./scanner.ts";
export { cursorOverChunks } from "./stream.ts";
export type { ChunkSource } from "./stream.ts";
export { components, readSegments, segments, tokenize } from "./tokenizer.ts";
export type { Segment } from "./tokenizer.ts";
export { parseX12, transactionSets } from "./parse.ts";
export type { ParsedGroup, ParsedInterchange, ParsedTransaction, ParsedX12 } from "./parse.ts";

// structural check
export { EnvelopeTracker } from "./envelope.ts";
export type { EnvelopeReport, TransactionInfo } from "./envelope.ts";
export { checkX12, checkX12Stream } from "./check.ts";
export type { CheckResult, TransactionCheck } from "./check.ts";

// writing
export { checkSegments, formatIsa, formatSegment, resolveDelimiters, writeInterchange } from "./writer.ts";
export type {
  Element,
  GroupHeader,
  InterchangeData,
  InterchangeHeader,
  Repeated,
  SegmentData,
  TransactionData,
  WriteOptions,
} from "./writer.ts";

// 837P
export { IMPLEMENTATION_837P, build837P, build837PSegments } from "./837p/build.ts";
export { MAX_DIAGNOSES, MAX_LINES, MAX_MODIFIERS, normalizeDiagnosis, validate837P } from "./837p/validate.ts";
export type * from "./837p/types.ts";

// 835
export { iterate835, read835, stream835 } from "./835/read.ts";
export { Remittance835Parser } from "./835/parser.ts";
export { balance835, balanceClaim } from "./835/balance.ts";
export type * from "./835/types.ts";

// 999 and 277
export { read999 } from "./999.ts";
export type {
  Ack999,
  CodeDescription,
  Context999,
  ElementError999,
  GroupAck999,
  SegmentError999,
  SetAck999,
} from "./999.ts";
export { read277 } from "./277.ts";
export type { ClaimAck277, ClaimStatus, LineStatus277, Status277 } from "./277.ts";

// 276 claim status request
export { IMPLEMENTATION_276, build276, build276Segments, validate276 } from "./status/build276.ts";
export type { Build276Input, StatusInquiry, StatusProvider } from "./status/build276.ts";

// 270 / 271 eligibility
export {
  IMPLEMENTATION_270,
  MAX_SERVICE_TYPES,
  build270,
  build270Segments,
  validate270,
} from "./eligibility/build270.ts";
export type { Build270Input, EligibilityInquiry } from "./eligibility/build270.ts";
export { read271 } from "./eligibility/read271.ts";
export type * from "./eligibility/types271.ts";

// code descriptions
export { ACK_STATUS, AK9_ERRORS, IK3_ERRORS, IK4_ERRORS, IK5_ERRORS, describe } from "./codes/ack-codes.ts";
export {
  ACCEPTED_CATEGORIES,
  ADJUSTMENT_GROUPS,
  CLAIM_PAYMENT_STATUS,
  ENTITY_CODES,
  REJECTED_CATEGORIES,
  STATUS_CATEGORIES,
  STATUS_CODES,
  statusClass,
} from "./codes/claim-status.ts";
export type { StatusClass } from "./codes/claim-status.ts";
export {
  ACTIVE_BENEFIT_CODES,
  BENEFIT_CODES,
  COVERAGE_LEVELS,
  DATE_QUALIFIERS,
  FOLLOW_UP_ACTIONS,
  INACTIVE_BENEFIT_CODES,
  INSURANCE_TYPES,
  QUANTITY_QUALIFIERS,
  REJECT_REASONS,
  TIME_PERIODS,
} from "./codes/eligibility.ts";
export { INQUIRY_SERVICE_TYPES, SERVICE_TYPES } from "./codes/service-types.ts";
