import { createHash } from "node:crypto";
import type { ClaimDocument } from "./claim.types.ts";

/**
 * Same patient, rendering provider, dates of service and procedure codes (with modifiers) ->
 * same fingerprint, whatever the order of the lines.
 */
export function claimFingerprint(
  doc: Pick<ClaimDocument, "patient" | "renderingProvider" | "serviceDate" | "serviceDateTo" | "lines">,
): string {
  const codes = doc.lines
    .map((l) => [l.procedureCode, ...[...l.modifiers].sort()].join(":") + `@${l.serviceDate}`)
    .sort()
    .join(",");
  const key = [doc.patient.patientId, doc.renderingProvider.npi, doc.serviceDate, doc.serviceDateTo ?? "", codes].join(
    "|",
  );
  return createHash("sha256").update(key).digest("hex").slice(0, 32);
}
