import { z } from "zod";
import { log } from "./log.ts";
import { queueMessage, sendMessage } from "./queue.ts";

/**
 * The events' outbox. An event is written in the same transaction as its change; once that
 * transaction commits, `transactWrite` hands the new event ids here and one message per tenant
 * goes to the fan-out queue, whose worker matches them to webhook endpoints. If this send fails
 * (or the writer dies between commit and send) nothing is lost: the events are in the table and
 * the sweeper cron (webhook module) fans out any event of the last minutes without deliveries.
 * The same path runs on AWS and on the local stack (no DynamoDB stream is needed).
 */
export const FANOUT_QUEUE = "WebhookFanoutQueue";

export const fanoutMessages = queueMessage(
  "webhook-fanout",
  z.object({ tenantId: z.string().min(1), eventIds: z.array(z.string().min(1)).min(1).max(100) }),
);

/** Announces committed events to the fan-out worker; a failure is logged, the sweeper catches it up. */
export async function announceEvents(events: { tenantId: string; eventId: string }[]): Promise<void> {
  const byTenant = new Map<string, string[]>();
  for (const e of events) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e.eventId]);
  for (const [tenantId, eventIds] of byTenant) {
    try {
      await sendMessage(FANOUT_QUEUE, fanoutMessages, { tenantId, eventIds });
    } catch (err) {
      log("warn", "events not announced; the sweeper will fan them out", {
        tenantId,
        events: eventIds.length,
        error: (err as Error).name,
      });
    }
  }
}
