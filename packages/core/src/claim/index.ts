// The claim module's face: claims, their documents, scrubbing, status moves, edits and corrections.
export {
  CLAIM_STATUSES,
  type ClaimStatus,
  type ClaimDocument,
  type ClaimLine,
  type ClaimProvider,
  type ClaimPatient,
  type ClaimSubscriber,
  type ClaimCoverage,
  type PriorPayer,
  type Finding,
  type Severity,
  APPEAL_STATUSES,
  OPEN_APPEAL_STATUSES,
  type AppealStatus,
  type AppealMark,
} from "./claim.types.ts";
export {
  type Claim,
  type ClaimSummary,
  getClaimForSystem,
  claimsInStatus,
  claimsInStatusUpTo,
  claimsReadyFor,
  readyClaimsUpTo,
  claimsMatching,
  claimsOfPracticeBetween,
  claimSummariesOfPracticeBetween,
  claimsOfPatient,
  claimsOwingMoney,
  claimsWithOpenDenials,
  claimsById,
  claimSummariesById,
  claimUpdateItem,
} from "./claim.store.ts";
export {
  AR_STATUSES,
  CROSSOVER_WAITING,
  type DenialReason,
  addDenials,
  hasOpenDenials,
  inAR,
  openMoney,
  isCrossoverClaim,
} from "./screens.ts";
export {
  historyEvent,
  insertClaim,
  claimInsertItems,
  scrubSummary,
  getClaim,
  listClaims,
  type ClaimFilters,
  claimHistory,
  moveClaim,
  moveItems,
  requestTransition,
  releaseFingerprint,
} from "./claim.service.ts";
export {
  serviceLine,
  referringProvider,
  type ServiceLineInput,
  claimView,
  claimDocumentView,
  appealMarkView,
} from "./claim.schema.ts";
export { newClaimId, providerOf, coverageOf, buildLines } from "./build.ts";
export { canTransition, TRANSITIONS, EDITABLE, MANUAL_TRANSITIONS, ADJUDICATED } from "./status.ts";
export { todayIn, scrubClaim } from "./scrub.service.ts";
export { rescrubPatientClaims } from "./rescrub.service.ts";
export { claimPatch, type ClaimPatch, editClaim, patchedDocument } from "./edit.service.ts";
export { correctionInput, type CorrectionInput, type CorrectionOptions, correctClaim } from "./correction.service.ts";
export { rebillClaim, type RebillOptions } from "./rebill.service.ts";
export { claimFingerprint } from "./fingerprint.ts";
export { type PayerStatus, payerStatusView, entityWords } from "./payer-status.ts";
export { RULES } from "./rules/index.ts";
export { x12Safe, x12SafeDeep } from "./rules/x12text.ts";
