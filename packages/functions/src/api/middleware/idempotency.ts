import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { beginIdempotent, completeIdempotent, releaseIdempotent, requestHash } from "@claimledger/core/idempotency/idempotency.ts";
import { badRequest } from "@claimledger/core/shared/errors.ts";

/**
 * POSTs that create accept `Idempotency-Key`: the first response (2xx or 4xx) is stored and a
 * retry with the same key and body gets it back, creating nothing twice. Keys are per API key.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (!/^[A-Za-z0-9_.:-]{1,255}$/.test(key)) throw badRequest("Idempotency-Key must be 1-255 letters, digits or _ . : -");
  const p = c.get("principal");
  const body = await c.req.raw.clone().text();
  const scope = `${p.keyId}:${key}`;
  const stored = await beginIdempotent(p.tenantId, scope, requestHash(c.req.method, c.req.path, body));
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
  const text = await c.res.clone().text();
  await completeIdempotent(p.tenantId, scope, {
    status: c.res.status,
    body: text,
    contentType: c.res.headers.get("content-type") ?? "application/json",
  });
});
