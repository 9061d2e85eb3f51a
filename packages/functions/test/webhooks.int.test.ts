import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { SQSEvent } from "aws-lambda";
import { eventPut, type EventType } from "@claimledger/core/event/index.ts";
import { sweepTenant } from "@claimledger/core/webhook/index.ts";
import { transactWrite } from "@claimledger/core/shared/transact.ts";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { handler as fanoutHandler } from "../src/queue/webhook-fanout.ts";
import { handler as deliveryHandler } from "../src/queue/webhook-delivery.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { invitedUser, mailsTo } from "./users.ts";

/**
 * Webhooks against a receiver in the test (an HTTP server on 127.0.0.1), through the real queue
 * handlers and the real delivery queue: signatures checked with the README's receiver function,
 * retries while the receiver is down, once each when it is back, replays, the sweeper, and an
 * endpoint that keeps failing disabled. Webhook times are shrunk (CLAIMLEDGER_WEBHOOK_TIME_SCALE).
 */
process.env.CLAIMLEDGER_WEBHOOK_ALLOW_LOOPBACK = "1";
process.env.CLAIMLEDGER_WEBHOOK_TIME_SCALE = "0.0001";

/** The README's receiver example, run as written. */
const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const example = /```js\n(const \{ createHmac[\s\S]*?)```/.exec(readme)![1]!;
const verifyWebhook = new Function("require", `${example}\nreturn verifyWebhook;`)(createRequire(import.meta.url)) as (
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
) => boolean;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}
let answer = 200;
const received: Received[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    received.push({ headers: req.headers, body, answered: answer });
    res.writeHead(answer).end();
  });
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => receiver.close());

const sqsEvent = (bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((b, i) => ({ messageId: `m${i}`, body: JSON.stringify(b) }) as SQSEvent["Records"][number]),
});

/** Runs the delivery queue through its real handler, as Lambda would, until `done` or the time runs out. */
async function drain(done: () => Promise<boolean>, ms = 30_000) {
  const QueueUrl = queueUrl("WebhookDeliveryQueue");
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await done()) return;
    const res = await sqsClient().send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const messages = res.Messages ?? [];
    if (!messages.length) continue;
    const out = await deliveryHandler({
      Records: messages.map((m) => ({ messageId: m.MessageId!, body: m.Body! }) as SQSEvent["Records"][number]),
    });
    const failed = new Set(out.batchItemFailures.map((f) => f.itemIdentifier));
    const ok = messages.filter((m) => !failed.has(m.MessageId!));
    if (ok.length)
      await sqsClient().send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: ok.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
  }
  throw new Error("the deliveries did not finish in time");
}

/** Events written as every writer writes them (its own transaction), n of them. */
async function writeEvents(tenantId: string, n: number, type: EventType = "claim.paid", practiceId?: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const put = eventPut(tenantId, { type, practiceId, ids: { claimId: `CL${i}` }, status: "paid" });
    await transactWrite([put]);
    ids.push(put.event!.eventId);
  }
  return ids;
}

const deliveries = async (key: string, endpointId: string) =>
  (await call("GET", `/v1/webhook-endpoints/${endpointId}/deliveries?limit=100`, { key })).body.items as any[];

