import { deliver, deliveryMessages } from "@claimledger/core/webhook/index.ts";
import { sqsHandler } from "./sqs.ts";

/** WebhookDeliveryQueue consumer: one signed attempt per message; failures re-queue themselves with backoff. */
export const handler = sqsHandler("webhook-delivery", deliveryMessages.parse, async (m) => {
  await deliver(m);
});
