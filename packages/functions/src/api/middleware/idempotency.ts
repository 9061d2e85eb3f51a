import { createMiddleware } from "hono/factory";
import type { AppEnv, ShownOnce } from "../env.ts";
import {
  beginIdempotent,
  completeIdempotent,
  releaseIdempotent,
  requestHash,
} from "@claimledger/core/idempotency/index.ts";
import { AppError, badRequest, problemOf } from "@claimledger/core/shared/errors.ts";
import { api } from "../../../../../infra/resources.ts";

/** A pending key outlives the API function's own time limit a little, then a retry may run. */
export const IDEMPOTENCY_LEASE_SECONDS = api.timeoutSeconds + 6;

/**
 * POSTs that create accept `Idempotency-Key`: the first response (2xx or 4xx) is stored and a
 * retry with the same key and body gets it back, creating nothing twice. Keys are per API key.
 * A response carrying a secret (a route calls `shownOnce`) is never stored: a replay gets a
 * problem naming what was created, and that its secret was shown once.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!/^[A-Za-z0-9_.:-]{1,255}$/.test(key))
    throw badRequest("Idempotency-Key must be 1-255 letters, digits or _ . : -");
  const p = c.get("principal");
  const body = await c.req.raw.clone().text();
  const scope = `${p.keyId}:${key}`;
  c.set("idempotencyScope", scope);
  const stored = await beginIdempotent(
    p.tenantId,
    scope,
    requestHash(c.req.method, c.req.path, body),
    IDEMPOTENCY_LEASE_SECONDS,
  );
  if (stored) {
    return new Response(stored.body, {
      status: stored.status,
      headers: { "content-type": stored.contentType, "idempotent-replayed": "true" },
    });
  }
  try {
    await next();
  } catch (err) {
    await releaseIdempotent(p.tenantId, scope);
    throw err;
  }
  // Server errors are not final: release the key so the client's retry runs again.
  if (c.res.status >= 500) {
    await releaseIdempotent(p.tenantId, scope);
    return;
  }
  const secret = c.get("shownOnce");
  if (secret && c.res.status < 300) {
    await completeIdempotent(p.tenantId, scope, {
      status: 409,
      contentType: "application/problem+json",
      body: JSON.stringify({
        ...problemOf(new AppError(409, "secret-shown-once", "Secret shown once", secret.detail), c.req.path),
        ...secret.ids,
      }),
    });
    return;
  }
  const text = await c.res.clone().text();
  await completeIdempotent(p.tenantId, scope, {
    status: c.res.status,
    body: text,
    contentType: c.res.headers.get("content-type") ?? "application/json",
  });
});

/**
 * Marks this response as carrying a secret shown once: the idempotency store keeps, instead of
 * it, a problem with `detail` and the created record's `ids` for a replay to answer with.
 */
export function shownOnce(
  c: { set(k: "shownOnce", v: ShownOnce): void },
  detail: string,
  ids: Record<string, string>,
): void {
  c.set("shownOnce", { detail, ids });
}
