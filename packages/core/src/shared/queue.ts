import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { z } from "zod";
import { queueUrl, sqsClient } from "./aws.ts";

/**
 * A queue's message: one zod schema checked where it is sent and where it is received, so a
 * sender can never queue what the worker cannot read, and a worker never acts on a stray body.
 */
export function queueMessage<S extends z.ZodType<Record<string, unknown>>>(resource: string, schema: S) {
  return {
    resource,
    schema,
    /** Sends one message (checked first). */
    async send(body: z.input<S>): Promise<void> {
      await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl(resource), MessageBody: JSON.stringify(schema.parse(body)) }));
    },
    /** Sends up to ten messages in one request (checked first); throws naming how many SQS refused. */
    async sendBatch(bodies: z.input<S>[]): Promise<void> {
      for (let i = 0; i < bodies.length; i += 10) {
        const chunk = bodies.slice(i, i + 10).map((b) => JSON.stringify(schema.parse(b)));
        const res = await sqsClient().send(new SendMessageBatchCommand({ QueueUrl: queueUrl(resource), Entries: chunk.map((MessageBody, n) => ({ Id: String(n), MessageBody })) }));
        if (res.Failed?.length) throw new Error(`SQS refused ${res.Failed.length} of ${chunk.length} messages to ${resource}`);
      }
    },
    /** A received body, checked; throws MalformedMessage naming the bad fields (never their values). */
    parse(raw: unknown): z.output<S> {
      const r = schema.safeParse(raw);
      if (!r.success) throw new MalformedMessage(resource, r.error.issues.map((i) => i.path.join(".") || "(root)"));
      return r.data;
    },
  };
}

export class MalformedMessage extends Error {
  constructor(resource: string, paths: string[]) {
    super(`malformed ${resource} message: ${paths.join(", ")}`);
  }
}

/** Ids as our code makes them: a prefix and lower-case letters and digits. */
export const idOf = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{4,40}$`), `must be a ${prefix}_ id`);
