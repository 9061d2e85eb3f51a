import { z } from "zod";

/**
 * Every kind of event, as `GET /v1/events` lists them and webhooks deliver them. Each is written
 * in the transaction of its change. Follow-up tasks (followup module): created, assigned to someone, and
 * completed (status `done`, or `cancelled` when the claim went away). `claim.status_received` is a
 * payer's answer to a status inquiry (277), which never moves the claim's status. Appeals (appeal
 * module): drafted, sent, decided (status: overturned, partially_overturned, upheld), paid by an 835,
 * withdrawn. Write-offs waiting for an owner (resolution module): requested, approved, rejected.
 * `underpayment.found`: an 835 allowed lines of a claim below their contract (contract module).
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
  "eligibility.answered",
  "invoice.finalized",
  "invoice.sent",
  "invoice.paid",
  "invoice.voided",
  "task.created",
  "task.assigned",
  "task.completed",
  "appeal.created",
  "appeal.sent",
  "appeal.decided",
  "appeal.paid",
  "appeal.withdrawn",
  "write_off.requested",
  "write_off.approved",
  "write_off.rejected",
  "underpayment.found",
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
