// The report module's face: what other modules and the handlers may use.
export * from "./aging.ts";
export * from "./kpi.ts";
export * from "./report.service.ts";
export * from "./scope.ts";
export * from "./report.schema.ts";
export * from "./jobs.ts";
export * from "./patient-collections.ts";
export * from "./payer-mix.ts";
export { reimbursementByCode, reimbursementCsv, underpaidByPayer, underpaidCsv } from "./reimbursement.ts";
export { feeAdvice, feeAdviceCsv } from "./fee-advice.ts";
export * from "./fee-rules.ts";
export * from "./contract-report.schema.ts";
export * from "./profitability.ts";
