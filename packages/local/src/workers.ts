import { DeleteMessageBatchCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { sqsClient } from "@claimledger/core/shared/aws.ts";
import type { SQSEvent, SQSBatchResponse } from "aws-lambda";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
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
 * Polls one queue and hands each batch to the Lambda handler as an SQS event, deleting only the
 * messages the handler did not report as failed (partial batch responses, as Lambda does).
 */
export function pollQueue(queueUrl: string, q: QueueDef, handler: SqsHandler, signal: AbortSignal): Promise<void> {
  const sqs = sqsClient();
  return (async () => {
    while (!signal.aborted) {
      try {
        const res = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: q.batchSize, WaitTimeSeconds: 1, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }),
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
            new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
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

/** Starts a poller for every queue in infra/resources.ts. */
export async function startWorkers(signal: AbortSignal): Promise<Promise<void>[]> {
  const running: Promise<void>[] = [];
  for (const q of queueList) {
    const url = JSON.parse(process.env[`SST_RESOURCE_${q.resource}`] ?? "{}").url as string;
    running.push(pollQueue(url, q, await loadHandler(q), signal));
  }
  return running;
}
