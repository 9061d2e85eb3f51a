import { z } from "zod";
import { queueMessage } from "../shared/queue.ts";

export const ELIGIBILITY_QUEUE = "EligibilityQueue";
/** Checks a message asks about: a 270 file per practice and payer of them, or that many real-time calls. */
export const CHECKS_PER_MESSAGE = 50;

export const eligibilityMessages = queueMessage(
  "eligibility-checks",
  z.object({ tenantId: z.string().min(1), checkIds: z.array(z.string().min(1)).min(1).max(CHECKS_PER_MESSAGE) }),
);