async function endpoint(key: string, body: Record<string, unknown> = {}) {
  const res = await call("POST", "/v1/webhook-endpoints", { key, body: { url, types: ["claim.paid"], ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { endpointId: string; secret: string };
}

describe("webhooks", () => {
  it("delivers every event once with its id, signed, after a receiver that was down comes back", async () => {
    const t = await newTenant();
    const ep = await endpoint(t.ownerKey);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    // The secret is shown once: never in a read or a list.
    const read = await call("GET", `/v1/webhook-endpoints/${ep.endpointId}`, { key: t.ownerKey });
    expect(JSON.stringify(read.body)).not.toContain(ep.secret.slice(6, 20));
    expect(JSON.stringify((await call("GET", "/v1/webhook-endpoints", { key: t.ownerKey })).body)).not.toContain(
      ep.secret.slice(6, 20),
    );

    answer = 503;
    received.length = 0;
    const ids = await writeEvents(t.tenantId, 4);
    await writeEvents(t.tenantId, 1, "invoice.paid"); // not a type the endpoint asked for
    await fanoutHandler(sqsEvent([{ tenantId: t.tenantId, eventIds: ids }]));
    // Down for a while: attempts fail and are retried with backoff through the queue.
    await drain(async () => received.length >= 8, 20_000);
    answer = 200;
    const allDelivered = async () =>
      (await deliveries(t.ownerKey, ep.endpointId)).filter((d) => d.status === "delivered").length === ids.length;
    await drain(allDelivered);

    const ok = received.filter((r) => r.answered === 200);
    expect(ok.map((r) => r.headers["webhook-id"]).sort()).toEqual([...ids].sort());
    for (const r of received) {
      expect(verifyWebhook(ep.secret, r.headers, r.body)).toBe(true);
      expect(JSON.parse(r.body)).toMatchObject({ type: "claim.paid", data: { eventId: r.headers["webhook-id"] } });
    }
    // A bad signature is refused by the receiver's check: a changed body, another secret, an old timestamp.
    const r = ok[0]!;
    expect(verifyWebhook(ep.secret, r.headers, r.body.replace("paid", "PAID"))).toBe(false);
    const other = (await endpoint(t.ownerKey, { types: ["invoice.paid"] })).secret;
    expect(verifyWebhook(other, r.headers, r.body)).toBe(false);
    expect(
      verifyWebhook(ep.secret, { ...r.headers, "webhook-timestamp": String(Date.now() / 1000 - 3600) }, r.body),
    ).toBe(false);
    // Every attempt recorded: the failures (503) and the success.
    const d = (await deliveries(t.ownerKey, ep.endpointId)).find((x) => x.eventId === ids[0])!;
    expect(d.attemptCount).toBeGreaterThan(1);
    expect(d.attempts.map((a: any) => a.code)).toEqual([...Array(d.attemptCount - 1).fill(503), 200]);

    // Fanned out again (a redelivered message): nothing is sent twice.
    const before = received.length;
    await fanoutHandler(sqsEvent([{ tenantId: t.tenantId, eventIds: ids }]));
    await drain(async () => false, 1500).catch(() => undefined);
    expect(received.length).toBe(before);

    // Replay of one delivery, then of the range: sent again, with the same id.
    const replay = await call("POST", `/v1/webhook-endpoints/${ep.endpointId}/deliveries/${ids[1]}/replay`, {
      key: t.ownerKey,
    });
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    await drain(async () => received.length > before);
    expect(received.at(-1)!.headers["webhook-id"]).toBe(ids[1]);
    const range = await call("POST", `/v1/webhook-endpoints/${ep.endpointId}/replay`, {
      key: t.ownerKey,
      body: { from: new Date(Date.now() - 600_000).toISOString(), to: new Date().toISOString(), onlyFailed: false },
    });
    expect(range.body).toEqual({ queued: 4, truncated: false });
    await drain(async () => received.length >= before + 5);
  });

  it("starts the delivery of an event whose announcement was lost, from the sweeper, once", async () => {
    const t = await newTenant();
    const ep = await endpoint(t.ownerKey);
    answer = 200;
    const [id] = await writeEvents(t.tenantId, 1); // announced to the fan-out queue, which no one reads here
    expect(await sweepTenant(t.tenantId, Date.now() + 60_000)).toBe(1);
    expect(await sweepTenant(t.tenantId, Date.now() + 60_000)).toBe(0);
    await drain(async () => (await deliveries(t.ownerKey, ep.endpointId))[0]?.status === "delivered");
    expect(received.filter((r) => r.headers["webhook-id"] === id)).toHaveLength(1);
  });

  it("disables an endpoint that fails for days, with an audit event", async () => {
    process.env.CLAIMLEDGER_WEBHOOK_TIME_SCALE = "0.00001"; // three days: 2.6 s
    try {
      const t = await newTenant();
      const owner = `owner-${t.tenantId}@example.com`;
      await invitedUser(t.ownerKey, owner, "owner");
      await invitedUser(t.ownerKey, `biller-${t.tenantId}@example.com`, "biller");
      const ep = await endpoint(t.ownerKey);
      answer = 500;
      const ids = await writeEvents(t.tenantId, 2);
      await fanoutHandler(sqsEvent([{ tenantId: t.tenantId, eventIds: ids }]));
      const get = async () => (await call("GET", `/v1/webhook-endpoints/${ep.endpointId}`, { key: t.ownerKey })).body;
      await drain(async () => (await get()).status === "disabled");
      expect((await get()).disabledReason).toMatch(/every delivery failed since/);
      const audit = await call("GET", `/v1/audit-events?subject=webhookEndpoint:${ep.endpointId}`, { key: t.ownerKey });
      expect(audit.body.items.map((a: any) => a.action)).toContain("disabled");
      // The owners are told by mail (not the biller), naming the endpoint and how to turn it on again.
      const told = mailsTo(owner).filter((m) => m.subject.includes("webhook endpoint was disabled"));
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain(ep.endpointId);
      expect(mailsTo(`biller-${t.tenantId}@example.com`).filter((m) => m.subject.includes("webhook"))).toEqual([]);
      // Enabled again by a person, with its failures forgotten.
      const on = await call("PATCH", `/v1/webhook-endpoints/${ep.endpointId}`, {
        key: t.ownerKey,
        body: { status: "enabled" },
      });
      expect(on.body).toMatchObject({ status: "enabled" });
      expect(on.body.failingSince).toBeUndefined();
    } finally {
      process.env.CLAIMLEDGER_WEBHOOK_TIME_SCALE = "0.0001";
      answer = 200;
    }
  });

  it("refuses private, link-local and reserved addresses, and holds a practice key to its practice", async () => {
    const t = await newTenant();
    for (const bad of [
      "http://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/x",
      "https://[fd00::1]/",
      "ftp://example.com/",
    ]) {
      const res = await call("POST", "/v1/webhook-endpoints", {
        key: t.ownerKey,
        body: { url: bad, types: ["claim.paid"] },
      });
      expect(res.status, bad).toBe(422);
      expect(res.body.errors[0].path).toBe("url");
    }
    const practiceId = (await call("POST", "/v1/practices", { key: t.ownerKey, body: samples.practice })).body
      .practiceId;
    const pkey = await newKey(t.ownerKey, "practice", practiceId);
    const theirs = await endpoint(pkey);
    const mine = await endpoint(t.ownerKey);
    expect((await call("GET", `/v1/webhook-endpoints/${theirs.endpointId}`, { key: pkey })).body.practiceId).toBe(
      practiceId,
    );
    expect((await call("GET", `/v1/webhook-endpoints/${mine.endpointId}`, { key: pkey })).status).toBe(404);
    const listed = (await call("GET", "/v1/webhook-endpoints", { key: pkey })).body.items.map((e: any) => e.endpointId);
    expect(listed).toEqual([theirs.endpointId]);
    // A biller reads but does not manage endpoints.
    const biller = await newKey(t.ownerKey, "biller");
    expect(
      (await call("POST", "/v1/webhook-endpoints", { key: biller, body: { url, types: ["claim.paid"] } })).status,
    ).toBe(403);
    expect((await call("DELETE", `/v1/webhook-endpoints/${mine.endpointId}`, { key: t.ownerKey })).status).toBe(204);
    expect((await call("GET", `/v1/webhook-endpoints/${mine.endpointId}`, { key: t.ownerKey })).status).toBe(404);
  });
});
