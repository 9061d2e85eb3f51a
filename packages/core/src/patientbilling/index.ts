// The patientbilling module's face: desk payments, statements and their cycle, statement runs,
// payment plans, collections hand-off. Its entities stay inside.
export * from "./patientbilling.schema.ts";
export { nextStatement, afterStatement, dueForCollections, statementMessage, statementTitle } from "./cycle.ts";
export { describeService, categoryOf as serviceCategoryOf } from "./describe.ts";
export { statementPages, statementPdf, combinedPdf, LAYOUT as STATEMENT_LAYOUT } from "./statement-pdf.ts";
export { getStatementSettings, putStatementSettings, settingsFor } from "./settings.service.ts";
export { createStatement, statementHistory } from "./statement.service.ts";
export { deskPayment, deskAllocations } from "./desk.service.ts";
export { startStatementRun, runPracticeStatements, getStatementRun, listStatementRuns } from "./run.service.ts";
export { statementRunMessages, type StatementRunMessage } from "./messages.ts";
export { monthlyInstalments, planProgress, type Instalment, type PlanProgress } from "./plan.ts";
export {
  paymentPlanInput,
  paymentPlanView,
  createPaymentPlan,
  getPaymentPlan,
  listPaymentPlans,
  cancelPaymentPlan,
  missedPlans,
  checkMissedInstalments,
} from "./plan.service.ts";
export { onMissedInstalment, type MissedInstalment } from "./followup-hook.ts";
export { recoveryFee, allocateRecovery, candidatesCsv, CANDIDATE_COLUMNS, type Candidate } from "./collections.ts";
export {
  placementInput,
  recoveryInput,
  collectionCandidates,
  collectionCandidatesCsv,
  placeAccounts,
  listPlacements,
  placementsOf,
  recordRecovery,
} from "./collections.service.ts";
