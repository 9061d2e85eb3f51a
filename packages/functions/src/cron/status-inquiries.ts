import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { dailyRunId, statusInquiryMessages } from "@claimledger/core/claimstatus/index.ts";
import { sendMessages } from "@claimledger/core/shared/queue.ts";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * Daily: queues one status-inquiry run per company, named for the day, so a repeated schedule
 * finds the day's run already made. Each company's worker asks about its claims that have waited
 * their payer's `statusInquiryDays` for an 835 (see core/src/claimstatus). `{ "at": "<ISO time>" }`
 * (npm run status-inquiries, or a manual invoke) runs another day's: the days count to that time.
 */
export const handler = async (event?: { at?: unknown; [key: string]: unknown }) => {
  const at = typeof event?.at === "string" ? new Date(event.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error("at must be an ISO date-time");
  const runId = dailyRunId(at);
  const tenants: string[] = [];
  for await (const tenantId of allTenantIds()) tenants.push(tenantId);
  await sendMessages(
    "StatusInquiryQueue",
    statusInquiryMessages,
    tenants.map((tenantId) => ({ tenantId, runId, ...(event?.at === undefined ? {} : { at: at.toISOString() }) })),
  );
  log("info", "status inquiries queued", { runId, tenants: tenants.length });
  return { runId, queued: tenants.length };
};
