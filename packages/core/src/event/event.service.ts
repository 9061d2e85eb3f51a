import { randomBytes } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { EventEntity } from "./event.entity.ts";
import { CLAIM_EVENT_STATUSES, type EventIds, type EventType, type EventView } from "./event.types.ts";
import { dynamo } from "../shared/aws.ts";
import { now } from "../shared/db.ts";
import { badRequest } from "../shared/errors.ts";
import { tx, type TxItem } from "../shared/transact.ts";
import type { Principal } from "../shared/context.ts";

/** Days an event (and the deliveries of it) is kept; DynamoDB's TTL deletes it after. */
export const EVENT_TTL_DAYS = 30;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

const timePart = (ms: number) => {
  let t = "";
  for (let n = ms, i = 0; i < 9; i++, n = Math.floor(n / 32)) t = ALPHABET[n % 32]! + t;
  return t;
};

/** The next base32 string of the same length (carrying), or undefined past the last one. */
function increment(s: string): string | undefined {
  const chars = s.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    const v = ALPHABET.indexOf(chars[i]!);
    if (v < 31) {
      chars[i] = ALPHABET[v + 1]!;
      return chars.join("");
    }
    chars[i] = "0";
  }
  return undefined;
}

let lastId = "";

/**
 * A time-ordered event id: `ev_` + the time in ms (9 base32 characters, good to the year 3084) +
 * 8 random ones. Sorting ids sorts events by time, so the id is the listing's sort key and cursor.
 * Ids made in the same millisecond by one process follow each other (the random part counts up),
 * so the events of one transaction list in the order they were written.
 */
export function newEventId(at = Date.now()): string {
  const t = timePart(at);
  const next = lastId.startsWith(`ev_${t}`) ? increment(lastId.slice(12)) : undefined;
  if (next) return (lastId = `ev_${t}${next}`);
  const bytes = randomBytes(8);
  let r = "";
  for (const b of bytes) r += ALPHABET[b & 31];
  return (lastId = `ev_${t}${r}`);
}

/** The smallest event id at or after an instant (for ranges by time). */
export const eventIdAt = (ms: number) => `ev_${timePart(ms)}00000000`;

/** The instant an event id was made. */
export function eventTime(eventId: string): number {
  let n = 0;
  for (const ch of eventId.slice(3, 12)) n = n * 32 + ALPHABET.indexOf(ch);
  return n;
}

/**
 * The put of an event, to go into the same transaction as the change it reports (as `auditPut`
 * does): no change without its event, no event without its change. Marked so that, once the
 * transaction commits, it is announced to the webhook fan-out (shared/outbox.ts).
 */
export function eventPut(
  tenantId: string,
  e: { type: EventType; practiceId?: string; ids: EventIds; status?: string },
  at = now(),
): TxItem {
  const eventId = newEventId(Date.parse(at));
  const params = EventEntity.create({
    tenantId,
    eventId,
    type: e.type,
    at,
    ids: e.ids,
    expiresAt: Math.floor(Date.parse(at) / 1000) + EVENT_TTL_DAYS * 86_400,
    practiceId: e.practiceId ?? "-",
    ...(e.status ? { status: e.status } : {}),
  }).params() as { Item: Record<string, unknown> };
  // A company-wide event (no practice) stays out of the practices' index: ElectroDB insists on
  // every composite, so the placeholder and its index keys are taken off the item here.
  if (!e.practiceId) for (const k of ["p", "gsi1pk", "gsi1sk"]) delete params.Item[k];
  return { ...tx.put(params), event: { tenantId, eventId } };
}

/** A claim's move to `to`, as an event if a client cares about that status (none otherwise). */
export function claimStatusEvent(
  tenantId: string,
  claim: { claimId: string; practiceId: string },
  to: string,
  ids: EventIds = {},
  at?: string,
): TxItem[] {
  if (!(CLAIM_EVENT_STATUSES as readonly string[]).includes(to)) return [];
  const type = `claim.${to}` as EventType;
  return [
    eventPut(tenantId, { type, practiceId: claim.practiceId, ids: { claimId: claim.claimId, ...ids }, status: to }, at),
  ];
}

type Item = { eventId: string; type: string; at: string; practiceId?: string; ids: EventIds; status?: string };
const view = (e: Item): EventView => ({
  eventId: e.eventId,
  type: e.type as EventType,
  at: e.at,
  ...(e.practiceId ? { practiceId: e.practiceId } : {}),
  ids: e.ids,
  ...(e.status ? { status: e.status } : {}),
});

/** Pages of the events query read for one list request, at most (a narrow `types` filter skips many). */
const MAX_PAGES = 5;

/**
 * Events after a cursor (an event id: the last one the caller has), oldest first, of the tenant or,
 * for a practice principal, of its practice only; optionally of some types. One Query on a
 * time-ordered partition; `nextCursor` is where the next page starts, null once the caller is
 * caught up (keep the last event id and ask again with it later).
 */
export async function listEvents(
  p: Principal,
  q: { after?: string; types?: EventType[]; limit: number; practiceId?: string },
): Promise<{ items: EventView[]; nextCursor: string | null }> {
  if (q.after !== undefined && !/^ev_[0-9a-z]{17}$/.test(q.after))
    throw badRequest("after must be an event id (ev_...)");
  const practiceId = p.practiceId ?? q.practiceId;
  const query = practiceId
    ? EventEntity.query.byPractice({ tenantId: p.tenantId, practiceId })
    : EventEntity.query.byTenant({ tenantId: p.tenantId });
  const base = (q.after ? query.gt({ eventId: q.after }) : query).params() as Record<string, unknown>;
  const wanted = q.types?.length ? new Set<string>(q.types) : undefined;
  const items: EventView[] = [];
  let start: Record<string, unknown> | undefined;
  let last: string | undefined;
  for (let page = 0; page < MAX_PAGES && items.length < q.limit; page++) {
    const res = await dynamo().send(
      new QueryCommand({ ...base, Limit: q.limit - items.length, ExclusiveStartKey: start } as never),
    );
    const { data } = EventEntity.parse({ Items: res.Items ?? [] });
    for (const e of data) {
      last = e.eventId;
      if (!wanted || wanted.has(e.type)) items.push(view(e));
    }
    start = res.LastEvaluatedKey;
    if (!start) return { items, nextCursor: null };
  }
  return { items, nextCursor: last ?? q.after ?? null };
}

/** Events by id (the fan-out's read), in id (time) order; missing ones (expired) left out. */
export async function eventsById(tenantId: string, eventIds: string[]): Promise<EventView[]> {
  if (!eventIds.length) return [];
  const { data } = await EventEntity.get(eventIds.map((eventId) => ({ tenantId, eventId }))).go();
  return (data as Item[]).map(view).sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
}

/** The tenant's events with ids in [fromId, toId), oldest first, at most `max` (the sweeper and replays). */
export async function eventsBetween(
  tenantId: string,
  fromId: string,
  toId: string,
  max = 1000,
  practiceId?: string,
): Promise<EventView[]> {
  const query = practiceId
    ? EventEntity.query.byPractice({ tenantId, practiceId })
    : EventEntity.query.byTenant({ tenantId });
  const { data } = await query.between({ eventId: fromId }, { eventId: toId }).go({ limit: max, pages: "all" });
  return (data as Item[]).filter((e) => e.eventId < toId).map(view);
}
