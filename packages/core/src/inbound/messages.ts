import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";

/** An inbound-file queue message: apply the archived file with this hash. */
export const inboundMessages = queueMessage(
  "inbound file",
  z.strictObject({ tenantId: idOf("tnt"), sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex") }),
);
export type InboundMessage = z.infer<typeof inboundMessages.schema>;

/**
 * A clearinghouse-poll queue message: fetch one company's files. `pollId` names the poll someone
 * asked for (its record shows the outcome); the schedule's messages have none.
 */
export const pollMessages = queueMessage(
  "clearinghouse poll",
  z.strictObject({ tenantId: idOf("tnt"), pollId: idOf("pol").optional() }),
);
export type PollMessage = z.infer<typeof pollMessages.schema>;
