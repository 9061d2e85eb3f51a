import { claimsOfPatient, readClaim } from "./claim.store.ts";
import { moveClaim, scrubSummary } from "./claim.service.ts";
import { scrubClaim } from "./scrub.service.ts";
import { practiceForSystem } from "../practice/index.ts";
import { AppError } from "../shared/errors.ts";

/** Claims not yet sent, whose findings follow what the scrubber reads besides the claim itself. */
const UNSENT = ["ready", "needs_review"] as const;

/**
 * Scrubs a patient's unsent claims on one coverage again, because something the scrubber reads
 * besides the claim changed (a payer's eligibility answer): a claim to a coverage the payer just
 * reported inactive leaves `ready` for review before it is batched, and one whose answer is now
 * clean goes back to `ready`. Claims already queued or sent are left as they are. A claim a
 * person changed at the same time is skipped (their edit scrubbed it). Returns how many moved.
 */
export async function rescrubPatientClaims(
  tenantId: string,
  practiceId: string,
  patientId: string,
  coverageId: string,
  why: string,
): Promise<number> {
  const practice = await practiceForSystem(tenantId, practiceId);
  if (!practice) return 0;
  let moved = 0;
  for (const s of await claimsOfPatient(tenantId, practiceId, patientId)) {
    if (!(UNSENT as readonly string[]).includes(s.status)) continue;
    const claim = await readClaim(tenantId, s.claimId);
    if (!claim || claim.doc.coverage.coverageId !== coverageId) continue;
    const r = await scrubClaim(tenantId, claim.doc, practice.timeZone);
    if (r.status === claim.status && JSON.stringify(r.findings) === JSON.stringify(claim.findings)) continue;
    try {
      await moveClaim({ tenantId, actor: "system:scrub" }, claim, r.status, `${why}: ${scrubSummary(r.findings)}`, {
        findings: r.findings,
      });
      moved++;
    } catch (err) {
      if (!(err instanceof AppError && err.status === 409)) throw err;
    }
  }
  return moved;
}
