import { ApiKeyEntity, TenantEntity } from "./tenant.entity.ts";
import { formatKey, hashSecret, parseKey, secretMatches } from "./keys.ts";
import type { ApiKeyInput, ApiKeyView, TenantInput, TenantPatch } from "./tenant.schema.ts";
import { newId, newSecret } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid, notFound, unauthorized } from "../shared/errors.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";
import { practiceForSystem } from "../practice/index.ts";
import type { Address, ListQuery, Page } from "../shared/schema.ts";
import { changedFields, versionedUpdate } from "../shared/versioned.ts";

type KeyItem = {
  keyId: string;
  name: string;
  role: ApiKeyView["role"];
  practiceId?: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
};

const view = (k: KeyItem): ApiKeyView => ({
  keyId: k.keyId,
  name: k.name,
  role: k.role,
  practiceId: k.practiceId,
  createdAt: k.createdAt,
  createdBy: k.createdBy,
  revokedAt: k.revokedAt,
});

function keyPut(tenantId: string, keyId: string, secret: string, input: ApiKeyInput, createdBy: string) {
  const at = now();
  return ApiKeyEntity.create({
    tenantId,
    keyId,
    name: input.name,
    role: input.role,
    practiceId: input.practiceId,
    secretHash: hashSecret(secret),
    createdBy,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }).params();
}

/** Platform admin: a new billing company and its first owner key (the only time it is shown). */
export async function createTenant(input: TenantInput) {
  const tenantId = newId("tnt");
  const keyId = newId("key");
  const secret = newSecret();
  const at = now();
  const system: Principal = { tenantId, keyId: "platform-admin", role: "owner" };
  await transactWrite([
    tx.put(
      TenantEntity.create({
        tenantId,
        name: input.name,
        status: "active",
        createdAt: at,
        updatedAt: at,
        version: 1,
      }).params(),
    ),
    tx.put(keyPut(tenantId, keyId, secret, { name: input.ownerKeyName, role: "owner" }, "platform-admin")),
    tx.put(auditPut(system, `tenant:${tenantId}`, "created")),
  ]);
  return {
    tenant: { tenantId, name: input.name, status: "active" as const, createdAt: at, version: 1 },
    ownerKey: {
      ...view({ keyId, name: input.ownerKeyName, role: "owner", createdAt: at, createdBy: "platform-admin" }),
      apiKey: formatKey({ tenantId, keyId, secret }),
    },
  };
}

export async function getTenant(p: Principal) {
  const { data } = await TenantEntity.get({ tenantId: p.tenantId }).go();
  if (!data) throw notFound("Tenant");
  const {
    tenantId,
    name,
    status,
    address,
    email,
    phone,
    paymentInstructions,
    writeOffApprovalCents,
    costPerTouchCents,
    createdAt,
    version,
  } = data;
  return {
    tenantId,
    name,
    status,
    address: address as Address | undefined,
    email,
    phone,
    paymentInstructions,
    writeOffApprovalCents,
    costPerTouchCents,
    createdAt,
    version,
  };
}

/** The owner edits the company's name and the details its invoices carry. */
export async function updateTenant(p: Principal, patch: TenantPatch, ifMatch?: number) {
  authorize(p, "tenant.update");
  const current = await getTenant(p);
  const fields = changedFields(current, patch);
  const { version } = await versionedUpdate(
    TenantEntity,
    { tenantId: p.tenantId },
    current.version,
    patch,
    ifMatch,
    auditPut(p, `tenant:${p.tenantId}`, "updated", { fields }),
  );
  return { ...current, ...patch, version };
}

/** Turns a bearer token into a principal, or throws 401. One GetItem, inside the key's tenant. */
export async function authenticate(raw: string): Promise<Principal> {
  const parsed = parseKey(raw);
  if (!parsed) throw unauthorized("The API key is malformed");
  const { data } = await ApiKeyEntity.get({ tenantId: parsed.tenantId, keyId: parsed.keyId }).go();
  if (!data || !secretMatches(parsed.secret, data.secretHash)) throw unauthorized("The API key is not valid");
  if (data.revokedAt) throw unauthorized("The API key has been revoked");
  return { tenantId: data.tenantId, keyId: data.keyId, role: data.role, practiceId: data.practiceId };
}

export async function createApiKey(p: Principal, input: ApiKeyInput) {
  authorize(p, "apiKeys.manage");
  if (input.practiceId) {
    const data = await practiceForSystem(p.tenantId, input.practiceId);
    if (!data) throw invalid([{ path: "practiceId", message: "no such practice" }]);
  }
  const keyId = newId("key");
  const secret = newSecret();
  await transactWrite([
    tx.put(keyPut(p.tenantId, keyId, secret, input, actorOf(p))),
    tx.put(auditPut(p, `apiKey:${keyId}`, "created", { practiceId: input.practiceId, note: `role ${input.role}` })),
  ]);
  const { data } = await ApiKeyEntity.get({ tenantId: p.tenantId, keyId }).go();
  return { ...view(data as KeyItem), apiKey: formatKey({ tenantId: p.tenantId, keyId, secret }) };
}

export async function listApiKeys(p: Principal, q: ListQuery): Promise<Page<ApiKeyView>> {
  authorize(p, "apiKeys.manage");
  const page = await runPage(() =>
    ApiKeyEntity.query.byId({ tenantId: p.tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map((k) => view(k as KeyItem)), nextCursor: page.nextCursor };
}

export async function revokeApiKey(p: Principal, keyId: string): Promise<ApiKeyView> {
  authorize(p, "apiKeys.manage");
  const { data } = await ApiKeyEntity.get({ tenantId: p.tenantId, keyId }).go();
  if (!data) throw notFound("API key");
  if (!data.revokedAt) {
    const at = now();
    await transactWrite([
      tx.update(
        ApiKeyEntity.patch({ tenantId: p.tenantId, keyId })
          .set({ revokedAt: at, revokedBy: actorOf(p), updatedAt: at })
          .add({ version: 1 })
          .params(),
      ),
      tx.put(auditPut(p, `apiKey:${keyId}`, "revoked", { practiceId: data.practiceId })),
    ]);
    return view({ ...(data as KeyItem), revokedAt: at });
  }
  return view(data as KeyItem);
}

/** The tenant as stored, for a system actor (batch files, invoices): no principal. */
export async function tenantForSystem(tenantId: string) {
  return (await TenantEntity.get({ tenantId }).go()).data ?? undefined;
}
