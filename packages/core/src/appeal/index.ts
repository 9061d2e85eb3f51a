// The appeal module's face: appeals of denied claims (levels, deadlines, letters, attachments,
// sending, decisions), matched to the 835 that pays them. Above claim, ledger, payer, practice,
// tenant, codes, audit and event; remittance posting and followup use it.
export * from "./appeal.schema.ts";
export { getAppeal, claimAppeals, listAppeals, openAppeals, createAppeal, updateAppeal } from "./appeal.service.ts";
export { markSent, recordOutcome, withdrawAppeal } from "./decision.service.ts";
export { uploadAttachment, startAttachment, completeAttachment, looksLike } from "./attachments.service.ts";
export { appealsPaidBy, paidFor } from "./posting.ts";
export { denialFacts } from "./facts.ts";
export { letterLines, type LetterFacts } from "./letter.ts";
export {
  APPEAL_FAMILIES,
  FAMILY_OF_CARC,
  APPEAL_LEVELS,
  APPEAL_DECISION_DAYS,
  type AppealFamily,
  type AppealLevel,
  familyOf,
  familyOfCarc,
  levelName,
  appealDeadline,
  atStake,
  heldByAppeals,
  leftByDecision,
  isOpen,
} from "./rules.ts";
export type { AppealRecord } from "./appeal.store.ts";
