import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { DeliveryEntity, EndpointEntity } from "./webhook.entity.ts";
import { DELIVERY_QUEUE, deliveryMessages, type DeliveryMessage } from "./messages.ts";
import { signedHeaders } from "./sign.ts";
import { post, type AttemptResult } from "./outbound.ts";
import type { EndpointItem } from "./endpoint.service.ts";
import { eventsById, eventTime, EVENT_TTL_DAYS, type EventView } from "../event/index.ts";
import { auditPut } from "../audit/index.ts";
import { ownerEmails } from "../user/index.ts";
import { queueUrl, sqsClient } from "../shared/aws.ts";
import { systemPrincipal } from "../shared/context.ts";
import { isConditionFailure, transactWrite, tx } from "../shared/transact.ts";
import { assertMailConfigured, sendMail } from "../shared/mail.ts";
import { log } from "../shared/log.ts";

/**
 * The wait before each retry, after the attempt it follows (Standard Webhooks' example schedule:
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h; ten attempts over about three days and
 * three hours). `CLAIMLEDGER_WEBHOOK_TIME_SCALE` shrinks every webhook time (tests: 0.0001).
 */
const RETRY_DELAYS_S = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400];
/** An endpoint whose deliveries have failed, with no success, for this long is disabled. */
const DISABLE_AFTER_S = 3 * 86_400;
const scale = () => Number(process.env.CLAIMLEDGER_WEBHOOK_TIME_SCALE ?? "1") || 1;
const retryDelayMs = (attempt: number) => {
  const s = RETRY_DELAYS_S[attempt - 1];
  // ±10 % jitter, so a receiver coming back is not hit by every retry at once.
  return s === undefined ? undefined : s * 1000 * scale() * (0.9 + Math.random() * 0.2);
};

/** Queues a delivery attempt, `delayMs` from now (SQS holds it up to 15 minutes; longer waits hop). */
export async function enqueueDelivery(m: DeliveryMessage, delayMs = 0): Promise<void> {
  const body = deliveryMessages.schema.parse(delayMs > 0 ? { ...m, notBefore: Math.round(Date.now() + delayMs) } : m);
  await sqsClient().send(
    new SendMessageCommand({
      QueueUrl: queueUrl(DELIVERY_QUEUE),
      MessageBody: JSON.stringify(body),
      DelaySeconds: Math.min(900, Math.ceil(delayMs / 1000)),
    }),
  );
}

/** Whether an endpoint takes an event: its type, its practice, and made after the endpoint was. */
export function wants(ep: EndpointItem, e: EventView): boolean {
  return (
    ep.status === "enabled" &&
    ep.types.includes(e.type) &&
    (ep.practiceId === undefined || ep.practiceId === e.practiceId) &&
    e.at >= ep.createdAt
  );
}

