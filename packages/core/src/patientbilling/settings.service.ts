import { StatementSettingsEntity } from "./patientbilling.entity.ts";
import { DEFAULT_SETTINGS, statementSettingsInput, type StatementSettings } from "./patientbilling.schema.ts";
import { getPractice } from "../practice/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";
import { now } from "../shared/db.ts";
import type { z } from "zod";

/** A practice's statement settings as stored, or the defaults (30 days, 3 reminders, 21 days to pay, 30 days to collections). */
export async function settingsFor(
  tenantId: string,
  practiceId: string,
): Promise<StatementSettings & { updatedAt: string | null }> {
  const { data } = await StatementSettingsEntity.get({ tenantId, practiceId }).go();
  return data
    ? { ...DEFAULT_SETTINGS, ...(data.settings as StatementSettings), updatedAt: data.updatedAt }
    : { ...DEFAULT_SETTINGS, updatedAt: null };
}

export async function getStatementSettings(p: Principal, practiceId: string) {
  await getPractice(p, practiceId);
  return { practiceId, ...(await settingsFor(p.tenantId, practiceId)) };
}

/** Replaces the practice's settings (fields left out take their defaults), audited. */
export async function putStatementSettings(
  p: Principal,
  practiceId: string,
  input: z.input<typeof statementSettingsInput>,
) {
  authorize(p, "statementSettings.write");
  await getPractice(p, practiceId);
  const settings = statementSettingsInput.parse(input);
  const updatedAt = now();
  await transactWrite([
    tx.put(StatementSettingsEntity.put({ tenantId: p.tenantId, practiceId, settings, updatedAt }).params()),
    tx.put(
      auditPut(p, `statementSettings:${practiceId}`, "replaced", {
        practiceId,
        fields: Object.keys(input),
      }),
    ),
  ]);
  return { practiceId, ...settings, updatedAt };
}
