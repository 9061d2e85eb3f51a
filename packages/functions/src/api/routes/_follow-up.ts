import { reconcileClaimTasks } from "@claimledger/core/followup/index.ts";
import { log } from "@claimledger/core/shared/log.ts";

/**
 * After a change no event announces (a claim closed, voided, corrected; a denial resolved): its
 * automatic follow-up tasks follow now. The change stands if this fails; the daily sweep catches up.
 */
export async function followUpTasks(tenantId: string, claimIds: string[]): Promise<void> {
  try {
    await reconcileClaimTasks(tenantId, claimIds);
  } catch (err) {
    log("warn", "follow-up tasks not reconciled; the daily sweep will", { tenantId, error: (err as Error).name });
  }
}
