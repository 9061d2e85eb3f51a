import { firstSubmissionItem } from "../invoice/index.ts";
import { workItem } from "../shared/work.ts";
import { build837P, X12Error } from "@claimledger/x12";
import { ClaimBatchEntity, ControlNumberEntity, type BatchStatus } from "./batch.entity.ts";
import { batchTo837P } from "./to837p.ts";
import { getClaimForSystem, moveClaim, moveItems, type Claim, type Finding } from "../claim/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { openClearinghouse } from "../clearinghouse/index.ts";
import { nextCounter } from "../shared/counter.ts";
import { archiveEdi, readEdi } from "../shared/storage.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";
import {
  backoff,
  isConditionFailure,
  isTransient,
  TransactionConflict,
  transactWrite,
  tx,
} from "../shared/transact.ts";
import { eventPut } from "../event/index.ts";

const SYSTEM = (tenantId: string) => ({ tenantId, actor: "system:claim-batch" });

/** A batch the clearinghouse has: never built or sent again, only its claims' moves finished. */
const SENT: readonly BatchStatus[] = ["submitted", "accepted", "rejected", "partially_accepted"];
/**
 * How long a worker holds a batch it took (building or stored): a little above the claim-batch
 * function's 120 s timeout (both scaled by CLAIMLEDGER_TIMEOUT_SCALE locally). A redelivery within
 * it leaves the batch to the worker still on it; SQS's visibility timeout (six times the
 * function's) brings a dead worker's message back after it.
 */
export const batchLeaseMs = () => 130_000 * Number(process.env.CLAIMLEDGER_TIMEOUT_SCALE ?? "1");
/** Rounds of a claim's move (each round is transactWrite's own retries) and of the `submitted` write. */
const MOVE_ROUNDS = 4;
const SUBMITTED_WRITE_ROUNDS = 8;

/**
 * The claim-batch worker's job: build the 837P (once), archive it in S3, submit it, then mark
 * its claims submitted. Running it twice for the same batch submits once: a submitted batch is
 * left alone and a stored file is reused, never rebuilt with new control numbers; two deliveries
 * at once cannot both take it (the take is conditional, and held by a lease).
 */
export async function processBatch(tenantId: string, batchId: string): Promise<"submitted" | "skipped"> {
  const { data: batch } = await ClaimBatchEntity.get({ tenantId, batchId }).go({ consistent: true });
  if (!batch) throw new Error(`batch ${batchId} not found`);
  if (SENT.includes(batch.status)) {
    // The clearinghouse has it already (a redelivered message): only finish moving its claims.
    await markSubmitted(tenantId, batchId, await claimsStillQueued(tenantId, batch));
    return "skipped";
  }
  // Held by another delivery: this one fails and SQS brings it back later, when the batch is sent
  // (and it only finishes the claim moves) or its holder has died (and it takes the batch over).
  await takeBatch(tenantId, batch);
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
          .where((a, op) => `${op.eq(a.status, "building")} AND ${op.eq(a.attempts, batch.attempts + 1)}`)
          .go();
      } else {
        content = await readEdi(fileKey);
      }
      await ch.connection.submit({ name: fileName!, content });
    } finally {
      await ch.connection.close();
    }
  } catch (err) {
    return failed(tenantId, batchId, batch.attempts + 1, err);
  }
  // The clearinghouse has the file: from here a failure is never "failed" (a retry would send it
  // again). The status write is retried on its own; the claim moves are retried claim by claim,
  // and what still does not go through is finished by the redelivered message.
  await recordSubmitted(
    tenantId,
    batch,
    claims.map((c) => c.claimId),
  );
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

/** Another delivery of the batch is working on it: SQS brings this one back later. */
class BatchBusy extends Error {
  override name = "BatchBusy";
}

/**
 * Takes the batch for this delivery: from the status and attempt count it was read at (so of two
 * deliveries at once one takes it), and a building or stored batch only once its holder's lease
 * has run out (the worker that held it died or timed out).
 */
async function takeBatch(
  tenantId: string,
  batch: { batchId: string; status: BatchStatus; attempts: number; fileKey?: string; leaseUntil?: number },
) {
  const { batchId } = batch;
  if (!["queued", "failed", "building", "stored"].includes(batch.status))
    throw new BatchFailure(`a ${batch.status} batch is not sent`);
  if ((batch.status === "building" || batch.status === "stored") && (batch.leaseUntil ?? 0) > Date.now())
    throw new BatchBusy(`batch ${batchId} is being sent by another delivery; SQS redelivers this one`);
  try {
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .add({ attempts: 1 })
      .set({ status: batch.fileKey ? "stored" : "building", leaseUntil: Date.now() + batchLeaseMs(), updatedAt: now() })
      .where((a, op) => `${op.eq(a.status, batch.status)} AND ${op.eq(a.attempts, batch.attempts)}`)
      .go();
  } catch (err) {
    if (isConditionFailure(err)) throw new BatchBusy(`batch ${batchId} was taken by another delivery`);
    throw err;
  }
}

/**
 * `submitted`, only from building or stored (never over a batch another delivery has moved on),
 * with its `batch.submitted` event in the same transaction (naming the claims it sent, so a
 * resubmitted claim's follow-up tasks close without an event of its own). The file is already at the
 * clearinghouse, so recording that outranks everything: if the transaction is still cancelled for
 * contention after its retries, the status is written alone (a single write, retried past
 * contention, as before events) and the event follows in its own transaction, logged if it fails.
 */
