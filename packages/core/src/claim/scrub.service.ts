import { scrub, hasBlockingFindings } from "./rules/index.ts";
import { codeSets } from "./rules/codesets.ts";
import type { ClaimDocument, ClaimStatus, Finding } from "./claim.types.ts";
import { ClaimFingerprintEntity } from "./claim.entity.ts";
import { claimFingerprint } from "./fingerprint.ts";
import { scrubOverrides } from "../settings/settings.ts";

/** Today's date where the practice is: timely filing and "not in the future" are practice-local. */
export function todayIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Runs the scrubber with the tenant's rule settings; the claim's next status follows from it. */
export async function scrubClaim(
  tenantId: string,
  doc: ClaimDocument,
  timeZone: string,
): Promise<{ findings: Finding[]; status: ClaimStatus; fingerprint: string; duplicateOf?: string }> {
  const fingerprint = claimFingerprint(doc);
  const [{ data }, overrides] = await Promise.all([ClaimFingerprintEntity.get({ tenantId, practiceId: doc.practiceId, fingerprint }).go(), scrubOverrides(tenantId)]);
  const duplicateOf = data && data.claimId !== doc.claimId ? data.claimId : undefined;
  const findings = scrub({ claim: doc, today: todayIn(timeZone), codes: codeSets, duplicateOf }, overrides);
  return { findings, status: hasBlockingFindings(findings) ? "needs_review" : "ready", fingerprint, duplicateOf };
}
