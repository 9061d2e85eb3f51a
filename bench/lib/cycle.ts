/**
 * The whole billing cycle of one practice-month on the local stack, measured phase by phase:
 * intake (one encounter per API request: intake and scrubber), batch and submit (the claim-batch
 * worker: 837P built, archived, sent to the sandbox clearinghouse), acknowledge (a poll, queued by
 * the API and run by the poll worker, brings the 999 and 277CA; the inbound worker applies them),
 * post (the next poll brings the payer's 835; the inbound worker plans it, the chunk worker posts it) and invoice (the month's invoice run for the practice).
 *
 * The API runs in this process over HTTP; each queue's messages are handed to its Lambda handler
 * as an SQS event, as Lambda's poller would, one message per invocation (every queue has batch
 * size 1). Per phase: AWS calls metered (DynamoDB units, S3 and SQS requests), API requests and
 * their time in the app, handler invocations and their durations.
 */
import type { SQSEvent, SQSBatchResponse } from "aws-lambda";
import type { QueueDef } from "../../infra/resources.ts";
import type { Meter } from "../../packages/core/src/shared/metering.ts";
import { encounterFor, type Company } from "./company.ts";
import type { BenchStack } from "./stack.ts";

export interface Invocation {
  fn: string;
  memoryMb: number;
  ms: number;
}

export interface Phase {
  name: string;
  meter: Meter;
  invocations: Invocation[];
  apiRequests: number;
  responseBytes: number;
  /** Queue messages handled (each is one SQS receive and one delete by Lambda's poller). */
  messages: number;
  /** Deltas of the caller's own counters over the phase (see runCycle's `counters`). */
  counters: Record<string, number>;
}

type Handler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export async function runCycle(
  stack: BenchStack,
  company: Company,
  claims: number,
  counters: () => Record<string, number> = () => ({}),
): Promise<Phase[]> {
  const { readMeter, meterDelta } = await import("../../packages/core/src/shared/metering.ts");
  const { sqsClient } = await import("../../packages/core/src/shared/aws.ts");
  const { ReceiveMessageCommand, DeleteMessageCommand } = await import("@aws-sdk/client-sqs");
  const { loadHandler } = await import("../../packages/local/src/workers.ts");
  const { api, queues } = await import("../../infra/resources.ts");
  const handlers = new Map<QueueDef, Handler>();

  /** Hands every message waiting in the queue to its handler; returns the invocations. */
  const drain = async (q: QueueDef, invocations: Invocation[]): Promise<number> => {
    const url = JSON.parse(process.env[`SST_RESOURCE_${q.resource}`] ?? "{}").url as string;
    if (!handlers.has(q)) handlers.set(q, await loadHandler(q));
    const handler = handlers.get(q)!;
    let handled = 0;
    for (let empty = 0; empty < 2;) {
      const res = await sqsClient().send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: q.batchSize,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }),
      );
      const m = res.Messages?.[0];
      if (!m) {
        empty++;
        continue;
      }
      empty = 0;
      const event = {
        Records: [
          {
            messageId: m.MessageId!,
            receiptHandle: m.ReceiptHandle!,
            body: m.Body ?? "",
            attributes: {
              ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? "1",
              SentTimestamp: "0",
              SenderId: "bench",
              ApproximateFirstReceiveTimestamp: "0",
            },
            messageAttributes: {},
            md5OfBody: m.MD5OfBody ?? "",
            eventSource: "aws:sqs",
            eventSourceARN: url,
            awsRegion: "us-east-1",
          },
        ],
      } as SQSEvent;
      const t = performance.now();
      const out = await handler(event);
      invocations.push({ fn: q.handler, memoryMb: q.memoryMb, ms: performance.now() - t });
      if (out?.batchItemFailures?.length) throw new Error(`${q.handler} failed on ${m.Body}`);
      await sqsClient().send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
      handled++;
    }
    return handled;
  };

  const phases: Phase[] = [];
  const phase = async (name: string, work: (invocations: Invocation[]) => Promise<number>) => {
    stack.served.length = 0;
    const bytes0 = stack.received.bytes;
    const before = readMeter();
    const c0 = counters();
    const invocations: Invocation[] = [];
    const messages = await work(invocations);
    for (const s of stack.served) invocations.push({ fn: api.handler, memoryMb: api.memoryMb, ms: s.ms });
    const c1 = counters();
    const delta = Object.fromEntries(Object.entries(c1).map(([k, v]) => [k, v - (c0[k] ?? 0)]));
    phases.push({
      name,
      meter: meterDelta(readMeter(), before),
      invocations,
      apiRequests: stack.served.length,
      responseBytes: stack.received.bytes - bytes0,
      messages,
      counters: delta,
    });
  };
  const call = <T = any>(method: string, path: string, body?: unknown, expect?: number) =>
    stack.call<T>(company.ownerKey, method, path, body, expect);

  /** A poll as a user asks for it: queued by the API, run by the poll worker; the finished poll. */
  const poll = async (inv: Invocation[]) => {
    const queued = await call("POST", "/v1/clearinghouse/poll", undefined, 202);
    const messages = await drain(queues.clearinghousePolls, inv);
    return { messages, files: (await call("GET", `/v1/clearinghouse/polls/${queued.pollId}`, undefined, 200)).files };
  };

  await phase("intake", async () => {
    for (let i = 0; i < claims; i++) {
      const r = await call("POST", `/v1/practices/${company.practiceId}/encounters`, encounterFor(company, i), 201);
      if (r.status !== "ready") throw new Error(`encounter ${i} is ${r.status}: ${JSON.stringify(r.findings)}`);
    }
    return 0;
  });
  await phase("batch + submit", async (inv) => {
    const run = await call("POST", "/v1/claim-batches", { practiceId: company.practiceId }, 202);
    const runs = await drain(queues.batchRuns, inv);
    const done = await call("GET", `/v1/claim-batch-runs/${run.runId}`, undefined, 200);
    if (done.claims !== claims) throw new Error(`batched ${done.claims} of ${claims} claims`);
    return runs + (await drain(queues.claimBatches, inv));
  });
  await phase("acknowledge (999, 277CA)", async (inv) => {
    const polled = await poll(inv);
    if (!polled.files.some((f: any) => f.kind === "277"))
      throw new Error(`no 277CA in the first poll: ${JSON.stringify(polled.files)}`);
    return polled.messages + (await drain(queues.inboundFiles, inv));
  });
  await phase("post (835)", async (inv) => {
    const polled = await poll(inv);
    if (!polled.files.some((f: any) => f.kind === "835"))
      throw new Error(`no 835 in the second poll: ${JSON.stringify(polled.files)}`);
    // The inbound worker plans the posting; the chunk worker posts it.
    return polled.messages + (await drain(queues.inboundFiles, inv)) + (await drain(queues.remittanceChunks, inv));
  });
  await phase("invoice", async (inv) => {
    await call("POST", "/v1/invoice-runs", { period: new Date().toISOString().slice(0, 7) }, 202);
    return drain(queues.invoiceRuns, inv);
  });

  // Every claim went through: adjudicated, none left behind.
  const counts: Record<string, number> = {};
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: any = await call(
      "GET",
      `/v1/claims?practiceId=${company.practiceId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    for (const c of page.items) counts[c.status] = (counts[c.status] ?? 0) + 1;
    cursor = page.nextCursor;
  }
  const adjudicated = (counts.paid ?? 0) + (counts.partially_paid ?? 0) + (counts.denied ?? 0);
  if (adjudicated !== claims) throw new Error(`after the cycle: ${JSON.stringify(counts)}`);
  return phases;
}
