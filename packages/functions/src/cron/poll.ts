import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { schedulePolls } from "@claimledger/core/inbound/index.ts";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * Scheduled every few minutes: queues one poll per company whose clearinghouse is configured; each
 * runs in its own invocation of the clearinghouse-poll worker, so no company waits on another.
 */
export const handler = async () => {
  const queued = await schedulePolls(allTenantIds());
  log("info", "polls queued", { tenants: queued.length });
  return { queued };
};
