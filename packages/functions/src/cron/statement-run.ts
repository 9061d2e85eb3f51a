import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { startStatementRun } from "@claimledger/core/patientbilling/index.ts";
import { log } from "@claimledger/core/shared/log.ts";
import { systemPrincipal } from "@claimledger/core/shared/context.ts";

/**
 * The statement cycle, scheduled at 07:00 UTC on the 2nd: a statement run for every company,
 * dated today. Each practice's job decides, patient by patient, what is due (a first statement,
 * a reminder, a final notice) by the practice's settings. One company's failure does not stop the rest.
 */
export const handler = async () => {
  const runs: { tenantId: string; runId: string; practices: number }[] = [];
  for await (const tenantId of allTenantIds()) {
    try {
      const run = await startStatementRun(systemPrincipal(tenantId, "monthly-statements"), {});
      runs.push({ tenantId, runId: run.runId, practices: run.practices });
    } catch (err) {
      log("warn", "statement run failed to start", { tenantId, error: (err as Error).message });
    }
  }
  log("info", "monthly statement run started", { tenants: runs.length });
  return { runs };
};
