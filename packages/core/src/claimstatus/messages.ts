import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";

/**
 * A status-inquiry queue message: ask the payers about one company's claims. The daily schedule
 * names the day's run (`sti_YYYYMMDD`, so a second delivery finds the first's file); someone asking
 * now names a run of their own and the claims.
 */
export const statusInquiryMessages = queueMessage(
  "status inquiry",
  z.strictObject({
    tenantId: idOf("tnt"),
    runId: idOf("sti"),
    claimIds: z
      .array(z.string().regex(/^CL[0-9A-Za-z]{4,40}$/))
      .min(1)
      .max(100)
      .optional(),
    /** The time the run counts days to (a run by hand for another day); absent, the worker's now. */
    at: z.iso.datetime().optional(),
  }),
);
export type StatusInquiryMessage = z.infer<typeof statusInquiryMessages.schema>;
