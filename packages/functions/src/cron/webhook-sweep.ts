import { allTenantIds } from "@claimledger/core/tenant/index.ts";
import { sweepTenant } from "@claimledger/core/webhook/index.ts";
import { log } from "@claimledger/core/shared/log.ts";

/** Each minute: events whose fan-out announcement was lost get their deliveries (see shared/outbox.ts). */
export const handler = async () => {
  let started = 0;
  for await (const tenantId of allTenantIds()) started += await sweepTenant(tenantId);
  if (started) log("warn", "webhook deliveries started by the sweeper", { started });
  return { started };
};