/** The delivery record of an event to an endpoint, made once: only the maker queues its first attempt. */
export async function startDelivery(tenantId: string, ep: EndpointItem, e: EventView): Promise<boolean> {
  try {
    await DeliveryEntity.create({
      tenantId,
      endpointId: ep.endpointId,
      eventId: e.eventId,
      type: e.type,
      status: "pending",
      attemptCount: 0,
      expiresAt: Math.floor(eventTime(e.eventId) / 1000) + EVENT_TTL_DAYS * 86_400,
    }).go({ response: "none" });
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
  await enqueueDelivery({ tenantId, endpointId: ep.endpointId, eventId: e.eventId });
  return true;
}

/** The body receivers get: Standard Webhooks' `{type, timestamp, data}`, data holding ids and status only. */
export function payloadOf(tenantId: string, e: EventView): string {
  return JSON.stringify({
    type: e.type,
    timestamp: e.at,
    data: { eventId: e.eventId, tenantId, practiceId: e.practiceId, ids: e.ids, status: e.status },
  });
}

/**
 * The delivery worker's job: one attempt of one event to one endpoint, recorded, then either done,
 * retried later (re-queued with its backoff) or given up after the last attempt. A delivery that
 * succeeded is not sent again unless replayed. Never throws for a receiver's failure.
 */
export async function deliver(m: DeliveryMessage): Promise<"delivered" | "retry" | "failed" | "skipped" | "waiting"> {
  if (m.notBefore && m.notBefore - Date.now() > 1000) {
    await enqueueDelivery({ ...m, notBefore: undefined }, m.notBefore - Date.now());
    return "waiting";
  }
  const { tenantId, endpointId, eventId } = m;
  const { data: ep } = await EndpointEntity.get({ tenantId, endpointId }).go();
  if (!ep || ep.status !== "enabled") return "skipped";
  const [event] = await eventsById(tenantId, [eventId]);
  const { data: d } = await DeliveryEntity.get({ tenantId, endpointId, eventId }).go({ consistent: true });
  if (!event || !d || (!m.replay && d.status !== "pending")) return "skipped";
  const body = payloadOf(tenantId, event);
  const at = new Date();
  const r: AttemptResult = await post(ep.url, signedHeaders(ep.secret, eventId, body, at.getTime()), body);
  const ok = r.code !== undefined && r.code >= 200 && r.code < 300;
  const attemptCount = d.attemptCount + 1;
  const delay = ok || m.replay ? undefined : retryDelayMs(attemptCount);
  const attempt = { at: at.toISOString(), ...r, ...(m.replay ? { replay: true } : {}) };
  // A failed replay is not retried on its own: the delivery keeps the state it had.
  const status = ok ? "delivered" : m.replay ? d.status : delay === undefined ? "failed" : "pending";
  const patch = DeliveryEntity.patch({ tenantId, endpointId, eventId }).set({
    status,
    attemptCount,
    attempts: [...((d.attempts as unknown[]) ?? []), attempt].slice(-10),
    firstAttemptAt: d.firstAttemptAt ?? attempt.at,
    ...(ok ? { deliveredAt: attempt.at } : {}),
    ...(delay !== undefined ? { nextAttemptAt: new Date(Date.now() + delay).toISOString() } : {}),
  });
  await (delay === undefined ? patch.remove(["nextAttemptAt"]) : patch).go({ response: "none" });
  log(ok ? "info" : "warn", "webhook attempt", {
    tenantId,
    endpointId,
    eventId,
    code: r.code,
    error: r.error,
    ms: r.ms,
  });
  await recordHealth(ep, ok, r.code);
  if (ok) return "delivered";
  if (delay === undefined) return "failed";
  await enqueueDelivery({ tenantId, endpointId, eventId }, delay);
  return "retry";
}

/** An endpoint's failures since its last success; days of them (or a 410 Gone) disable it and tell the owners. */
async function recordHealth(ep: EndpointItem, ok: boolean, code?: number) {
  const key = { tenantId: ep.tenantId, endpointId: ep.endpointId };
  if (ok) {
    if (ep.failingSince) await EndpointEntity.patch(key).remove(["failingSince"]).go({ response: "none" });
    return;
  }
  if (!ep.failingSince && code !== 410) {
    await EndpointEntity.patch(key)
      .set({ failingSince: new Date().toISOString() })
      .where((a, op) => op.notExists(a.failingSince))
      .go({ response: "none" })
      .catch((err: unknown) => {
        if (!isConditionFailure(err)) throw err;
      });
    return;
  }
  const failingMs = ep.failingSince ? Date.now() - Date.parse(ep.failingSince) : 0;
  if (code === 410 || failingMs > DISABLE_AFTER_S * 1000 * scale())
    await disableEndpoint(
      ep,
      code === 410
        ? "the receiver answered 410 Gone"
        : `every delivery failed since ${ep.failingSince} (${Math.round(failingMs / 3_600_000)} h)`,
    );
}

async function disableEndpoint(ep: EndpointItem, reason: string) {
  const at = new Date().toISOString();
  const system = systemPrincipal(ep.tenantId, "webhooks");
  try {
    await transactWrite([
      tx.update(
        EndpointEntity.patch({ tenantId: ep.tenantId, endpointId: ep.endpointId })
          .set({ status: "disabled", disabledReason: reason, updatedAt: at })
          .add({ version: 1 })
          .where((a, op) => op.eq(a.status, "enabled"))
          .params(),
      ),
      tx.put(
        auditPut(system, `webhookEndpoint:${ep.endpointId}`, "disabled", { practiceId: ep.practiceId, note: reason }),
      ),
    ]);
  } catch {
    return; // disabled already (or changed by a person meanwhile)
  }
  log("warn", "webhook endpoint disabled", { tenantId: ep.tenantId, endpointId: ep.endpointId });
  try {
    assertMailConfigured();
    for (const to of await ownerEmails(ep.tenantId))
      await sendMail({
        to,
        subject: "A ClaimLedger webhook endpoint was disabled",
        text: `Webhook endpoint ${ep.endpointId} (${ep.url}) was disabled: ${reason}.\n\nNothing more is sent to it until it is enabled again (PATCH /v1/webhook-endpoints/${ep.endpointId} {"status": "enabled"}); missed events can then be replayed (POST /v1/webhook-endpoints/${ep.endpointId}/replay).`,
      });
  } catch (err) {
    log("warn", "owners not told of a disabled webhook endpoint", {
      tenantId: ep.tenantId,
      error: (err as Error).message,
    });
  }
}
