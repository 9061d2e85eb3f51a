// The eligibility module's face: 270/271 checks, one at a time or a schedule's worth, and the
// latest answer per coverage (what the scrubber's coverage rule reads).
export * from "./eligibility.schema.ts";
export { officeVisitEstimate } from "./estimate.ts";
export { mismatches, sameAsked, toResult, type Asked } from "./result.ts";
export { applyEligibilityFile, latestEligibility, runChecks } from "./check.service.ts";
export {
  createEligibilityBatch,
  getCheck,
  getEligibilityBatch,
  listEligibilityBatches,
  patientEligibility,
  requestEligibility,
} from "./eligibility.service.ts";
export { eligibilityMessages } from "./messages.ts";
export { SCHEDULE_COLUMNS, parseSchedule } from "./schedule-csv.ts";
