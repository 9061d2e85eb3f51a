import { z } from "zod";

export const INQUIRY_RUN_STATUSES = ["queued", "stored", "submitted", "empty"] as const;

/** One 276 file (or the request for one): which claims it asks about, and where it went. */
export const inquiryRunView = z.object({
  runId: z.string(),
  status: z
    .enum(INQUIRY_RUN_STATUSES)
    .describe(
      "queued (waiting for the worker), stored (the 276 is archived, on its way), submitted (the clearinghouse has it), empty (nothing to ask)",
    ),
  requestedBy: z.string(),
  requestedAt: z.string(),
  claimIds: z.array(z.string()),
  fileName: z.string().optional(),
  submittedAt: z.string().optional(),
  skipped: z
    .array(z.object({ claimId: z.string(), reason: z.string() }))
    .optional()
    .describe("claims that could not be asked about, and why"),
});
export type InquiryRunView = z.infer<typeof inquiryRunView>;

const count = z.number().int();
/** What a 277 claim status response did (the inbound file's summary). */
export const status277SummaryView = z.object({
  kind: z.literal("status"),
  claims: count,
  recorded: count,
  needsAction: count,
  duplicates: count,
  unknown: count,
});
export type Status277Summary = z.infer<typeof status277SummaryView>;
