import { z } from "zod";

/**
 * Every kind of event, as `GET /v1/events` lists them and webhooks deliver them. Each is written
 * in the transaction of its change. `claim.status_received` is a payer's answer to a status inquiry
 * (277), which never moves the claim's status. Not yet: eligibility results and follow-up task
 * assignment (neither exists in the product yet); each gets its type when it does.
 */
export const EVENT_TYPES = [
  "claim.accepted",
  "claim.rejected",
  "claim.paid",
  "claim.partially_paid",
  "claim.denied",
  "claim.status_received",
  "batch.submitted",
  "ack.999.received",
  "ack.277ca.received",
  "remittance.posted",
  "payment.posted",
  "statement.issued",
  "invoice.finalized",
  "invoice.sent",
  "invoice.paid",
  "invoice.voided",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Claim statuses that are an event (`claim.<status>`); the others are the biller's own steps. */
export const CLAIM_EVENT_STATUSES = ["accepted", "rejected", "paid", "partially_paid", "denied"] as const;

/** Ids an event names: one id, or a few (a payment's claims). Never names, dates of birth or member ids. */
export type EventIds = Record<string, string | string[]>;

export const eventView = z.object({
  eventId: z.string(),
  type: z.enum(EVENT_TYPES),
  at: z.string(),
  practiceId: z.string().optional(),
  ids: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  status: z.string().optional(),
});
export type EventView = z.infer<typeof eventView>;
