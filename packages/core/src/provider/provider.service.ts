import { ProviderEntity } from "./provider.entity.ts";
import { providerNameIssues, type Provider, type ProviderInput, type ProviderPatch } from "./provider.schema.ts";
import { getPractice } from "../practice/index.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid, notFound } from "../shared/errors.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { changedFields, versionedUpdate } from "../shared/versioned.ts";
import { auditPut } from "../audit/index.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

const view = ({ tenantId: _t, ...rest }: Record<string, unknown>) => rest as Provider;

export async function createProvider(p: Principal, practiceId: string, input: ProviderInput): Promise<Provider> {
  authorize(p, "provider.write");
  await getPractice(p, practiceId);
  const providerId = newId("prv");
  const at = now();
  const item = { tenantId: p.tenantId, practiceId, providerId, ...input, createdAt: at, updatedAt: at, version: 1 };
  await transactWrite([
    tx.put(ProviderEntity.create(item).params()),
    tx.put(auditPut(p, `provider:${providerId}`, "created", { practiceId })),
  ]);
  return view(item);
}

export async function getProvider(p: Principal, practiceId: string, providerId: string): Promise<Provider> {
  await getPractice(p, practiceId);
  return providerOfPractice(p, practiceId, providerId);
}

/** The provider, for a caller that has already checked the practice (one read instead of two). */
export async function providerOfPractice(p: Principal, practiceId: string, providerId: string): Promise<Provider> {
  const { data } = await ProviderEntity.get({ tenantId: p.tenantId, practiceId, providerId }).go();
  if (!data) throw notFound("Provider");
  return view(data);
}

export async function listProviders(p: Principal, practiceId: string, q: ListQuery): Promise<Page<Provider>> {
  await getPractice(p, practiceId);
  const page = await runPage(() =>
    ProviderEntity.query
      .byPractice({ tenantId: p.tenantId, practiceId })
      .go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function updateProvider(
  p: Principal,
  practiceId: string,
  providerId: string,
  patch: ProviderPatch,
  ifMatch?: number,
): Promise<Provider> {
  authorize(p, "provider.write");
  const current = await getProvider(p, practiceId, providerId);
  const merged = { ...current, ...patch };
  const issues = providerNameIssues(merged);
  if (issues.length) throw invalid(issues);
  const { version, updatedAt } = await versionedUpdate(
    ProviderEntity,
    { tenantId: p.tenantId, practiceId, providerId },
    current.version,
    patch,
    ifMatch,
    auditPut(p, `provider:${providerId}`, "updated", { practiceId, fields: changedFields(current, patch) }),
  );
  return { ...merged, version, updatedAt };
}
