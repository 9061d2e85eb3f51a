import { z } from "zod";
import { queueMessage } from "../shared/queue.ts";

export const DELIVERY_QUEUE = "WebhookDeliveryQueue";

/** One event to one endpoint; `notBefore` (epoch ms) holds a retry past SQS's 15-minute delay limit. */
export const deliveryMessages = queueMessage(
  "webhook-delivery",
  z.object({
    tenantId: z.string().min(1),
    endpointId: z.string().min(1),
    eventId: z.string().min(1),
    notBefore: z.number().int().optional(),
    replay: z.boolean().optional(),
  }),
);
export type DeliveryMessage = z.infer<typeof deliveryMessages.schema>;
