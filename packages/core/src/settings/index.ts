// The settings module's face: what other modules and the handlers may use (its entity stays inside).
export { payerRuleInput, payerRuleView, ruleView, type PayerRule, type PayerRuleInput } from "./settings.schema.ts";
export {
  addPayerRule,
  deletePayerRule,
  listPayerRules,
  scopeOverrides,
  scrubFor,
  scrubSettings,
  setScopedScrubRule,
  type Scope,
  type ScrubScopes,
  type ScrubSettings,
} from "./scrub-scopes.ts";
export {
  type RuleSetting,
  scrubOverrides,
  setScrubRule,
  storedClearinghouse,
  clearinghouseUpsert,
} from "./settings.ts";
