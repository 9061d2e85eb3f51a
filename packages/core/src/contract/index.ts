// The contract module's face: payer contract schedules (what each payer allows a practice per
// code), what posting adds for them (adjudications, underpayments), underpayments and their work.
export * from "./schedule.schema.ts";
export {
  getContractSchedule,
  listContractSchedules,
  putContractSchedule,
  importContractSchedule,
  deriveContractSchedule,
  deriveFromMpfs,
  scheduleInForce,
  hasContractSchedules,
  contractedAmount,
  type ScheduleInForce,
} from "./schedule.service.ts";
export { parseContractCsv, deriveFromMedicareCsv, dollarsToCents, percentOfRate } from "./schedule-csv.ts";
export {
  DEFAULT_TOLERANCE_CENTS,
  allowedOf,
  isDeniedLine,
  lineOutcome,
  shortfallOf,
  timesUnits,
  type LineOutcome,
} from "./detect.ts";
export { raiseUnderpaymentTasks } from "./followup-hook.ts";
export { underpaymentLetter } from "./letter.service.ts";
export { underpaymentLetterLines, type UnderpaymentLetterFacts } from "./letter.ts";
export {
  contractPostingItems,
  type ContractPosting,
  toleranceFor,
  underpaymentTaskId,
  type LineMatcher,
  type PostingRef,
} from "./posting-hook.ts";
export * from "./underpayment.schema.ts";
export {
  getUnderpayment,
  listUnderpayments,
  changeUnderpaymentStatus,
  underpaymentsOfPractice,
  getUnderpaymentSettings,
  putUnderpaymentSettings,
  adjudicationsOfPractice,
  type Adjudication,
} from "./underpayment.service.ts";
