import { Entity } from "electrodb";
import { SERVICE, entityConfig, now } from "../shared/db.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";

export type RuleSetting = "off" | "warning" | "error";

/** Per-tenant settings, one item: the scrub rule overrides and the clearinghouse connection. */
export const TenantSettingsEntity = new Entity(
  {
    model: { entity: "tenantSettings", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      scrubRules: { type: "any" },
      /** Per payer and per practice scrub settings and the payers' own rules (scrub-scopes.ts). */
      scrubScopes: { type: "any" },
      clearinghouse: { type: "any" },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byTenant: {
        pk: { field: "pk", composite: ["tenantId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

export async function scrubOverrides(tenantId: string): Promise<Record<string, RuleSetting>> {
  const { data } = await TenantSettingsEntity.get({ tenantId }).go();
  return (data?.scrubRules ?? {}) as Record<string, RuleSetting>;
}

/** Sets (or with `default`, clears) one rule's override. Owners only. */
export async function setScrubRule(p: Principal, ruleId: string, setting: RuleSetting | "default") {
  authorize(p, "scrubRules.configure");
  const rules = { ...(await scrubOverrides(p.tenantId)) };
  if (setting === "default") delete rules[ruleId];
  else rules[ruleId] = setting;
  await transactWrite([
    tx.update(TenantSettingsEntity.upsert({ tenantId: p.tenantId, scrubRules: rules, updatedAt: now() }).params()),
    tx.put(auditPut(p, `settings:${p.tenantId}`, "set", { note: `${ruleId} -> ${setting}` })),
  ]);
  return rules;
}

/** The clearinghouse connection as stored (the clearinghouse module gives it its type), if any. */
export async function storedClearinghouse(tenantId: string): Promise<unknown> {
  const { data } = await TenantSettingsEntity.get({ tenantId }).go();
  return data?.clearinghouse;
}

/** Transaction item: store the tenant's clearinghouse connection. */
export function clearinghouseUpsert(tenantId: string, clearinghouse: object) {
  return tx.update(TenantSettingsEntity.upsert({ tenantId, clearinghouse, updatedAt: now() }).params());
}
