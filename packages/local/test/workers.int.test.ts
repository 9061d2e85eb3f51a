import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { sqsClient } from "@claimledger/core/shared/aws.ts";
import type { SQSEvent } from "aws-lambda";
import { expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lambdaSandbox, pollQueue } from "../src/workers.ts";
import type { QueueDef } from "../../../infra/resources.ts";

it("delivers queue messages to a Lambda-style handler and redelivers only the ones it reports failed", async () => {
  const sqs = sqsClient();
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `worker-test-${Date.now()}`, Attributes: { VisibilityTimeout: "1" } }),
  );
  for (const body of ["a", "b", "c"]) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));

  const seen: string[] = [];
  let failedOnce = false;
  const def: QueueDef = {
    resource: "Test",
    handler: "x.handler",
    consumerTimeoutSeconds: 1,
    maxReceiveCount: 3,
    batchSize: 10,
    memoryMb: 128,
  };
  const abort = new AbortController();
  const running = pollQueue(
    QueueUrl!,
    def,
    async (event: SQSEvent) => {
      seen.push(...event.Records.map((r) => r.body));
      const b = event.Records.find((r) => r.body === "b");
      if (b && !failedOnce) {
        failedOnce = true;
        return { batchItemFailures: [{ itemIdentifier: b.messageId }] };
      }
      return { batchItemFailures: [] };
    },
    abort.signal,
  );

  const deadline = Date.now() + 15_000;
  while (seen.filter((s) => s === "b").length < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  // Let the poller delete what it processed, then stop it.
  await new Promise((r) => setTimeout(r, 500));
  abort.abort();
  await running;

  expect(seen.filter((s) => s === "a")).toHaveLength(1);
  expect(seen.filter((s) => s === "c")).toHaveLength(1);
  expect(seen.filter((s) => s === "b")).toHaveLength(2);
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  expect(
    Number(attrs.Attributes?.ApproximateNumberOfMessages) +
      Number(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible),
  ).toBe(0);
});

it("holds a handler to its function timeout: cut off like Lambda, redelivered by SQS, finished on the next receive", async () => {
  const sqs = sqsClient();
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `timeout-test-${Date.now()}`, Attributes: { VisibilityTimeout: "2" } }),
  );
  const marker = join(mkdtempSync(join(tmpdir(), "cl-timeout-")), "job");
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ marker }) }));
  // A one-second function (the deployed ones are scaled by CLAIMLEDGER_TIMEOUT_SCALE the same way).
  const def: QueueDef = {
    resource: "Test",
    handler: "packages/local/test/fixtures/slow-handler.handler",
    consumerTimeoutSeconds: 1,
    maxReceiveCount: 3,
    batchSize: 1,
    memoryMb: 128,
  };
  const sandbox = lambdaSandbox(def.handler, 1000);
  const abort = new AbortController();
  const running = pollQueue(QueueUrl!, def, sandbox.invoke, abort.signal);
  const deadline = Date.now() + 20_000;
  while (!existsSync(`${marker}.done`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  // Long enough for a first attempt that was not cut off to have written its marker (3 s).
  await new Promise((r) => setTimeout(r, 3500));
  abort.abort();
  await running;
  await sandbox.close();
  expect(readFileSync(`${marker}.done`, "utf8")).toBe("2"); // finished on the second receive
  expect(existsSync(`${marker}.late`)).toBe(false); // the timed-out attempt never ran on
});
