import { now } from "../shared/db.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { conflict, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";
import { TenantSettingsEntity, type RuleSetting } from "./settings.ts";
import type { PayerRule, PayerRuleInput } from "./settings.schema.ts";

/**
 * Scrub settings narrower than the company's: per payer (rule settings and the payer's own rules)
 * and per practice (rule settings). A claim is scrubbed with the company's settings, then its
 * payer's on top, then its practice's on top of both (the most specific wins). They live on the
 * tenant's settings item, read with the company's in one GetItem.
 */
export interface ScrubScopes {
  payers?: Record<string, { overrides?: Record<string, RuleSetting>; rules?: PayerRule[] }>;
  practices?: Record<string, { overrides?: Record<string, RuleSetting> }>;
}

export interface ScrubSettings {
  overrides: Record<string, RuleSetting>;
  scopes: ScrubScopes;
}

export type Scope = { payerId: string } | { practiceId: string };

const MAX_RULES_PER_PAYER = 200;

export async function scrubSettings(tenantId: string): Promise<ScrubSettings> {
  const { data } = await TenantSettingsEntity.get({ tenantId }).go();
  return {
    overrides: (data?.scrubRules ?? {}) as Record<string, RuleSetting>,
    scopes: (data?.scrubScopes ?? {}) as ScrubScopes,
  };
}

/** The settings a claim of this payer and practice is scrubbed with. */
export function scrubFor(s: ScrubSettings, payerId: string, practiceId: string) {
  const payer = s.scopes.payers?.[payerId];
  return {
    overrides: { ...s.overrides, ...payer?.overrides, ...s.scopes.practices?.[practiceId]?.overrides },
    payerRules: payer?.rules ?? [],
  };
}

/** The rule settings of one scope (without the company's). */
export function scopeOverrides(s: ScrubSettings, scope: Scope): Record<string, RuleSetting> {
  return (
    ("payerId" in scope ? s.scopes.payers?.[scope.payerId] : s.scopes.practices?.[scope.practiceId])?.overrides ?? {}
  );
}

async function save(p: Principal, scopes: ScrubScopes, note: string) {
  await transactWrite([
    tx.update(TenantSettingsEntity.upsert({ tenantId: p.tenantId, scrubScopes: scopes, updatedAt: now() }).params()),
    tx.put(auditPut(p, `settings:${p.tenantId}`, "set", { note })),
  ]);
}

/** Sets (or with `default`, clears) a rule's setting for one payer or practice. Owners only. */
export async function setScopedScrubRule(p: Principal, scope: Scope, ruleId: string, setting: RuleSetting | "default") {
  authorize(p, "scrubRules.configure");
  const { scopes } = await scrubSettings(p.tenantId);
  const [key, id] =
    "payerId" in scope ? (["payers", scope.payerId] as const) : (["practices", scope.practiceId] as const);
  const bucket: Record<string, { overrides?: Record<string, RuleSetting> }> = { ...scopes[key] };
  const overrides = { ...bucket[id]?.overrides };
  if (setting === "default") delete overrides[ruleId];
  else overrides[ruleId] = setting;
  bucket[id] = { ...bucket[id], overrides };
  await save(p, { ...scopes, [key]: bucket }, `${key}/${id}: ${ruleId} -> ${setting}`);
  return overrides;
}

export async function listPayerRules(tenantId: string, payerId: string): Promise<PayerRule[]> {
  return (await scrubSettings(tenantId)).scopes.payers?.[payerId]?.rules ?? [];
}

/** Adds a payer rule (owners only); it takes effect on claims scrubbed from now on. */
export async function addPayerRule(p: Principal, payerId: string, input: PayerRuleInput): Promise<PayerRule> {
  authorize(p, "payerRules.manage");
  const { scopes } = await scrubSettings(p.tenantId);
  const payers = { ...scopes.payers };
  const rules = payers[payerId]?.rules ?? [];
  if (rules.length >= MAX_RULES_PER_PAYER) throw conflict(`A payer holds at most ${MAX_RULES_PER_PAYER} rules`);
  const rule: PayerRule = { ruleId: newId("pr"), ...input };
  payers[payerId] = { ...payers[payerId], rules: [...rules, rule] };
  await save(p, { ...scopes, payers }, `payers/${payerId}: add ${rule.ruleId} (${rule.kind})`);
  return rule;
}

export async function deletePayerRule(p: Principal, payerId: string, ruleId: string): Promise<void> {
  authorize(p, "payerRules.manage");
  const { scopes } = await scrubSettings(p.tenantId);
  const rules = scopes.payers?.[payerId]?.rules ?? [];
  if (!rules.some((r) => r.ruleId === ruleId)) throw notFound(`Payer rule ${ruleId}`);
  const payers = {
    ...scopes.payers,
    [payerId]: { ...scopes.payers?.[payerId], rules: rules.filter((r) => r.ruleId !== ruleId) },
  };
  await save(p, { ...scopes, payers }, `payers/${payerId}: delete ${ruleId}`);
}
