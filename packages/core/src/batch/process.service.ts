import { countActivity } from "../invoice/index.ts";
import { build837P, X12Error } from "@claimledger/x12";
import { ClaimBatchEntity, ControlNumberEntity } from "./batch.entity.ts";
import { batchTo837P } from "./to837p.ts";
import { getClaimForSystem, moveClaim, type Claim, type Finding } from "../claim/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { openClearinghouse } from "../clearinghouse/index.ts";
import { nextCounter } from "../shared/counter.ts";
import { archiveEdi, readEdi } from "../shared/storage.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";
import { isTransient } from "../shared/transact.ts";

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
    await markSubmitted(tenantId, batchId, await loadClaims(tenantId, batch));
    return "skipped";
  }
  if (
    batch.status !== "queued" &&
    batch.status !== "failed" &&
    batch.status !== "stored" &&
    batch.status !== "building"
  )
    return "skipped";
  await ClaimBatchEntity.patch({ tenantId, batchId })
    .add({ attempts: 1 })
    .set({ status: batch.fileKey ? "stored" : "building", updatedAt: now() })
    .go();
  let claims: Claim[] = [];
  try {
    claims = await loadClaims(tenantId, batch);
    const ch = await openClearinghouse(tenantId);
    try {
      let { fileKey, fileName } = batch;
      let content: string;
      if (!fileKey) {
        const tenant = await tenantForSystem(tenantId);
        const at = new Date();
        const submitter = {
          senderId: ch.senderId,
          receiverId: ch.receiverId,
          receiverName: ch.receiverName,
          submitterName: (tenant?.name ?? "BILLING COMPANY").toUpperCase(),
          contactName: "BILLING OFFICE",
          contactEmail: "billing@example.com",
          usage: ch.usage,
        };
        claims = await setAsideUnwritable(tenantId, batchId, claims, (c) =>
          build837P(batchTo837P([c.doc], 1, at, submitter)),
        );
        if (claims.length === 0)
          throw new BatchFailure(
            "no claim of the batch could be written as an 837P; each is back in needs_review with the reason",
          );
        const control = await nextCounter(tenantId, "interchange");
        content = build837P(
          batchTo837P(
            claims.map((c) => c.doc),
            control,
            at,
            submitter,
          ),
          { lineBreaks: true },
        );
        const stored = await archiveEdi(tenantId, "out", "837", content, at);
        fileKey = stored.key;
        fileName = `${String(control).padStart(9, "0")}.837`;
        await ControlNumberEntity.put({ tenantId, controlNumber: String(control), batchId }).go();
        await ClaimBatchEntity.patch({ tenantId, batchId })
          .set({
            status: "stored",
            fileKey,
            fileName,
            fileSha256: stored.sha256,
            fileBytes: stored.bytes,
            interchangeControlNumber: control,
            updatedAt: now(),
          })
          .go();
      } else {
        content = await readEdi(fileKey);
      }
      await ch.connection.submit({ name: fileName!, content });
    } finally {
      await ch.connection.close();
    }
    const at = now();
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .set({ status: "submitted", submittedAt: at, updatedAt: at })
      .remove(["error"])
      .go();
  } catch (err) {
    return failed(tenantId, batchId, err);
  }
  // The clearinghouse has the file: from here a failure is never "failed" (a retry would send it
  // again); the message is redelivered and the submitted batch only finishes moving its claims.
  try {
    await markSubmitted(tenantId, batchId, claims);
  } catch (err) {
    log("warn", "batch submitted, claims still to move", { tenantId, batchId, error: (err as Error).name });
    throw new BatchFailure(
      `submitted; moving its claims was interrupted (${(err as Error).name}) and SQS redelivers it`,
    );
  }
  log("info", "batch submitted", { tenantId, batchId, claims: claims.length });
  return "submitted";
}

