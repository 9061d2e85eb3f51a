import { createMiddleware } from "hono/factory";
import { randomUUID } from "node:crypto";
import type { AppEnv } from "../env.ts";
import { log } from "@claimledger/core/shared/log.ts";
import { problem } from "../problem.ts";

/**
 * Request id (from `x-request-id` when sane, else new) and one structured log line per request.
 * The line carries ids and the route pattern only, never bodies or query strings (no PHI).
 */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  c.set("requestId", requestId);
  const started = performance.now();
  await next();
  c.res.headers.set("x-request-id", requestId);
  const principal = c.get("principal");
  log("info", "request", {
    requestId,
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    ms: Math.round(performance.now() - started),
    tenantId: principal?.tenantId,
    keyId: principal?.keyId,
  });
});

/** Write requests must send JSON; CSV imports (`...:import`) send text/csv. */
export const requireJson = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (["POST", "PUT", "PATCH"].includes(c.req.method)) {
      const allowed = c.req.path.endsWith(":import")
        ? ["text/csv"]
        : c.req.path === "/v1/remittances"
          ? ["application/edi-x12", "text/plain", "application/octet-stream", "multipart/form-data"]
          : ["application/json"];
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      const hasBody = c.req.raw.body !== null && c.req.header("content-length") !== "0";
      if (hasBody && !allowed.includes(type)) {
        return problem(c, 415, "unsupported-media-type", "Unsupported media type", `Send the body as ${allowed.join(" or ")}`);
      }
    }
    await next();
  });
