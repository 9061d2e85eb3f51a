import { EndpointEntity } from "./webhook.entity.ts";
import { newSigningSecret } from "./sign.ts";
import { urlProblem } from "./outbound.ts";
import type { EndpointInput, EndpointPatch, EndpointView } from "./webhook.schema.ts";
import { auditPut } from "../audit/index.ts";
import { getPractice } from "../practice/index.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { actorOf, canSeePractice, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { conflict, invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { changedFields } from "../shared/versioned.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

export type EndpointItem = NonNullable<Awaited<ReturnType<ReturnType<typeof EndpointEntity.get>["go"]>>["data"]>;

export function endpointViewOf(e: EndpointItem): EndpointView {
  const { tenantId: _t, secret: _s, createdBy: _c, ...view } = e;
  return view;
}

function checkUrl(url: string) {
  const problem = urlProblem(url);
  if (problem) throw invalid([{ path: "url", message: problem }]);
}

/** A new endpoint and its signing secret, shown in this answer only. */
export async function createEndpoint(p: Principal, input: EndpointInput) {
  authorize(p, "webhooks.manage");
  checkUrl(input.url);
  const practiceId = p.practiceId ?? input.practiceId;
  if (practiceId) await getPractice(p, practiceId);
  const at = now();
  const item = {
    tenantId: p.tenantId,
    endpointId: newId("whe"),
    url: input.url,
    types: input.types,
    ...(practiceId ? { practiceId } : {}),
    ...(input.description ? { description: input.description } : {}),
    secret: newSigningSecret(),
    status: "enabled" as const,
    createdBy: actorOf(p),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  await transactWrite([
    tx.put(EndpointEntity.create(item).params()),
    tx.put(auditPut(p, `webhookEndpoint:${item.endpointId}`, "created", { practiceId })),
  ]);
  return { ...endpointViewOf(item), secret: item.secret };
}

/** The endpoint if this principal may see it (a practice principal: its practice's only). */
export async function endpointFor(p: Principal, endpointId: string): Promise<EndpointItem> {
  const { data } = await EndpointEntity.get({ tenantId: p.tenantId, endpointId }).go();
  if (!data || (p.practiceId !== undefined && data.practiceId !== p.practiceId)) throw notFound("Webhook endpoint");
  if (data.practiceId && !canSeePractice(p, data.practiceId)) throw notFound("Webhook endpoint");
  return data;
}

export async function getEndpoint(p: Principal, endpointId: string): Promise<EndpointView> {
  authorize(p, "webhooks.read");
  return endpointViewOf(await endpointFor(p, endpointId));
}

export async function listEndpoints(p: Principal, q: ListQuery): Promise<Page<EndpointView>> {
  authorize(p, "webhooks.read");
  const page = await runPage(() =>
    EndpointEntity.query.byId({ tenantId: p.tenantId }).go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return {
    nextCursor: page.nextCursor,
    items: page.items.filter((e) => p.practiceId === undefined || e.practiceId === p.practiceId).map(endpointViewOf),
  };
}

/** Every endpoint of a company (few): what the fan-out and the sweeper match events against. */
export async function endpointsOf(tenantId: string): Promise<EndpointItem[]> {
  const { data } = await EndpointEntity.query.byId({ tenantId }).go({ pages: "all" });
  return data;
}

export async function updateEndpoint(p: Principal, endpointId: string, patch: EndpointPatch, ifMatch?: number) {
  authorize(p, "webhooks.manage");
  const current = await endpointFor(p, endpointId);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw preconditionFailed(`The endpoint is at version ${current.version}, not ${ifMatch}`);
  if (patch.url !== undefined) checkUrl(patch.url);
  const at = now();
  const enabling = patch.status === "enabled" && current.status === "disabled";
  const fields = changedFields(current, patch);
  const update = EndpointEntity.patch({ tenantId: p.tenantId, endpointId })
    .set({ ...patch, updatedAt: at })
    .add({ version: 1 });
  const params = (enabling ? update.remove(["failingSince", "disabledReason"]) : update)
    .where((a, op) => op.eq(a.version, current.version))
    .params();
  try {
    await transactWrite([
      tx.update(params),
      tx.put(auditPut(p, `webhookEndpoint:${endpointId}`, "updated", { practiceId: current.practiceId, fields })),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw conflict("The endpoint changed at the same time; reload it and retry");
    throw err;
  }
  const next = { ...current, ...patch, updatedAt: at, version: current.version + 1 };
  if (enabling) {
    delete next.failingSince;
    delete next.disabledReason;
  }
  return endpointViewOf(next);
}

/** Removes an endpoint: nothing more is delivered to it (its deliveries expire with their events). */
export async function deleteEndpoint(p: Principal, endpointId: string): Promise<void> {
  authorize(p, "webhooks.manage");
  const current = await endpointFor(p, endpointId);
  await transactWrite([
    tx.del(EndpointEntity.delete({ tenantId: p.tenantId, endpointId }).params()),
    tx.put(auditPut(p, `webhookEndpoint:${endpointId}`, "deleted", { practiceId: current.practiceId })),
  ]);
}
