import type { Claim835 } from "@claimledger/x12";
import { ClaimEntity } from "../claim/claim.entity.ts";
import { insertClaim, type Claim } from "../claim/claim.service.ts";
import { coverageOf, newClaimId } from "../claim/build.ts";
import { scrubClaim } from "../claim/scrub.service.ts";
import type { ClaimDocument, PriorPayer } from "../claim/claim.types.ts";
import { PatientEntity } from "../patient/patient.entity.ts";
import type { Coverage } from "../patient/patient.schema.ts";
import { PayerEntity } from "../payer/payer.entity.ts";
import type { Payer } from "../payer/payer.schema.ts";
import { PracticeEntity } from "../practice/practice.entity.ts";
import { tx } from "../shared/transact.ts";
import { matchLine } from "./posting.ts";

/** The primary's 835 claim as the secondary payer must see it (COB loops 2320/2330B/2430). */
export function priorPayerOf(primary: ClaimDocument, clp: Claim835, adjudicationDate: string): PriorPayer {
  const used = new Set<string>();
  return {
    payerName: primary.coverage.payerName,
    clearinghousePayerId: primary.coverage.clearinghousePayerId,
    claimFilingIndicator: primary.coverage.claimFilingIndicator,
    memberId: primary.coverage.memberId,
    groupNumber: primary.coverage.groupNumber,
    relationship: primary.coverage.relationship,
    subscriber: primary.coverage.subscriber,
    paidCents: clp.paidCents,
    payerClaimControlNumber: clp.payerClaimControlNumber,
    adjudicationDate,
    claimAdjustments: clp.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
    lines: clp.lines.flatMap((svc) => {
      const line = matchLine(primary.lines, svc, used);
      if (!line) return [];
      used.add(line.lineId);
      return [{ lineId: line.lineId, procedureCode: svc.procedure.code, modifiers: [...svc.procedure.modifiers], units: svc.units ?? line.units, paidCents: svc.paidCents, adjustments: svc.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })) }];
    }),
  };
}

/**
 * After a primary payer processed a claim and left the patient a share, the patient's secondary
 * coverage gets its own claim carrying the primary's adjudication exactly as the 835 reported it.
 * Written with the primary claim's pointer to it, once.
 */
export async function createSecondaryClaim(tenantId: string, primary: Claim, clp: Claim835, adjudicationDate: string): Promise<string | undefined> {
  if (primary.doc.coverage.order !== "primary" || clp.status !== "1" || clp.patientResponsibilityCents <= 0) return undefined;
  const { data: patient } = await PatientEntity.get({ tenantId, practiceId: primary.practiceId, patientId: primary.patientId }).go();
  const secondary = (patient?.coverages as Coverage[] | undefined)?.find((c) => c.order === "secondary");
  if (!secondary) return undefined;
  const { data: payer } = await PayerEntity.get({ tenantId, payerId: secondary.payerId }).go();
  const { data: practice } = await PracticeEntity.get({ tenantId, practiceId: primary.practiceId }).go();
  if (!payer || !practice) return undefined;
  const doc: ClaimDocument = {
    ...structuredClone(primary.doc),
    claimId: newClaimId(),
    coverage: coverageOf(secondary, payer as unknown as Payer),
    priorPayer: priorPayerOf(primary.doc, clp, adjudicationDate),
    primaryClaimId: primary.claimId,
  };
  const scrubbed = await scrubClaim(tenantId, doc, practice.timeZone);
  const findings = scrubbed.findings.filter((f) => f.ruleId !== "claim.duplicate");
  const status = findings.some((f) => f.severity === "error") ? "needs_review" : "ready";
  const link = tx.update(
    ClaimEntity.patch({ tenantId, claimId: primary.claimId })
      .set({ secondaryClaimId: doc.claimId })
      .where((a, op) => op.notExists(a.secondaryClaimId))
      .params(),
  );
  const system = { tenantId, keyId: "system-835", role: "biller" as const };
  await insertClaim(system, doc, findings, status, scrubbed.fingerprint, `secondary claim after ${primary.doc.coverage.payerName} paid ${clp.paidCents} cents`, [link]);
  return doc.claimId;
}
