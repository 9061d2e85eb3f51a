import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";

/** A remittance-chunk queue message: post this chunk of this posting run of an 835 file. */
export const remittanceChunkMessages = queueMessage(
  "remittance chunk",
  z.strictObject({
    tenantId: idOf("tnt"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"),
    runId: idOf("run"),
    chunk: z.number().int().min(0).max(100_000),
  }),
);
export type RemittanceChunkMessage = z.infer<typeof remittanceChunkMessages.schema>;
