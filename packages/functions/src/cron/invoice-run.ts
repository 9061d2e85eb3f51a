import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { period, previousMonth, startInvoiceRun } from "@claimledger/core/invoice/index.ts";
import { log } from "@claimledger/core/shared/log.ts";
import { systemPrincipal } from "@claimledger/core/shared/context.ts";

/**
 * Month close, scheduled on the 1st: starts an invoice run for the month before in every company
 * (drafts only; an owner reviews and finalizes). One company's failure does not stop the rest.
 * The schedule's event carries no period; `{ "period": "YYYY-MM" }` (npm run close-month, or a
 * manual invoke) runs another month.
 */
export const handler = async (event?: { period?: unknown; [key: string]: unknown }) => {
  const month = periodOf(event);
  const runs: { tenantId: string; runId: string; practices: number }[] = [];
  for await (const tenantId of allTenantIds()) {
    try {
      const run = await startInvoiceRun(systemPrincipal(tenantId, "monthly-close"), { period: month });
      runs.push({ tenantId, runId: run.runId, practices: run.practices });
    } catch (err) {
      log("warn", "invoice run failed to start", { tenantId, error: (err as Error).message });
    }
  }
  log("info", "monthly invoice run started", { period: month, tenants: runs.length });
  return { period: month, runs };
};

/** The month to close: the event's `period`, else the month before now (Lambda also passes context and a callback, never a period). */
export function periodOf(event?: { period?: unknown; [key: string]: unknown }, now = new Date()): string {
  const asked = event?.period;
  if (asked === undefined) return previousMonth(now);
  const parsed = period.safeParse(asked);
  if (!parsed.success) throw new Error("period must be a month, YYYY-MM");
  return parsed.data;
}
