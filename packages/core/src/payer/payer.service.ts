import { PayerEntity } from "./payer.entity.ts";
import {
  DEFAULT_APPEAL_DAYS,
  DEFAULT_EXPECTED_PAYMENT_DAYS,
  type Payer,
  type PayerInput,
  type PayerPatch,
} from "./payer.schema.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { notFound } from "../shared/errors.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { changedFields, versionedUpdate } from "../shared/versioned.ts";
import { auditPut } from "../audit/index.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

// Payers belong to the billing company; every key of the tenant may read them (practice keys
// need payer ids to record coverage).
const view = ({ tenantId: _t, ...rest }: Record<string, unknown>) =>
  ({ expectedPaymentDays: DEFAULT_EXPECTED_PAYMENT_DAYS, appealDays: DEFAULT_APPEAL_DAYS, ...rest }) as Payer;

export async function createPayer(p: Principal, input: PayerInput): Promise<Payer> {
  authorize(p, "payer.write");
  const payerId = newId("pyr");
  const at = now();
  const item = { tenantId: p.tenantId, payerId, ...input, createdAt: at, updatedAt: at, version: 1 };
  await transactWrite([tx.put(PayerEntity.create(item).params()), tx.put(auditPut(p, `payer:${payerId}`, "created"))]);
  return view(item);
}

export async function getPayer(p: Principal, payerId: string): Promise<Payer> {
  const { data } = await PayerEntity.get({ tenantId: p.tenantId, payerId }).go();
  if (!data) throw notFound("Payer");
  return view(data);
}

export async function findPayer(p: Principal, payerId: string): Promise<Payer | undefined> {
  const { data } = await PayerEntity.get({ tenantId: p.tenantId, payerId }).go();
  return data ? view(data) : undefined;
}

export async function listPayers(p: Principal, q: ListQuery): Promise<Page<Payer>> {
  const page = await runPage(() =>
    PayerEntity.query.byId({ tenantId: p.tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function updatePayer(p: Principal, payerId: string, patch: PayerPatch, ifMatch?: number): Promise<Payer> {
  authorize(p, "payer.write");
  const current = await getPayer(p, payerId);
  const { version, updatedAt } = await versionedUpdate(
    PayerEntity,
    { tenantId: p.tenantId, payerId },
    current.version,
    patch,
    ifMatch,
    auditPut(p, `payer:${payerId}`, "updated", { fields: changedFields(current, patch) }),
  );
  return { ...current, ...patch, version, updatedAt };
}

/** A payer, for a system actor (a secondary claim made by posting): no principal. */
export async function payerForSystem(tenantId: string, payerId: string): Promise<Payer | undefined> {
  const { data } = await PayerEntity.get({ tenantId, payerId }).go();
  return data ? view(data) : undefined;
}

/** Every payer of the company, by id (one partition query: a company has few payers). */
export async function payersById(tenantId: string): Promise<Map<string, Payer>> {
  const { data } = await PayerEntity.query.byId({ tenantId }).go({ pages: "all" });
  return new Map(data.map((x) => [x.payerId, view(x)]));
}

/** Payer id -> name, for reports. */
export async function payerNames(tenantId: string): Promise<Map<string, string>> {
  const { data } = await PayerEntity.query.byId({ tenantId }).go({ pages: "all", attributes: ["payerId", "name"] });
  return new Map(data.map((x) => [x.payerId, x.name]));
}

/** Every payer of a company, for a scheduled job (no principal). */
export async function payersForSystem(tenantId: string): Promise<Payer[]> {
  const { data } = await PayerEntity.query.byId({ tenantId }).go({ pages: "all" });
  return data.map(view);
}
