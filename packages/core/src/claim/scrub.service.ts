import { scrub, hasBlockingFindings } from "./rules/index.ts";
import { codeSets } from "./rules/codesets.ts";
import type { ClaimDocument, ClaimStatus, Finding } from "./claim.types.ts";
import { ClaimFingerprintEntity } from "./claim.entity.ts";
import { claimFingerprint } from "./fingerprint.ts";
import { todayIn } from "../shared/dates.ts";
import { latestEligibility } from "../eligibility/index.ts";
import { scrubFor, scrubSettings, type ScrubSettings } from "../settings/index.ts";

export { todayIn };

/**
 * Runs the scrubber with the tenant's rule settings (the company's, then the claim's payer's and
 * practice's on top) and the payer's own rules; the claim's next status follows from it.
 * Intake passes the settings it read already and skips the duplicate lookup: the claim's insert
 * carries the fingerprint condition and answers a duplicate with 409 itself.
 */
export async function scrubClaim(
  tenantId: string,
  doc: ClaimDocument,
  timeZone: string,
  known: { overrides?: ScrubSettings; skipDuplicateLookup?: boolean } = {},
): Promise<{ findings: Finding[]; status: ClaimStatus; fingerprint: string; duplicateOf?: string }> {
  const fingerprint = claimFingerprint(doc);
  const [found, settings, eligibility] = await Promise.all([
    known.skipDuplicateLookup
      ? undefined
      : ClaimFingerprintEntity.get({ tenantId, practiceId: doc.practiceId, fingerprint }).go(),
    known.overrides ?? scrubSettings(tenantId),
    latestEligibility(tenantId, doc.patient.patientId, doc.coverage.coverageId),
  ]);
  const data = found?.data;
  const duplicateOf = data && data.claimId !== doc.claimId ? data.claimId : undefined;
  const { overrides, payerRules } = scrubFor(settings, doc.coverage.payerId, doc.practiceId);
  const findings = scrub(
    { claim: doc, today: todayIn(timeZone), codes: codeSets, duplicateOf, payerRules, eligibility },
    overrides,
  );
  return { findings, status: hasBlockingFindings(findings) ? "needs_review" : "ready", fingerprint, duplicateOf };
}
