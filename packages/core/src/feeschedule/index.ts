// The feeschedule module's face: what other modules and the handlers may use (its entity stays inside).
export {
  feeEntry,
  feeScheduleInput,
  feeView,
  type FeeEntry,
  putFeeSchedule,
  getFeeSchedule,
  feeScheduleOfPractice,
  feeFor,
} from "./feeschedule.ts";