async function recordSubmitted(tenantId: string, batch: { batchId: string; practiceId?: string }, claimIds: string[]) {
  const { batchId } = batch;
  const mark = (at: string) =>
    ClaimBatchEntity.patch({ tenantId, batchId })
      .set({ status: "submitted", submittedAt: at, updatedAt: at })
      .remove(["error", "leaseUntil"])
      .where((a, op) => `${op.eq(a.status, "building")} OR ${op.eq(a.status, "stored")}`);
  const event = (at: string) =>
    eventPut(
      tenantId,
      { type: "batch.submitted", practiceId: batch.practiceId, ids: { batchId, claimIds }, status: "submitted" },
      at,
    );
  const alreadySent = async () => {
    const { data } = await ClaimBatchEntity.get({ tenantId, batchId }).go({ consistent: true });
    if (data && SENT.includes(data.status)) return;
    throw new BatchFailure(`submitted, but the batch was ${data?.status ?? "gone"} when marked so`);
  };
  const at = now();
  try {
    await transactWrite([tx.update(mark(at).params(), "batch"), event(at)]);
    return;
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("batch")) return alreadySent();
    if (!isTransient(err)) throw err;
  }
  for (let round = 1; ; round++) {
    try {
      await mark(now()).go();
      break;
    } catch (err) {
      if (isConditionFailure(err)) return alreadySent();
      if (!isTransient(err) || round >= SUBMITTED_WRITE_ROUNDS) {
        log("error", "batch sent but not marked submitted", { tenantId, batchId, error: (err as Error).name });
        throw err;
      }
      await backoff(round + 3, 5000);
    }
  }
  await transactWrite([event(now())]).catch((err: unknown) =>
    log("error", "batch submitted without its event", { tenantId, batchId, error: (err as Error).name }),
  );
}

/** A batch that did not reach the clearinghouse: failed with its reason, or left to SQS when the cause passes. */
async function failed(tenantId: string, batchId: string, attempt: number, err: unknown): Promise<never> {
  // DynamoDB contention or throttling past the retries: SQS redelivers; the batch stays building or
  // stored, its lease let go so the redelivery can take it at once.
  if (isTransient(err) || err instanceof BatchBusy || isConditionFailure(err)) {
    log("warn", "batch interrupted, to be redelivered", { tenantId, batchId, error: (err as Error).name });
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .set({ leaseUntil: 0 })
      .where(
        // Only the delivery that holds the batch (building or stored, at its attempt) moves it on.
        (a, op) => `(${op.eq(a.status, "building")} OR ${op.eq(a.status, "stored")}) AND ${op.eq(a.attempts, attempt)}`,
      )
      .go()
      .catch(() => undefined); // the lease runs out by itself
    throw new BatchFailure(`interrupted (${(err as Error).name}); SQS redelivers it`);
  }
  // The batch, its log line and the error SQS sees name the cause, never a patient's data.
  const reason = safeReason(err).slice(0, 500);
  try {
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .set({ status: "failed", error: reason, updatedAt: now() })
      .remove(["leaseUntil"])
      .where(
        // Only the delivery that holds the batch (building or stored, at its attempt) moves it on.
        (a, op) => `(${op.eq(a.status, "building")} OR ${op.eq(a.status, "stored")}) AND ${op.eq(a.attempts, attempt)}`,
      )
      .go();
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    // Another delivery took the batch over (this one outlived its lease): it decides.
  }
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

/** Moves the batch's claims to submitted, each on its own (one claim's contention never holds back the rest). */
async function markSubmitted(tenantId: string, batchId: string, claims: Claim[]) {
  let firstError: unknown;
  for (const c of claims) {
    try {
      await moveToSubmitted(tenantId, batchId, c);
    } catch (err) {
      firstError ??= err;
    }
  }
  if (firstError) throw firstError instanceof Error ? firstError : new Error(String(firstError));
}

/**
 * One claim's move to submitted, retried with jitter past contention (transactWrite retries each
 * round; rounds add longer waits). A claim's first submission writes its record for the invoice's
 * claim count in the same transaction, which the claim's version condition makes happen once: a
 * retry after a move that went through finds the claim submitted and stops.
 */
async function moveToSubmitted(tenantId: string, batchId: string, claim: Claim) {
  let c = claim;
  for (let round = 1; ; round++) {
    const at = now();
    const first = !c.firstSubmittedAt;
    const move = moveItems(SYSTEM(tenantId), c, "submitted", `sent in batch ${batchId}`, {
      submissions: c.submissions + 1,
      lastSubmittedAt: at,
      ...(first ? { firstSubmittedAt: at } : {}),
    });
    try {
      await transactWrite([
        ...move.items,
        first
          ? firstSubmissionItem(tenantId, { practiceId: c.practiceId, claimId: c.claimId, batchId, at })
          : workItem(tenantId, c.practiceId, at, "resubmissions", c.claimId),
      ]);
      return;
    } catch (err) {
      if (round >= MOVE_ROUNDS) throw err;
      if (err instanceof TransactionConflict && !err.transient) {
        // The claim changed under us: moved already by another delivery of this batch, or taken out.
        const fresh = await getClaimForSystem(tenantId, c.claimId);
        if (!fresh || fresh.batchId !== batchId || fresh.status !== "queued") return;
        c = fresh;
      } else if (!isTransient(err)) throw err;
      await backoff(round + 2);
    }
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

/** A sent batch's claims that have still to move (the rest moved, or went on to their 277CA answer). */
async function claimsStillQueued(
  tenantId: string,
  batch: { batchId: string; claimIds: string[]; setAsideClaimIds?: string[] },
): Promise<Claim[]> {
  const setAside = new Set(batch.setAsideClaimIds ?? []);
  const out: Claim[] = [];
  for (const claimId of batch.claimIds) {
    if (setAside.has(claimId)) continue;
    const c = await getClaimForSystem(tenantId, claimId);
    if (c && c.batchId === batch.batchId && c.status === "queued") out.push(c);
  }
  return out;
}
