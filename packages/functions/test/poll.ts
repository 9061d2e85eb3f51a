import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { expect } from "vitest";
import { handler as pollWorker } from "../src/queue/clearinghouse-poll.ts";
import { call } from "./http.ts";

/**
 * Runs the ClearinghousePollQueue consumer (the Lambda handler) over what is queued, whichever
 * company's, as the local stack's worker does: a message it reports failed is made visible again
 * at once, for the next drain. Returns the bodies it ran.
 */
export async function drainPolls(): Promise<{ tenantId: string; pollId?: string }[]> {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("ClearinghousePollQueue");
  const ran: { tenantId: string; pollId?: string }[] = [];
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    const messages = res.Messages ?? [];
    if (!messages.length) return ran;
    for (const m of messages) {
      const out = await pollWorker({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as never);
      if (out.batchItemFailures.length) {
        await sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }),
        );
        continue;
      }
      ran.push(JSON.parse(m.Body!));
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
}

/** Waits (running the poll worker meanwhile) until the poll is done or failed; the poll as the API shows it. */
export async function finishedPoll(key: string, pollId: string) {
  const deadline = Date.now() + 25_000;
  for (;;) {
    await drainPolls();
    const poll = await call("GET", `/v1/clearinghouse/polls/${pollId}`, { key });
    expect(poll.status, JSON.stringify(poll.body)).toBe(200);
    if (poll.body.status === "done" || poll.body.status === "failed") return poll.body;
    if (Date.now() > deadline) throw new Error(`poll ${pollId} still ${poll.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `POST /v1/clearinghouse/poll` (202, queued), then the worker until it is done: the finished poll. */
export async function pollNow(key: string) {
  const queued = await call("POST", "/v1/clearinghouse/poll", { key });
  expect(queued.status, JSON.stringify(queued.body)).toBe(202);
  return finishedPoll(key, queued.body.pollId);
}
