// The settings module's face: what other modules and the handlers may use (its entity stays inside).
export { ruleView } from "./settings.schema.ts";
export {
  type RuleSetting,
  scrubOverrides,
  setScrubRule,
  storedClearinghouse,
  clearinghouseUpsert,
} from "./settings.ts";
