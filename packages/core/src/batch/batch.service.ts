import { z } from "zod";
import type { UpdateEntityItem } from "electrodb";
import { ClaimBatchEntity, ControlNumberEntity } from "./batch.entity.ts";
import { claimUpdateItem, getClaimForSystem, historyEvent, type Claim } from "../claim/index.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { actorOf, canSeePractice, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, conflict, invalid, notFound, type FieldError } from "../shared/errors.ts";
import { isConditionFailure, TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { sendMessage } from "../shared/queue.ts";
import { eventPut } from "../event/index.ts";
import { claimBatchMessages } from "./messages.ts";
import type { ListQuery } from "../shared/schema.ts";

/** DynamoDB transactions hold 100 items: the batch plus up to 99 claims, queued atomically. */
export const MAX_CLAIMS_PER_BATCH = 99;

export const batchInput = z
  .strictObject({
    practiceId: z.string().max(40).optional(),
    payerId: z.string().max(40).optional(),
    claimIds: z.array(z.string().max(20)).min(1).max(MAX_CLAIMS_PER_BATCH).optional(),
    /** At most this many claims in this request (default: every ready claim). */
    limit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .refine((v) => v.practiceId || v.payerId || v.claimIds, {
    message: "select claims by practiceId, payerId, or claimIds",
    path: ["practiceId"],
  });
export type BatchInput = z.infer<typeof batchInput>;

/**
 * The ready claims the request names. Named claims must all be this tenant's, of the batch's
 * practice when one is given, and ready; otherwise nothing is batched and every offending id is
 * named (a batch of one practice must never carry another practice's patients).
 */
async function selectReady(p: Principal, input: BatchInput & { claimIds: string[] }): Promise<Claim[]> {
  const found = await Promise.all(input.claimIds.map(async (claimId) => getClaimForSystem(p.tenantId, claimId)));
  const errors: FieldError[] = [];
  const claims: Claim[] = [];
  for (const [i, data] of found.entries()) {
    const claimId = input.claimIds[i]!;
    const path = `claimIds.${i}`;
    if (!data || !canSeePractice(p, data.practiceId)) errors.push({ path, message: `no such claim: ${claimId}` });
    else if (input.practiceId && data.practiceId !== input.practiceId)
      errors.push({ path, message: `claim ${claimId} belongs to another practice, not ${input.practiceId}` });
    else if (input.payerId && data.payerId !== input.payerId)
      errors.push({ path, message: `claim ${claimId} is billed to another payer, not ${input.payerId}` });
    else if (data.status !== "ready")
      errors.push({ path, message: `claim ${claimId} is ${data.status}, only ready claims can be batched` });
    else claims.push(data);
  }
  if (errors.length) throw invalid(errors);
  return claims;
}

/** Claims in batches of at most `size` (99), each batch holding one practice's claims only. */
export function chunksByPractice(
  claims: Claim[],
  size = MAX_CLAIMS_PER_BATCH,
): { practiceId: string; claims: Claim[] }[] {
  const byPractice = new Map<string, Claim[]>();
  for (const c of claims) byPractice.set(c.practiceId, [...(byPractice.get(c.practiceId) ?? []), c]);
  const out = [];
  for (const [practiceId, list] of byPractice) {
    for (let i = 0; i < list.length; i += size) out.push({ practiceId, claims: list.slice(i, i + size) });
  }
  return out;
}

/**
 * The writes that create a batch of ready claims: the batch, and each claim's move from ready (at
 * the version read) to queued in it, each labelled with its claim id.
 */
export function newBatchItems(
  tenantId: string,
  b: { batchId: string; practiceId: string; payerId?: string; actor: string; at: string; runId?: string },
  claims: Pick<Claim, "claimId" | "practiceId" | "serviceDate" | "version">[],
) {
  const { batchId, at } = b;
  return [
    tx.put(
      ClaimBatchEntity.create({
        tenantId,
        batchId,
        status: "queued",
        claimIds: claims.map((c) => c.claimId),
        practiceId: b.practiceId,
        payerId: b.payerId,
        runId: b.runId,
        createdBy: b.actor,
        createdAt: at,
        updatedAt: at,
        attempts: 0,
      }).params(),
    ),
    ...claims.map((c) =>
      tx.update(
        claimUpdateItem(tenantId, c.claimId, {
          set: { status: "queued", batchId, statusReason: `batch ${batchId}`, updatedAt: at },
          keys: { practiceId: c.practiceId, serviceDate: c.serviceDate },
          status: "ready",
          version: c.version,
        }),
        c.claimId,
      ),
    ),
  ];
}

/**
 * Creates batches of the ready claims named by id (at most 99, so the request's work is bounded;
 * claims chosen by practice or payer are a batch run, see run.service.ts): each batch and its claims' move to `queued` is one
 * transaction (a claim is in one open batch only), then one SQS message per batch. A batch holds
 * one practice's claims, so whoever may read the batch (and its 837P) may read every claim in it.
 */
export async function createBatches(p: Principal, input: BatchInput & { claimIds: string[] }) {
  authorize(p, "batch.create");
  const claims = await selectReady(p, input);
  const batches = [];
  for (const { practiceId, claims: chunk } of chunksByPractice(claims)) {
    const batchId = newId("bat");
    const at = now();
    const actor = actorOf(p);
    const items = newBatchItems(p.tenantId, { batchId, practiceId, payerId: input.payerId, actor, at }, chunk);
    // History events go in a second write: the batch transaction is full with 100 items.
    try {
      await transactWrite(items);
    } catch (err) {
      if (err instanceof TransactionConflict) continue; // a claim moved meanwhile: leave this chunk for the next request
      throw err;
    }
    await writeQueuedHistory(p.tenantId, actor, chunk, batchId, at);
    await enqueueBatch(p.tenantId, batchId);
    batches.push({ batchId, claims: chunk.length });
  }
  return { batches, claims: batches.reduce((s, b) => s + b.claims, 0) };
}

async function readBatch(p: Principal, batchId: string) {
  const { data } = await ClaimBatchEntity.get({ tenantId: p.tenantId, batchId }).go();
  if (!data) throw notFound("Claim batch");
  if (p.practiceId && data.practiceId !== p.practiceId) throw notFound("Claim batch");
  return data;
}

/** A batch as the API shows it (the worker's hold is its own business). */
const batchOut = ({ tenantId: _t, leaseUntil: _l, ...rest }: NonNullable<Awaited<ReturnType<typeof readBatch>>>) =>
  rest;

export async function getBatch(p: Principal, batchId: string) {
  return batchOut(await readBatch(p, batchId));
}

export async function listBatches(p: Principal, q: ListQuery) {
  authorize(p, "batch.list");
  const page = await runPage(() =>
    ClaimBatchEntity.query
      .byTenant({ tenantId: p.tenantId })
      .go({ limit: q.limit, cursor: q.cursor ?? null, order: "desc" }),
  );
  return { items: page.items.map(batchOut), nextCursor: page.nextCursor };
}

/** The claims' history events of their move into a batch (a second write: the batch's own transaction is full). */
export async function writeQueuedHistory(
  tenantId: string,
  actor: string,
  claims: { claimId: string }[],
  batchId: string,
  at: string,
) {
  await transactWrite(
    claims.map((c) =>
      tx.put(
        historyEvent(
          tenantId,
          c.claimId,
          actor,
          { kind: "status", from: "ready", to: "queued", reason: `batch ${batchId}` },
          at,
        ),
      ),
    ),
  );
}

export async function enqueueBatch(tenantId: string, batchId: string) {
  await sendMessage("ClaimBatchQueue", claimBatchMessages, { tenantId, batchId });
}

/**
 * A failed (or never dispatched) batch goes back on the queue; its claims stay queued in it. So
 * does one left building or stored by a worker that died (its hold run out), as it stands: the
 * worker takes it over, and a stored file is sent as it was written.
 */
export async function retryBatch(p: Principal, batchId: string) {
  authorize(p, "batch.retry");
  const held = await readBatch(p, batchId);
  const batch = batchOut(held);
  const stuck = (batch.status === "building" || batch.status === "stored") && (held.leaseUntil ?? 0) <= Date.now();
  if (stuck) {
    await enqueueBatch(p.tenantId, batchId);
    return batch;
  }
  if (batch.status !== "failed" && batch.status !== "queued") {
    throw new AppError(
      409,
      "not-retryable",
      "Batch not retryable",
      `A ${batch.status} batch is not retried; only failed or queued ones are, or one whose worker stopped building or sending it`,
    );
  }
  try {
    await ClaimBatchEntity.patch({ tenantId: p.tenantId, batchId })
      .set({ status: "queued", updatedAt: now() })
      .where((a, op) => op.eq(a.status, batch.status))
      .go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    throw conflict("The batch changed at the same time; reload it");
  }
  await enqueueBatch(p.tenantId, batchId);
  return { ...batch, status: "queued" as const };
}

/** The batch a functional group's control number (GS06) names, for the acknowledgement that answers it. */
export async function batchOfControlNumber(tenantId: string, controlNumber: string) {
  const { data: pointer } = await ControlNumberEntity.get({ tenantId, controlNumber }).go();
  if (!pointer) return { pointer: undefined, batch: undefined };
  const { data: batch } = await ClaimBatchEntity.get({ tenantId, batchId: pointer.batchId }).go();
  return { pointer, batch: batch ?? undefined };
}

/** Records what a 999 said about the batch, with its `ack.999.received` event. */
export async function recordBatchAck(
  tenantId: string,
  batch: { batchId: string; practiceId?: string },
  change: Pick<UpdateEntityItem<typeof ClaimBatchEntity>, "status" | "ack">,
) {
  const at = now();
  const { batchId } = batch;
  await transactWrite([
    tx.update(
      ClaimBatchEntity.patch({ tenantId, batchId })
        .set({ ...change, updatedAt: at })
        .params(),
    ),
    eventPut(
      tenantId,
      { type: "ack.999.received", practiceId: batch.practiceId, ids: { batchId }, status: change.status },
      at,
    ),
  ]);
}
