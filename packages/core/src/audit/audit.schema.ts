import { z } from "zod";

/** One audit event as the API shows it: who did what to which subject, and when. */
export const auditEvent = z.object({
  subject: z.string(),
  eventId: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  practiceId: z.string().optional(),
  fields: z.array(z.string()).optional(),
  note: z.string().optional(),
});
