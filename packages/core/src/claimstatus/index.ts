// The claimstatus module's face: claim status inquiries (276) and the payers' answers (277).
export { statusInquiryMessages, type StatusInquiryMessage } from "./messages.ts";
export {
  inquiryRunView,
  type InquiryRunView,
  status277SummaryView,
  type Status277Summary,
} from "./claimstatus.schema.ts";
export {
  ASKED_STATUSES,
  claimStatusOf,
  dueForInquiry,
  inquiryOf,
  payerStatusFromAnswer,
  waitingSince,
  type NextStep,
} from "./rules.ts";
export { MAX_INQUIRIES_PER_RUN, dailyRunId, dueClaims, runStatusInquiries } from "./inquiry.service.ts";
export { getStatusInquiry, requestStatusInquiry } from "./request.service.ts";
export { applyStatusResponse, isStatusResponse } from "./apply.service.ts";
