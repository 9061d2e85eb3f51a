import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { z } from "zod";
import { queueUrl, sqsClient } from "./aws.ts";

/**
 * A queue's message: one zod schema checked where it is sent (sendMessage) and where it is
 * received (parse), so a sender can never queue what the worker cannot read, and a worker never
 * acts on a stray body. Kept apart from the queue's name so a worker's bundle, which only parses,
 * does not link the queue it is fed from.
 */
export function queueMessage<S extends z.ZodType<Record<string, unknown>>>(name: string, schema: S) {
  return {
    name,
    schema,
    /** A received body, checked; throws MalformedMessage naming the bad fields (never their values). */
    parse(raw: unknown): z.output<S> {
      const r = schema.safeParse(raw);
      if (!r.success)
        throw new MalformedMessage(
          name,
          r.error.issues.map((i) => i.path.join(".") || "(root)"),
        );
      return r.data;
    },
  };
}

type Message<S extends z.ZodType<Record<string, unknown>>> = ReturnType<typeof queueMessage<S>>;

/** Sends one message to the linked queue (checked first). */
export async function sendMessage<S extends z.ZodType<Record<string, unknown>>>(
  resource: string,
  message: Message<S>,
  body: z.input<S>,
): Promise<void> {
  const MessageBody = JSON.stringify(message.schema.parse(body));
  await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl(resource), MessageBody }));
}

/** Sends messages ten to a request (each checked first); throws naming how many SQS refused. */
export async function sendMessages<S extends z.ZodType<Record<string, unknown>>>(
  resource: string,
  message: Message<S>,
  bodies: z.input<S>[],
): Promise<void> {
  const all = bodies.map((b) => JSON.stringify(message.schema.parse(b)));
  for (let i = 0; i < all.length; i += 10) {
    const chunk = all.slice(i, i + 10);
    const res = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl(resource),
        Entries: chunk.map((MessageBody, n) => ({ Id: String(n), MessageBody })),
      }),
    );
    if (res.Failed?.length)
      throw new Error(`SQS refused ${res.Failed.length} of ${chunk.length} ${message.name} messages`);
  }
}

export class MalformedMessage extends Error {
  constructor(name: string, paths: string[]) {
    super(`malformed ${name} message: ${paths.join(", ")}`);
  }
}

/** Ids as our code makes them: a prefix and lower-case letters and digits. */
export const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{4,40}$`), `must be a ${prefix}_ id`);
