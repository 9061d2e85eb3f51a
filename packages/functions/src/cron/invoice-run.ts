import { allTenantIds } from "@claimledger/core/tenant/tenant.entity.ts";
import { previousMonth, startInvoiceRun } from "@claimledger/core/invoice/run.service.ts";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * Month close, scheduled on the 1st: starts an invoice run for the month before in every company
 * (drafts only; an owner reviews and finalizes). One company's failure does not stop the rest.
 */
export const handler = async (_event?: unknown, _context?: unknown, period = previousMonth()) => {
  const runs: { tenantId: string; runId: string; practices: number }[] = [];
  for await (const tenantId of allTenantIds()) {
    try {
      const run = await startInvoiceRun({ tenantId, keyId: "system", role: "owner" }, { period }, "system:monthly-close");
      runs.push({ tenantId, runId: run.runId, practices: run.practices });
    } catch (err) {
      log("warn", "invoice run failed to start", { tenantId, error: (err as Error).message });
    }
  }
  log("info", "monthly invoice run started", { period, tenants: runs.length });
  return { period, runs };
};
