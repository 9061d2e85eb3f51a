import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { pollClearinghouse } from "@claimledger/core/inbound/index.ts";
import { log } from "@claimledger/core/shared/log.ts";

/** Scheduled every few minutes: fetch each company's clearinghouse answers. One failure does not stop the rest. */
export const handler = async () => {
  let tenants = 0;
  let files = 0;
  for await (const tenantId of allTenantIds()) {
    tenants++;
    try {
      files += (await pollClearinghouse(tenantId)).files.length;
    } catch (err) {
      log("warn", "poll failed", { tenantId, error: (err as Error).message });
    }
  }
  log("info", "poll done", { tenants, files });
  return { tenants, files };
};
