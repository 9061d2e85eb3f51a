import { z } from "zod";
import { idOf, queueMessage } from "../shared/queue.ts";
import { isoDate } from "../shared/schema.ts";

/** A statement-run queue message: one practice's statements for the run's date. */
export const statementRunMessages = queueMessage(
  "statement run",
  z.strictObject({ tenantId: idOf("tnt"), runId: idOf("srn"), practiceId: idOf("prc"), runDate: isoDate }),
);
export type StatementRunMessage = z.infer<typeof statementRunMessages.schema>;