/** A batch that did not reach the clearinghouse: failed with its reason, or left to SQS when the cause passes. */
async function failed(tenantId: string, batchId: string, err: unknown): Promise<never> {
  // DynamoDB contention or throttling past the retries: SQS redelivers; the batch stays building or stored.
  if (isTransient(err)) {
    log("warn", "batch interrupted, to be redelivered", { tenantId, batchId, error: (err as Error).name });
    throw new BatchFailure(`interrupted (${(err as Error).name}); SQS redelivers it`);
  }
  // The batch, its log line and the error SQS sees name the cause, never a patient's data.
  const reason = safeReason(err).slice(0, 500);
  await ClaimBatchEntity.patch({ tenantId, batchId }).set({ status: "failed", error: reason, updatedAt: now() }).go();
  log("warn", "batch failed", { tenantId, batchId, error: reason });
  throw new BatchFailure(reason);
}

/** A batch failure whose message is safe to store and log (ids and codes, no claim data). */
class BatchFailure extends Error {}

function safeReason(err: unknown): string {
  if (err instanceof BatchFailure) return err.message;
  if (err instanceof X12Error)
    return `the 837P could not be written (${err.code}${err.segment ? ` at ${err.segment}${err.element ? String(err.element).padStart(2, "0") : ""}` : ""})`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * One claim that cannot be written as an 837P must not fail the others: each claim is written on
 * its own first, and one that fails goes back to needs_review with the writer's reason as a
 * blocking finding (visible on the claim, never in a log), leaving the batch.
 */
async function setAsideUnwritable(
  tenantId: string,
  batchId: string,
  claims: Claim[],
  write: (c: Claim) => unknown,
): Promise<Claim[]> {
  const good: Claim[] = [];
  const setAside: string[] = [];
  for (const c of claims) {
    try {
      write(c);
      good.push(c);
    } catch (err) {
      if (!(err instanceof X12Error)) throw err;
      const finding: Finding = {
        ruleId: "x12.write",
        severity: "error",
        path: "",
        message: `The 837P could not be written for this claim: ${err.message}.`,
        fixHint: "Correct what it names and save the claim; it is scrubbed again and can go in the next batch.",
      };
      await moveClaim(SYSTEM(tenantId), c, "needs_review", `set aside from batch ${batchId}: ${safeReason(err)}`, {
        findings: [...c.findings.filter((f) => f.ruleId !== "x12.write"), finding],
      });
      setAside.push(c.claimId);
      log("warn", "claim set aside from batch", { tenantId, batchId, claimId: c.claimId, code: err.code });
    }
  }
  if (setAside.length)
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .append({ setAsideClaimIds: setAside })
      .set({ updatedAt: now() })
      .go();
  return good;
}

async function markSubmitted(tenantId: string, batchId: string, claims: Claim[]) {
  for (const c of claims) {
    // A claim's first submission is what the per-claim fee counts.
    const first = !c.firstSubmittedAt;
    const at = now();
    await moveClaim(
      SYSTEM(tenantId),
      c,
      "submitted",
      `sent in batch ${batchId}`,
      { submissions: c.submissions + 1, ...(first ? { firstSubmittedAt: at } : {}) },
      first ? [countActivity(tenantId, c.practiceId, at.slice(0, 7), "claims-submitted")] : [],
    );
  }
}

/**
 * The batch's claims still queued in it. Each must be of the batch's practice (a batch is one
 * practice's, and its 837P must never carry another practice's patients). A claim set aside
 * from the batch (before its file was written) is left out.
 */
async function loadClaims(
  tenantId: string,
  batch: { batchId: string; practiceId?: string; claimIds: string[]; setAsideClaimIds?: string[] },
): Promise<Claim[]> {
  const { batchId } = batch;
  const setAside = new Set(batch.setAsideClaimIds ?? []);
  const out: Claim[] = [];
  for (const claimId of batch.claimIds) {
    if (setAside.has(claimId)) continue;
    const data = await getClaimForSystem(tenantId, claimId);
    if (!data) throw new BatchFailure(`claim ${claimId} of batch ${batchId} is missing`);
    if (batch.practiceId && data.practiceId !== batch.practiceId)
      throw new BatchFailure(`claim ${claimId} is not a claim of practice ${batch.practiceId}, the batch's`);
    if (data.batchId !== batchId || (data.status !== "queued" && data.status !== "submitted")) {
      throw new BatchFailure(`claim ${claimId} is ${data.status}, no longer queued in this batch`);
    }
    out.push(data);
  }
  return out.filter((c) => c.status === "queued");
}
