import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";

/** An inbound-file queue message: apply the archived file with this hash. */
export const inboundMessages = queueMessage(
  "inbound file",
  z.strictObject({ tenantId: idOf("tnt"), sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex") }),
);
export type InboundMessage = z.infer<typeof inboundMessages.schema>;
