import { read277, read999 } from "@claimledger/x12";
import { batchOfControlNumber, recordBatchAck } from "../batch/index.ts";
import { getClaimForSystem, moveClaim } from "../claim/index.ts";
import type { Ack277Summary, Ack999Summary } from "./inbound.schema.ts";

const system = (tenantId: string, what: string) => ({ tenantId, actor: `system:${what}` });

const claimIn = getClaimForSystem;

/**
 * 999: the functional group names our interchange (GS06 = ISA13). A rejected transaction set
 * rejects the batch's claims that are still only submitted, with the reason; accepted moves on.
 */
export async function apply999(tenantId: string, text: string) {
  const summary: Ack999Summary = { sets: 0, accepted: 0, rejected: 0, claimsRejected: 0, unknownBatches: 0 };
  for (const ack of read999(text)) {
    const { pointer, batch } = await batchOfControlNumber(tenantId, String(Number(ack.group.controlNumber)));
    if (!pointer) {
      summary.unknownBatches++;
      continue;
    }
    if (!batch) continue;
    const rejectedSets = ack.sets.filter((s) => !s.accepted);
    summary.sets += ack.sets.length;
    summary.rejected += rejectedSets.length;
    summary.accepted += ack.sets.length - rejectedSets.length;
    if (rejectedSets.length) {
      const why = rejectedSets
        .map((s) =>
          [
            s.statusDescription,
            ...s.errors.map((e) => e.description),
            ...s.segmentErrors.map((e) => `${e.segment} at ${e.position}: ${e.description}`),
          ].join("; "),
        )
        .join(" | ");
      // Our batches hold one transaction set per billing provider; a rejected set rejects the
      // claims the 277CA has not already answered for.
      for (const claimId of batch.claimIds) {
        const c = await claimIn(tenantId, claimId);
        if (c?.status === "submitted") {
          await moveClaim(system(tenantId, "999"), c, "rejected", `999 rejected: ${why}`.slice(0, 500));
          summary.claimsRejected++;
        }
      }
    }
    await recordBatchAck(tenantId, batch, {
      status:
        rejectedSets.length === 0
          ? "accepted"
          : rejectedSets.length === ack.sets.length
            ? "rejected"
            : "partially_accepted",
      ack: {
        ack999: ack.sets.map((s) => ({
          set: s.controlNumber,
          status: s.status,
          statusDescription: s.statusDescription,
        })),
      },
    });
  }
  return summary;
}

/**
 * 277CA: claim by claim. Accepted keeps the payer's claim control number; rejected lands the
 * claim in the rejections queue (status rejected) with the status codes spelled out.
 */
export async function apply277(tenantId: string, text: string) {
  const summary: Ack277Summary = { claims: 0, accepted: 0, rejected: 0, unknown: 0 };
  for (const t of read277(text)) {
    for (const a of t.claims) {
      summary.claims++;
      const c = await claimIn(tenantId, a.patientControlNumber);
      if (!c) {
        summary.unknown++;
        continue;
      }
      const detail = a.statuses
        .map(
          (s) =>
            `${s.category} ${s.categoryDescription}: ${s.code} ${s.codeDescription}${s.entity ? ` (${s.entityDescription ?? s.entity})` : ""}`,
        )
        .join("; ");
      if (a.rejected && c.status === "submitted") {
        await moveClaim(system(tenantId, "277CA"), c, "rejected", `277CA rejected: ${detail}`.slice(0, 500));
        summary.rejected++;
      } else if (a.accepted && c.status === "submitted") {
        await moveClaim(
          system(tenantId, "277CA"),
          c,
          "accepted",
          `277CA accepted: ${detail}`.slice(0, 500),
          a.payerClaimControlNumber ? { payerClaimControlNumber: a.payerClaimControlNumber } : {},
        );
        summary.accepted++;
      }
    }
  }
  return summary;
}
