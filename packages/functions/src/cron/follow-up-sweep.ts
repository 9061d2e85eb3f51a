import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { sweepFollowUps } from "@claimledger/core/followup/index.ts";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * Daily: every company's automatic follow-up tasks brought in line with its open claims (a claim
 * that went quiet overnight gets its follow-up task; one an announcement missed is caught up).
 * One company's failure does not stop the rest.
 */
export const handler = async () => {
  const totals = { tenants: 0, claims: 0, created: 0, reopened: 0, closed: 0, failed: 0 };
  for await (const tenantId of allTenantIds()) {
    try {
      const r = await sweepFollowUps(tenantId);
      totals.tenants++;
      totals.claims += r.claims;
      totals.created += r.created;
      totals.reopened += r.reopened;
      totals.closed += r.closed;
    } catch (err) {
      totals.failed++;
      log("warn", "follow-up sweep failed", { tenantId, error: (err as Error).name });
    }
  }
  log("info", "follow-up sweep", totals);
  return totals;
};
