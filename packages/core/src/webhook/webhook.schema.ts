import { z } from "zod";
import { EVENT_TYPES } from "../event/index.ts";

const eventTypes = z
  .array(z.enum(EVENT_TYPES))
  .min(1)
  .max(EVENT_TYPES.length)
  .transform((t) => [...new Set(t)]);

export const endpointInput = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  types: eventTypes,
  /** Only this practice's events (a practice principal's endpoints always are). */
  practiceId: z.string().min(1).max(40).optional(),
  description: z.string().trim().max(200).optional(),
});
export type EndpointInput = z.infer<typeof endpointInput>;

export const endpointPatch = z.strictObject({
  url: z.string().trim().min(1).max(2000).optional(),
  types: eventTypes.optional(),
  description: z.string().trim().max(200).optional(),
  /** `enabled` turns a disabled endpoint back on (and forgets its failures). */
  status: z.enum(["enabled", "disabled"]).optional(),
});
export type EndpointPatch = z.infer<typeof endpointPatch>;

export const endpointView = z.object({
  endpointId: z.string(),
  url: z.string(),
  types: z.array(z.string()),
  practiceId: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(["enabled", "disabled"]),
  disabledReason: z.string().optional(),
  failingSince: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type EndpointView = z.infer<typeof endpointView>;

/** The creating response: the only one that ever carries the signing secret. */
export const createdEndpoint = endpointView.extend({
  secret: z.string().describe("whsec_...: shown once, sign-checks every delivery (Standard Webhooks)"),
});

export const attemptView = z.object({
  at: z.string(),
  code: z.number().optional(),
  error: z.string().optional(),
  ms: z.number(),
  replay: z.boolean().optional(),
});

export const deliveryView = z.object({
  endpointId: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attemptCount: z.number(),
  attempts: z.array(attemptView),
  firstAttemptAt: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  deliveredAt: z.string().optional(),
});
export type DeliveryView = z.infer<typeof deliveryView>;

export const replayRangeInput = z.strictObject({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** Only deliveries that did not succeed (and events never delivered); false sends every one again. */
  onlyFailed: z.boolean().default(true),
});
export type ReplayRange = z.infer<typeof replayRangeInput>;

export const replayed = z.object({ queued: z.number(), truncated: z.boolean() });
