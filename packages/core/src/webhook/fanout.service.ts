import { DeliveryEntity } from "./webhook.entity.ts";
import { endpointsOf, endpointFor, type EndpointItem } from "./endpoint.service.ts";
import { enqueueDelivery, startDelivery, wants } from "./delivery.service.ts";
import type { DeliveryView, ReplayRange } from "./webhook.schema.ts";
import { eventIdAt, eventsBetween, eventsById, type EventView } from "../event/index.ts";
import { runPage } from "../shared/db.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid, notFound } from "../shared/errors.ts";
import type { Principal } from "../shared/context.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

/** Starts the deliveries of events to every endpoint that wants them, in event order. */
async function fanOut(tenantId: string, endpoints: EndpointItem[], events: EventView[]): Promise<number> {
  let started = 0;
  for (const e of events)
    for (const ep of endpoints) if (wants(ep, e) && (await startDelivery(tenantId, ep, e))) started++;
  return started;
}

/**
 * The fan-out worker's job: committed events (announced by transactWrite) to their endpoints.
 * `events`, when the caller read them already (the worker reads them for the follow-up tasks too).
 */
export async function fanOutEvents(tenantId: string, eventIds: string[], events?: EventView[]): Promise<number> {
  const endpoints = (await endpointsOf(tenantId)).filter((ep) => ep.status === "enabled");
  if (!endpoints.length) return 0;
  return fanOut(tenantId, endpoints, events ?? (await eventsById(tenantId, eventIds)));
}

/** How far back the sweeper looks, and how recent an event must be left to the fan-out. */
const SWEEP_FROM_MS = 10 * 60_000;
const SWEEP_SETTLE_MS = 30_000;

/**
 * The sweeper (a cron each minute): an event of the last ten minutes that an endpoint wants but
 * has no delivery of was never fanned out (its announcement was lost): start it now. Reads only,
 * per company with endpoints: its recent events and each endpoint's recent deliveries.
 */
export async function sweepTenant(tenantId: string, nowMs = Date.now()): Promise<number> {
  const endpoints = (await endpointsOf(tenantId)).filter((ep) => ep.status === "enabled");
  if (!endpoints.length) return 0;
  const from = eventIdAt(nowMs - SWEEP_FROM_MS);
  const to = eventIdAt(nowMs - SWEEP_SETTLE_MS);
  const events = await eventsBetween(tenantId, from, to);
  let started = 0;
  for (const ep of endpoints) {
    const wanted = events.filter((e) => wants(ep, e));
    if (!wanted.length) continue;
    const { data } = await DeliveryEntity.query
      .byEndpoint({ tenantId, endpointId: ep.endpointId })
      .between({ eventId: from }, { eventId: to })
      .go({ pages: "all", attributes: ["eventId"] });
    const have = new Set(data.map((d) => d.eventId));
    started += await fanOut(
      tenantId,
      [ep],
      wanted.filter((e) => !have.has(e.eventId)),
    );
  }
  return started;
}

type DeliveryItem = Awaited<ReturnType<ReturnType<typeof DeliveryEntity.get>["go"]>>["data"];
const deliveryViewOf = (d: NonNullable<DeliveryItem>): DeliveryView => ({
  endpointId: d.endpointId,
  eventId: d.eventId,
  type: d.type,
  status: d.status,
  attemptCount: d.attemptCount,
  attempts: (d.attempts as DeliveryView["attempts"]) ?? [],
  ...(d.firstAttemptAt ? { firstAttemptAt: d.firstAttemptAt } : {}),
  ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
  ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
});

/** An endpoint's deliveries, newest first, optionally of one status. */
export async function listDeliveries(
  p: Principal,
  endpointId: string,
  q: ListQuery & { status?: DeliveryView["status"] },
): Promise<Page<DeliveryView>> {
  authorize(p, "webhooks.read");
  await endpointFor(p, endpointId);
  const query = DeliveryEntity.query.byEndpoint({ tenantId: p.tenantId, endpointId });
  const page = await runPage(() =>
    (q.status ? query.where((a, op) => op.eq(a.status, q.status!)) : query).go({
      limit: q.limit,
      cursor: q.cursor ?? null,
      order: "desc",
    }),
  );
  return { nextCursor: page.nextCursor, items: page.items.map(deliveryViewOf) };
}

export async function getDelivery(p: Principal, endpointId: string, eventId: string): Promise<DeliveryView> {
  authorize(p, "webhooks.read");
  await endpointFor(p, endpointId);
  const { data } = await DeliveryEntity.get({ tenantId: p.tenantId, endpointId, eventId }).go();
  if (!data) throw notFound("Delivery");
  return deliveryViewOf(data);
}

/** Sends one event to the endpoint again now, whatever became of it before. */
export async function replayDelivery(p: Principal, endpointId: string, eventId: string): Promise<DeliveryView> {
  authorize(p, "webhooks.manage");
  const ep = await endpointFor(p, endpointId);
  if (ep.status !== "enabled")
    throw invalid([{ path: "endpointId", message: "the endpoint is disabled: enable it first" }]);
  const d = await getDelivery(p, endpointId, eventId);
  await enqueueDelivery({ tenantId: p.tenantId, endpointId, eventId, replay: true });
  return d;
}

/** Most events one replay request queues; `truncated` says to ask again from the last one's time. */
const REPLAY_MAX = 1000;

/**
 * Replays a time range to the endpoint: its events of those types (and practice) in [from, to),
 * by default only those not delivered (failed, or never sent because the endpoint was disabled).
 */
export async function replayRange(p: Principal, endpointId: string, r: ReplayRange) {
  authorize(p, "webhooks.manage");
  const ep = await endpointFor(p, endpointId);
  if (ep.status !== "enabled")
    throw invalid([{ path: "endpointId", message: "the endpoint is disabled: enable it first" }]);
  const fromMs = Date.parse(r.from);
  const toMs = Date.parse(r.to);
  if (!(toMs > fromMs)) throw invalid([{ path: "to", message: "must be after from" }]);
  const events = await eventsBetween(p.tenantId, eventIdAt(fromMs), eventIdAt(toMs), REPLAY_MAX + 1, ep.practiceId);
  let queued = 0;
  for (const e of events.slice(0, REPLAY_MAX)) {
    if (!ep.types.includes(e.type) || (ep.practiceId && e.practiceId !== ep.practiceId)) continue;
    const { data: d } = await DeliveryEntity.get({ tenantId: p.tenantId, endpointId, eventId: e.eventId }).go();
    if (r.onlyFailed && d?.status === "delivered") continue;
    if (!d) await startDelivery(p.tenantId, ep, e);
    else await enqueueDelivery({ tenantId: p.tenantId, endpointId, eventId: e.eventId, replay: true });
    queued++;
  }
  return { queued, truncated: events.length > REPLAY_MAX };
}
