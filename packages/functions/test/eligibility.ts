import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { expect } from "vitest";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { handler as eligibilityWorker } from "../src/queue/eligibility-check.ts";

/** Runs the EligibilityQueue consumer over what is queued, as the local stack's worker does. */
export async function drainEligibility() {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("EligibilityQueue");
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!res.Messages?.length) return;
    for (const m of res.Messages) {
      const out = await eligibilityWorker({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as never);
      expect(out.batchItemFailures).toEqual([]);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
}

/**
 * Drains the queue until `done` says so: another test file draining at the same time may hold
 * some of this test's messages for a moment (it runs them; their answers land all the same).
 */
export async function drainEligibilityUntil(done: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await drainEligibility();
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not done after 90 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
