import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";

/** A claim-batch queue message: build, archive and submit this batch. */
export const claimBatchMessages = queueMessage(
  "claim batch",
  z.strictObject({ tenantId: idOf("tnt"), batchId: idOf("bat") }),
);

/** A batch-run queue message: take chunk `chunk` of the run (its ready claims into batches). */
export const batchRunMessages = queueMessage(
  "batch run",
  z.strictObject({ tenantId: idOf("tnt"), runId: idOf("bjr"), chunk: z.number().int().min(0) }),
);
