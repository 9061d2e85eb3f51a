import { z } from "zod";

/**
 * What the payer last said about a claim in a 277 claim-status answer, as the follow-up rules read
 * it: `pended` (STC category P) or `returned` for more information (category R, or anything that
 * needs the biller to act).
 */
export interface PayerStatusFacts {
  state: "pended" | "returned";
  description?: string;
}

/** The claim field another change adds (276/277 claim status): read loosely, so any shape with these names works. */
const stored = z.looseObject({
  needsAction: z.boolean().optional(),
  category: z.string().optional(),
  categoryCode: z.string().optional(),
  description: z.string().optional(),
});

/**
 * HOOK(payerStatus). Claim status requests (276/277) are being added by another change, which
 * keeps the payer's answer on the claim as `payerStatus` with `needsAction`. Until a claim carries
 * it this finds nothing, and no claim is `pended` or `returned`; once it does, the follow-up queue
 * and the `send_records` task take it up with no other change here (quiet.ts and needs.ts are
 * tested with the facts this returns).
 */
export function payerStatusOf(claim: object): PayerStatusFacts | undefined {
  const parsed = stored.safeParse((claim as { payerStatus?: unknown }).payerStatus);
  if (!parsed.success) return undefined;
  const s = parsed.data;
  const category = (s.categoryCode ?? s.category ?? "").toUpperCase();
  const description = s.description ? { description: s.description } : {};
  if (category.startsWith("R") || (s.needsAction === true && !category.startsWith("P")))
    return { state: "returned", ...description };
  if (category.startsWith("P")) return { state: "pended", ...description };
  return undefined;
}
