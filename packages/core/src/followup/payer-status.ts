import type { PayerStatus } from "../claim/index.ts";

/**
 * What the payer last said about a claim in a 277 claim-status answer (claimstatus module), as the
 * follow-up rules read it: `pended` (STC category P: pending, in process) or `returned` for more
 * information (category R, or any answer that needs the biller to act).
 */
export interface PayerStatusFacts {
  state: "pended" | "returned";
  description?: string;
}

export function payerStatusOf(claim: { payerStatus?: PayerStatus }): PayerStatusFacts | undefined {
  const s = claim.payerStatus;
  if (!s?.answeredAt) return undefined;
  const words = s.actionText ?? s.codeDescription ?? s.categoryDescription;
  const description = words ? { description: words } : {};
  if (s.statusClass === "request-for-information" || s.needsAction) return { state: "returned", ...description };
  if (s.statusClass === "pending") return { state: "pended", ...description };
  return undefined;
}
