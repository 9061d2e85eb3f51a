import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";

/** A claim-batch queue message: build, archive and submit this batch. */
export const claimBatchMessages = queueMessage(
  "claim batch",
  z.strictObject({ tenantId: idOf("tnt"), batchId: idOf("bat") }),
);
