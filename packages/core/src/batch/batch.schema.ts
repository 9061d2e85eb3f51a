import { z } from "zod";
import { BATCH_RUN_STATUSES, BATCH_STATUSES } from "./batch.entity.ts";

/** A claim batch as the API shows it. */
export const batchView = z.object({
  batchId: z.string(),
  status: z.enum(BATCH_STATUSES),
  claimIds: z.array(z.string()),
  setAsideClaimIds: z
    .array(z.string())
    .optional()
    .describe(
      "Claims taken out of the batch because the 837P could not carry them; each is back in needs_review with the reason",
    ),
  practiceId: z.string().optional(),
  payerId: z.string().optional(),
  runId: z.string().optional().describe("The batch run that made this batch, when it was made by one"),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  interchangeControlNumber: z.number().optional(),
  fileName: z.string().optional(),
  fileSha256: z.string().optional(),
  fileBytes: z.number().optional(),
  fileUrl: z.string().optional().describe("Presigned download of the 837P, valid 15 minutes"),
  attempts: z.number(),
  error: z.string().optional(),
  submittedAt: z.string().optional(),
  ack: z
    .object({
      ack999: z.array(z.object({ set: z.string(), status: z.string(), statusDescription: z.string().optional() })),
    })
    .optional()
    .describe("What the 999 said, transaction set by transaction set"),
});

/** A batch run (ready claims of a practice or payer batched by the worker, chunk by chunk) as the API shows it. */
export const batchRunView = z.object({
  runId: z.string(),
  status: z.enum(BATCH_RUN_STATUSES).describe("running: the worker is batching ready claims; done: none were left"),
  practiceId: z.string().optional(),
  payerId: z.string().optional(),
  limit: z.number().optional(),
  chunkClaims: z.number().describe("Ready claims the worker takes per chunk (one queue message)"),
  claims: z.number().describe("Claims batched so far"),
  batchIds: z.array(z.string()).describe("The batches created so far, each on its way to the clearinghouse"),
  chunks: z.number().describe("Chunks done"),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
});
