import { allPractices } from "../practice/index.ts";
import { auditPut } from "../audit/index.ts";
import type { Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { invalid, preconditionFailed } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { loadContext } from "./context.ts";
import { FollowUpSettingsEntity } from "./followup.entity.ts";
import type { FollowUpSettings } from "./task.schema.ts";

export interface FollowUpSettingsView extends FollowUpSettings {
  version: number;
  updatedAt?: string;
}

/** Each practice's default assignee for automatic tasks (a practice principal: its own only). */
export async function getFollowUpSettings(p: Principal): Promise<FollowUpSettingsView> {
  authorize(p, "tasks.read");
  const { data } = await FollowUpSettingsEntity.get({ tenantId: p.tenantId }).go();
  const all = (data?.defaultAssignees ?? {}) as Record<string, string>;
  const defaultAssignees = p.practiceId
    ? Object.fromEntries(Object.entries(all).filter(([k]) => k === p.practiceId))
    : all;
  return { defaultAssignees, version: data?.version ?? 0, ...(data ? { updatedAt: data.updatedAt } : {}) };
}

/**
 * Replaces the default assignees (practice -> owner or biller), under the version read (0 before
 * the first). Automatic tasks made from now on go to them; tasks already made keep their assignee.
 */
export async function putFollowUpSettings(
  p: Principal,
  input: FollowUpSettings,
  ifMatch?: number,
): Promise<FollowUpSettingsView> {
  authorize(p, "tasks.manage");
  const [current, practices, ctx] = await Promise.all([
    getFollowUpSettings(p),
    allPractices(p.tenantId),
    loadContext(p.tenantId),
  ]);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw preconditionFailed(`The settings are at version ${current.version}, not ${ifMatch}; reload them and retry`);
  const known = new Set(practices.map((x) => x.practiceId));
  const errors = Object.entries(input.defaultAssignees).flatMap(([practiceId, userId]) => [
    ...(known.has(practiceId) ? [] : [{ path: `defaultAssignees.${practiceId}`, message: "no such practice" }]),
    ...(ctx.assignable.has(userId)
      ? []
      : [{ path: `defaultAssignees.${practiceId}`, message: "must be an active owner or biller of the company" }]),
  ]);
  if (errors.length) throw invalid(errors);
  const at = now();
  const version = current.version + 1;
  const put = FollowUpSettingsEntity.put({
    tenantId: p.tenantId,
    defaultAssignees: input.defaultAssignees,
    updatedAt: at,
    version,
  });
  const params = (
    current.version === 0
      ? put.where((a, op) => op.notExists(a.version))
      : put.where((a, op) => op.eq(a.version, current.version))
  ).params();
  try {
    await transactWrite([
      tx.put(params),
      tx.put(auditPut(p, `settings:${p.tenantId}`, "set", { fields: ["followUp.defaultAssignees"] })),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw preconditionFailed("The settings changed since you read them; reload them and retry");
    throw err;
  }
  return { defaultAssignees: input.defaultAssignees, version, updatedAt: at };
}
