import { fanOutEvents } from "@claimledger/core/webhook/index.ts";
import { eventsById } from "@claimledger/core/event/index.ts";
import { claimsOfEvents, reconcileClaimTasks } from "@claimledger/core/followup/index.ts";
import { rescrubPatientClaims } from "@claimledger/core/claim/index.ts";
import { raiseUnderpaymentTasks } from "@claimledger/core/contract/index.ts";
import { fanoutMessages } from "@claimledger/core/shared/outbox.ts";
import { sqsHandler } from "./sqs.ts";

/**
 * WebhookFanoutQueue consumer: committed events to the endpoints that want them, then the
 * automatic follow-up tasks of the claims they name (rejected, paid, denied, sent again...) and of
 * lines paid below their contract, and
 * the unsent claims of a coverage a payer just answered eligibility for, scrubbed again. Each is
 * idempotent, so a redelivered message does each once.
 */
export const handler = sqsHandler("webhook-fanout", fanoutMessages.parse, async (m) => {
  const events = await eventsById(m.tenantId, m.eventIds);
  await fanOutEvents(m.tenantId, m.eventIds, events);
  const claimIds = claimsOfEvents(events);
  if (claimIds.length) await reconcileClaimTasks(m.tenantId, claimIds);
  await raiseUnderpaymentTasks(m.tenantId, events);
  for (const e of events) {
    const { patientId, coverageId } = e.ids;
    if (
      e.type !== "eligibility.answered" ||
      !e.practiceId ||
      typeof patientId !== "string" ||
      typeof coverageId !== "string"
    )
      continue;
    await rescrubPatientClaims(m.tenantId, e.practiceId, patientId, coverageId, "eligibility answered");
  }
});
