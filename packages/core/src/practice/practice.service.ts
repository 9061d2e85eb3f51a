import { PracticeEntity } from "./practice.entity.ts";
import type { Practice, PracticeInput, PracticePatch } from "./practice.schema.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { canSeePractice, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { notFound } from "../shared/errors.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { changedFields, versionedUpdate } from "../shared/versioned.ts";
import { auditPut } from "../audit/index.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

const view = ({ tenantId: _t, ...rest }: Record<string, unknown>) => rest as Practice;

export async function createPractice(p: Principal, input: PracticeInput): Promise<Practice> {
  authorize(p, "practice.write");
  // Contract terms are what the company invoices on: only owners set them.
  if (input.contracts.length > 0) authorize(p, "contract.write");
  const practiceId = newId("prc");
  const at = now();
  const item = { tenantId: p.tenantId, practiceId, ...input, createdAt: at, updatedAt: at, version: 1 };
  await transactWrite([
    tx.put(PracticeEntity.create(item).params()),
    tx.put(auditPut(p, `practice:${practiceId}`, "created", { practiceId })),
  ]);
  return view(item);
}

/** The practice, or 404 when it does not exist in this tenant or the key may not see it. */
export async function getPractice(p: Principal, practiceId: string): Promise<Practice> {
  if (!canSeePractice(p, practiceId)) throw notFound("Practice");
  const { data } = await PracticeEntity.get({ tenantId: p.tenantId, practiceId }).go();
  if (!data) throw notFound("Practice");
  return view(data);
}

export async function listPractices(p: Principal, q: ListQuery): Promise<Page<Practice>> {
  if (p.practiceId) {
    // A practice key's list is its own practice.
    return { items: q.cursor ? [] : [await getPractice(p, p.practiceId)], nextCursor: null };
  }
  const page = await runPage(() =>
    PracticeEntity.query.byId({ tenantId: p.tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function updatePractice(
  p: Principal,
  practiceId: string,
  patch: PracticePatch,
  ifMatch?: number,
): Promise<Practice> {
  authorize(p, "practice.write");
  const current = await getPractice(p, practiceId);
  if (patch.contracts) authorize(p, "contract.write");
  const fields = changedFields(current, patch);
  const { version, updatedAt } = await versionedUpdate(
    PracticeEntity,
    { tenantId: p.tenantId, practiceId },
    current.version,
    patch,
    ifMatch,
    auditPut(p, `practice:${practiceId}`, "updated", { practiceId, fields }),
  );
  return { ...current, ...patch, version, updatedAt };
}

/** The practice as stored, for a system actor (month close, posting, key checks): no principal. */
export async function practiceForSystem(tenantId: string, practiceId: string) {
  return (await PracticeEntity.get({ tenantId, practiceId }).go()).data ?? undefined;
}

/** Every practice of the tenant as stored, for a system read (reports, month close). */
export async function allPractices(tenantId: string) {
  return (await PracticeEntity.query.byId({ tenantId }).go({ pages: "all" })).data;
}

/** Every practice's id and status: what an invoice run picks its practices from. */
export async function practiceStatuses(tenantId: string) {
  return (await PracticeEntity.query.byId({ tenantId }).go({ pages: "all", attributes: ["practiceId", "status"] }))
    .data;
}
