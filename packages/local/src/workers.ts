import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { sqsClient } from "@claimledger/core/shared/aws.ts";
import type { SQSEvent, SQSBatchResponse } from "aws-lambda";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { queueList, type QueueDef } from "../../../infra/resources.ts";
import { log } from "@claimledger/core/shared/log.ts";

type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

const repoRoot = resolve(import.meta.dirname, "../../..");

/** The handler module and export of a queue definition, the same string SST deploys. */
export async function loadHandler(q: QueueDef): Promise<SqsHandler> {
  const dot = q.handler.lastIndexOf(".");
  const mod = await import(pathToFileURL(resolve(repoRoot, `${q.handler.slice(0, dot)}.ts`)).href);
  const fn = mod[q.handler.slice(dot + 1)];
  if (typeof fn !== "function") throw new Error(`${q.handler} does not export a handler`);
  return fn as SqsHandler;
}

/**
 * Function timeouts locally: `CLAIMLEDGER_TIMEOUT_SCALE` (default 1) multiplies every timeout in
 * infra/resources.ts, so tests can hold a worker to a few seconds or less. Provisioning scales
 * the queues' visibility timeouts by the same factor, so redelivery comes as soon, relatively.
 */
export function timeoutScale(): number {
  const v = Number(process.env.CLAIMLEDGER_TIMEOUT_SCALE ?? "1");
  if (!(v > 0)) throw new Error("CLAIMLEDGER_TIMEOUT_SCALE must be a positive number");
  return v;
}

export class FunctionTimeout extends Error {}

/**
 * A queue's handler run as Lambda runs it: in a sandbox of its own (a worker thread importing the
 * handler module), held to the function's timeout. An invocation that passes it is cut off (the
 * thread is terminated, whatever it was doing) and rejects with FunctionTimeout; the next one
 * starts a fresh sandbox, a cold start.
 */
export function lambdaSandbox(handler: string, timeoutMs: number): { invoke: SqsHandler; close(): Promise<void> } {
  const dot = handler.lastIndexOf(".");
  const workerData = {
    modulePath: resolve(repoRoot, `${handler.slice(0, dot)}.ts`),
    exportName: handler.slice(dot + 1),
  };
  let thread: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { ok(v: SQSBatchResponse | void): void; fail(e: Error): void }>();
  const start = () => {
    const t = new Worker(new URL("./sandbox-thread.ts", import.meta.url), {
      workerData,
      execArgv: [...new Set([...process.execArgv, "--conditions=@claimledger/source"])],
    });
    t.on(
      "message",
      ({ id, ok, result, error }: { id: number; ok: boolean; result?: SQSBatchResponse; error?: string }) => {
        const p = pending.get(id);
        pending.delete(id);
        if (ok) p?.ok(result);
        else p?.fail(new Error(error));
      },
    );
    t.on("error", (err) => {
      for (const p of pending.values()) p.fail(err);
      pending.clear();
      thread = undefined;
    });
    return t;
  };
  return {
    invoke: (event) =>
      new Promise((ok, fail) => {
        thread ??= start();
        const id = next++;
        const t = thread;
        const timer = setTimeout(() => {
          pending.delete(id);
          thread = undefined;
          void t.terminate();
          fail(new FunctionTimeout(`${handler} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { ok: (v) => (clearTimeout(timer), ok(v)), fail: (e) => (clearTimeout(timer), fail(e)) });
        t.postMessage({ id, event, deadline: Date.now() + timeoutMs });
      }),
    close: async () => {
      await thread?.terminate();
      thread = undefined;
    },
  };
}

/**
 * Polls one queue and hands each batch to the Lambda handler as an SQS event, deleting only the
 * messages the handler did not report as failed (partial batch responses, as Lambda does).
 */
export function pollQueue(queueUrl: string, q: QueueDef, handler: SqsHandler, signal: AbortSignal): Promise<void> {
  const sqs = sqsClient();
  return (async () => {
    while (!signal.aborted) {
      try {
        const res = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: q.batchSize,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ["ApproximateReceiveCount"],
          }),
          { abortSignal: signal },
        );
        const messages = res.Messages ?? [];
        if (messages.length === 0) continue;
        const event: SQSEvent = {
          Records: messages.map((m) => ({
            messageId: m.MessageId!,
            receiptHandle: m.ReceiptHandle!,
            body: m.Body ?? "",
            attributes: {
              ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? "1",
              SentTimestamp: String(Date.now()),
              SenderId: "local",
              ApproximateFirstReceiveTimestamp: String(Date.now()),
            },
            messageAttributes: {},
            md5OfBody: m.MD5OfBody ?? "",
            eventSource: "aws:sqs",
            eventSourceARN: queueUrl,
            awsRegion: process.env.AWS_REGION ?? "us-east-1",
          })),
        };
        let failed = new Set<string>(messages.map((m) => m.MessageId!));
        try {
          const out = await handler(event);
          failed = new Set((out?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (err) {
          log("error", "worker failed", { queue: q.resource, error: (err as Error).message });
        }
        const done = messages.filter((m) => !failed.has(m.MessageId!));
        if (done.length) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
            }),
          );
        }
      } catch (err) {
        if (signal.aborted) break;
        log("warn", "queue poll error", { queue: q.resource, error: (err as Error).message });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
}

/**
 * Starts pollers for every queue in infra/resources.ts (its maximum concurrency of them, as the
 * event source mapping allows in AWS), each handler in its own sandbox held to its declared timeout (scaled by CLAIMLEDGER_TIMEOUT_SCALE): a job that would time out on
 * Lambda times out here, and SQS redelivers it.
 */
export async function startWorkers(signal: AbortSignal): Promise<Promise<void>[]> {
  const running: Promise<void>[] = [];
  for (const q of queueList) {
    const url = JSON.parse(process.env[`SST_RESOURCE_${q.resource}`] ?? "{}").url as string;
    // As many consumers as Lambda may run at once for the queue, each its own sandbox (started on first use).
    for (let n = 0; n < (q.maxConcurrency ?? 1); n++) {
      const sandbox = lambdaSandbox(q.handler, q.consumerTimeoutSeconds * 1000 * timeoutScale());
      signal.addEventListener("abort", () => void sandbox.close(), { once: true });
      running.push(pollQueue(url, q, sandbox.invoke, signal));
    }
  }
  return running;
}
