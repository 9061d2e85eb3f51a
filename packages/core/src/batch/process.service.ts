import { countActivity } from "../invoice/activity.ts";
import { build837P } from "@claimledger/x12";
import { ClaimBatchEntity, ControlNumberEntity } from "./batch.entity.ts";
import { batchTo837P } from "./to837p.ts";
import { ClaimEntity } from "../claim/claim.entity.ts";
import { moveClaim, type Claim } from "../claim/claim.service.ts";
import { TenantEntity } from "../tenant/tenant.entity.ts";
import { openClearinghouse } from "../clearinghouse/open.ts";
import { nextCounter } from "../shared/counter.ts";
import { archiveEdi, readEdi } from "../shared/storage.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";

const SYSTEM = (tenantId: string) => ({ tenantId, actor: "system:claim-batch" });

/**
 * The claim-batch worker's job: build the 837P (once), archive it in S3, submit it, then mark
 * its claims submitted. Running it twice for the same batch submits once: a submitted batch is
 * left alone and a stored file is reused, never rebuilt with new control numbers.
 */
export async function processBatch(tenantId: string, batchId: string): Promise<"submitted" | "skipped"> {
  const { data: batch } = await ClaimBatchEntity.get({ tenantId, batchId }).go();
  if (!batch) throw new Error(`batch ${batchId} not found`);
  if (batch.status === "submitted") {
    // Submitted already (a redelivered message): only finish moving its claims.
    await markSubmitted(tenantId, batchId, await loadClaims(tenantId, batch.claimIds, batchId));
    return "skipped";
  }
  if (batch.status !== "queued" && batch.status !== "failed" && batch.status !== "stored" && batch.status !== "building") return "skipped";
  await ClaimBatchEntity.patch({ tenantId, batchId }).add({ attempts: 1 }).set({ status: batch.fileKey ? "stored" : "building", updatedAt: now() }).go();
  try {
    const claims = await loadClaims(tenantId, batch.claimIds, batchId);
    const ch = await openClearinghouse(tenantId);
    try {
      let { fileKey, fileName } = batch;
      let content: string;
      if (!fileKey) {
        const control = await nextCounter(tenantId, "interchange");
        const { data: tenant } = await TenantEntity.get({ tenantId }).go();
        const at = new Date();
        content = build837P(
          batchTo837P(
            claims.map((c) => c.doc),
            control,
            at,
            { senderId: ch.senderId, receiverId: ch.receiverId, receiverName: ch.receiverName, submitterName: (tenant?.name ?? "BILLING COMPANY").toUpperCase(), contactName: "BILLING OFFICE", contactEmail: "billing@example.com", usage: ch.usage },
          ),
          { lineBreaks: true },
        );
        const stored = await archiveEdi(tenantId, "out", "837", content, at);
        fileKey = stored.key;
        fileName = `${String(control).padStart(9, "0")}.837`;
        await ControlNumberEntity.put({ tenantId, controlNumber: String(control), batchId }).go();
        await ClaimBatchEntity.patch({ tenantId, batchId })
          .set({ status: "stored", fileKey, fileName, fileSha256: stored.sha256, fileBytes: stored.bytes, interchangeControlNumber: control, updatedAt: now() })
          .go();
      } else {
        content = await readEdi(fileKey);
      }
      await ch.connection.submit({ name: fileName!, content });
    } finally {
      await ch.connection.close();
    }
    const at = now();
    await ClaimBatchEntity.patch({ tenantId, batchId }).set({ status: "submitted", submittedAt: at, updatedAt: at }).remove(["error"]).go();
    await markSubmitted(tenantId, batchId, claims);
    log("info", "batch submitted", { tenantId, batchId, claims: claims.length });
    return "submitted";
  } catch (err) {
    const reason = (err as Error).message.slice(0, 500);
    await ClaimBatchEntity.patch({ tenantId, batchId }).set({ status: "failed", error: reason, updatedAt: now() }).go();
    log("warn", "batch failed", { tenantId, batchId, error: reason });
    throw err;
  }
}

async function markSubmitted(tenantId: string, batchId: string, claims: Claim[]) {
  for (const c of claims) {
    // A claim's first submission is what the per-claim fee counts.
    const first = !c.firstSubmittedAt;
    const at = now();
    await moveClaim(SYSTEM(tenantId), c, "submitted", `sent in batch ${batchId}`, { submissions: c.submissions + 1, ...(first ? { firstSubmittedAt: at } : {}) }, first ? [countActivity(tenantId, c.practiceId, at.slice(0, 7), "claims-submitted")] : []);
  }
}

/** The batch's claims, still queued in it (a claim in two batches is impossible by construction). */
async function loadClaims(tenantId: string, claimIds: string[], batchId: string): Promise<Claim[]> {
  const out: Claim[] = [];
  for (const claimId of claimIds) {
    const { data } = await ClaimEntity.get({ tenantId, claimId }).go();
    if (!data) throw new Error(`claim ${claimId} of batch ${batchId} is missing`);
    if (data.batchId !== batchId || (data.status !== "queued" && data.status !== "submitted")) {
      throw new Error(`claim ${claimId} is ${data.status}, no longer queued in this batch`);
    }
    out.push(data as unknown as Claim);
  }
  return out.filter((c) => c.status === "queued");
}
