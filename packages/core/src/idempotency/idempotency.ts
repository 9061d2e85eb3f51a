import { Entity } from "electrodb";
import { createHash } from "node:crypto";
import { SERVICE, entityConfig, now } from "../shared/db.ts";
import { AppError, retryLater } from "../shared/errors.ts";
import { isConditionFailure } from "../shared/transact.ts";

const TTL_SECONDS = 24 * 3600;
/** What a retry of a request still running is told to wait at most (`Retry-After`). */
const RETRY_AFTER_SECONDS = 2;

/** A stored first response to a POST sent with an `Idempotency-Key`, kept for 24 hours. */
export const IdempotencyEntity = new Entity(
  {
    model: { entity: "idempotency", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      scope: { type: "string", required: true, readOnly: true },
      requestHash: { type: "string", required: true },
      state: { type: ["pending", "done"] as const, required: true },
      status: { type: "number" },
      body: { type: "string" },
      contentType: { type: "string" },
      createdAt: { type: "string", required: true },
      /** Epoch ms after which a pending request is taken as dead (its function timed out or crashed). */
      leaseUntil: { type: "number" },
      expiresAt: { type: "number", required: true },
    },
    indexes: {
      byScope: {
        pk: { field: "pk", composite: ["tenantId", "scope"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

export interface StoredResponse {
  status: number;
  body: string;
  contentType: string;
}

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/**
 * Claims the key for this request. Returns the stored response when the same request already
 * completed; throws 409 while the first is still running, 422 when the key was used for a
 * different request. A pending claim holds for `leaseSeconds` (a little above the request's own
 * time limit): past that, the request that held it is dead and a retry takes the key over and
 * runs (the writes underneath are conditional, so running again cannot do them twice).
 */
export async function beginIdempotent(
  tenantId: string,
  scope: string,
  hash: string,
  leaseSeconds: number,
): Promise<StoredResponse | undefined> {
  const fresh = () => ({
    requestHash: hash,
    state: "pending" as const,
    createdAt: now(),
    leaseUntil: Date.now() + leaseSeconds * 1000,
    expiresAt: Math.floor(Date.now() / 1000) + TTL_SECONDS,
  });
  try {
    await IdempotencyEntity.create({ tenantId, scope, ...fresh() }).go();
    return undefined;
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
  const { data } = await IdempotencyEntity.get({ tenantId, scope }).go({ consistent: true });
  if (!data) throw retryLater("The request with this Idempotency-Key is being processed; retry shortly", 1);
  if (data.requestHash !== hash) {
    throw new AppError(
      422,
      "idempotency-key-reuse",
      "Idempotency-Key reused",
      "This Idempotency-Key was already used for a different request",
    );
  }
  if (data.state === "pending") {
    const lease = data.leaseUntil ?? Date.parse(data.createdAt) + leaseSeconds * 1000;
    // Retry-After: soon (most requests finish in well under a second), never past the lease's end.
    if (lease > Date.now())
      throw retryLater(
        "The request with this Idempotency-Key is still being processed; retry shortly",
        Math.min(RETRY_AFTER_SECONDS, (lease - Date.now()) / 1000),
      );
    // Take over a dead request's key; of several retries at once, one wins and the rest wait.
    try {
      await IdempotencyEntity.patch({ tenantId, scope })
        .set(fresh())
        .where(
          (a, op) =>
            `${op.eq(a.state, "pending")} AND ${data.leaseUntil === undefined ? op.notExists(a.leaseUntil) : op.eq(a.leaseUntil, data.leaseUntil)}`,
        )
        .go();
      return undefined;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      throw retryLater("The request with this Idempotency-Key is still being processed; retry shortly", 1);
    }
  }
  return { status: data.status!, body: data.body ?? "", contentType: data.contentType ?? "application/json" };
}

/** Stores the first response (success or client error) so retries get it back. */
export async function completeIdempotent(tenantId: string, scope: string, res: StoredResponse): Promise<void> {
  await IdempotencyEntity.patch({ tenantId, scope })
    .set({ state: "done", status: res.status, body: res.body, contentType: res.contentType })
    .go();
}

/** A failure that leaves nothing written releases the key, so a retry can run again. */
export async function releaseIdempotent(tenantId: string, scope: string): Promise<void> {
  await IdempotencyEntity.delete({ tenantId, scope }).go();
}
