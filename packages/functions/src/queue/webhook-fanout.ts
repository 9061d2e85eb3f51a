import { fanOutEvents } from "@claimledger/core/webhook/index.ts";
import { fanoutMessages } from "@claimledger/core/shared/outbox.ts";
import { sqsHandler } from "./sqs.ts";

/** WebhookFanoutQueue consumer: committed events to the endpoints that want them. */
export const handler = sqsHandler("webhook-fanout", fanoutMessages.parse, async (m) => {
  await fanOutEvents(m.tenantId, m.eventIds);
});
