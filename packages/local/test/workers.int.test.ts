import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { sqsClient } from "@claimledger/core/shared/aws.ts";
import type { SQSEvent } from "aws-lambda";
import { expect, it } from "vitest";
import { pollQueue } from "../src/workers.ts";
import type { QueueDef } from "../../../infra/resources.ts";

it("delivers queue messages to a Lambda-style handler and redelivers only the ones it reports failed", async () => {
  const sqs = sqsClient();
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `worker-test-${Date.now()}`, Attributes: { VisibilityTimeout: "1" } }),
  );
  for (const body of ["a", "b", "c"]) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));

  const seen: string[] = [];
  let failedOnce = false;
  const def: QueueDef = { resource: "Test", handler: "x.handler", consumerTimeoutSeconds: 1, maxReceiveCount: 3, batchSize: 10, memoryMb: 128 };
  const abort = new AbortController();
  const running = pollQueue(QueueUrl!, def, async (event: SQSEvent) => {
    seen.push(...event.Records.map((r) => r.body));
    const b = event.Records.find((r) => r.body === "b");
    if (b && !failedOnce) {
      failedOnce = true;
      return { batchItemFailures: [{ itemIdentifier: b.messageId }] };
    }
    return { batchItemFailures: [] };
  }, abort.signal);

  const deadline = Date.now() + 15_000;
  while (seen.filter((s) => s === "b").length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Let the poller delete what it processed, then stop it.
  await new Promise((r) => setTimeout(r, 500));
  abort.abort();
  await running;

  expect(seen.filter((s) => s === "a")).toHaveLength(1);
  expect(seen.filter((s) => s === "c")).toHaveLength(1);
  expect(seen.filter((s) => s === "b")).toHaveLength(2);
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  expect(Number(attrs.Attributes?.ApproximateNumberOfMessages) + Number(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible)).toBe(0);
});
