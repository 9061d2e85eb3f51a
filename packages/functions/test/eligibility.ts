import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { expect } from "vitest";
import { queueUrl, sqsClient } from "@claimledger/core/shared/aws.ts";
import { handler as eligibilityWorker } from "../src/queue/eligibility-check.ts";

/**
 * Runs the EligibilityQueue consumer over one company's queued messages, as the local stack's
 * worker does. Other companies' messages (other test files') go straight back to the queue for
 * their own test: each may need what only its own process has (an SFTP secret).
 */
export async function drainEligibility(tenantId: string) {
  const sqs = sqsClient();
  const QueueUrl = queueUrl("EligibilityQueue");
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    let ran = 0;
    for (const m of res.Messages ?? []) {
      if ((JSON.parse(m.Body!) as { tenantId: string }).tenantId !== tenantId) {
        await sqs.send(
          new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }),
        );
        continue;
      }
      const out = await eligibilityWorker({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as never);
      expect(out.batchItemFailures).toEqual([]);
      await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
      ran++;
    }
    if (ran === 0) return;
  }
}

/** Drains the company's messages until `done` says so (a receive can miss messages another file just put back). */
export async function drainEligibilityUntil(tenantId: string, done: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await drainEligibility(tenantId);
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not done after 90 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
