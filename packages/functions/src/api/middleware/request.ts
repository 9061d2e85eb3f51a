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

/** The files an appeal takes as a request body (`POST /v1/appeals/{id}/attachments:upload`). */
const ATTACHMENT_BODY = /^\/v1\/appeals\/[^/]+\/attachments:upload$/;
const ATTACHMENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/tiff"];

/** Write requests must send JSON; CSV imports (`...:import`) send text/csv, appeal attachments their file's type. */
export const requireJson = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (["POST", "PUT", "PATCH"].includes(c.req.method)) {
      const allowed = c.req.path.endsWith(":import")
        ? ["text/csv"]
        : c.req.path === "/v1/remittances"
          ? ["application/edi-x12", "text/plain", "application/octet-stream", "multipart/form-data"]
          : ATTACHMENT_BODY.test(c.req.path)
            ? ATTACHMENT_TYPES
            : ["application/json"];
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      const hasBody = c.req.raw.body !== null && c.req.header("content-length") !== "0";
      if (hasBody && !allowed.includes(type)) {
        return problem(
          c,
          415,
          "unsupported-media-type",
          "Unsupported media type",
          `Send the body as ${allowed.join(" or ")}`,
        );
      }
    }
    await next();
  });

/** C0 controls, DEL and C1 controls: never part of a name, an address or a code. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Paths of the strings (and keys) in a JSON value that hold a control character. */
function controlPaths(v: unknown, path: string, out: string[]): void {
  if (out.length >= 20) return;
  if (typeof v === "string") {
    if (CONTROL.test(v)) out.push(path || "(root)");
  } else if (Array.isArray(v)) v.forEach((x, i) => controlPaths(x, path ? `${path}.${i}` : String(i), out));
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) controlPaths(x, path ? `${path}.${CONTROL.test(k) ? "(key)" : k}` : k, out);
  }
}

/**
 * Text with control characters (NUL, BEL, line breaks, tabs...) is refused before any route
 * reads it, naming each field: such text cannot go into an 837P, a PDF or a CSV intact. CSV
 * uploads are checked per row (line breaks end rows; a tab is refused in a cell as well).
 */
export const refuseControlCharacters = createMiddleware<AppEnv>(async (c, next) => {
  if (!["POST", "PUT", "PATCH"].includes(c.req.method)) return next();
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && type !== "text/csv") return next();
  const text = await c.req.raw.clone().text();
  const errors: { path: string; message: string }[] = [];
  if (type === "text/csv") {
    text.split(/\r?\n/).forEach((line, i) => {
      if (errors.length < 20 && CONTROL.test(line.replace(/\r$/, "")))
        errors.push({
          path: `row ${i + 1}`,
          message: "holds a control character (e.g. NUL, BEL, tab); send plain text",
        });
    });
  } else {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next(); // malformed JSON: the validator answers 400
    }
    const paths: string[] = [];
    controlPaths(body, "", paths);
    for (const path of paths)
      errors.push({
        path,
        message: "holds a control character (e.g. NUL, BEL, a line break or a tab); send plain text",
      });
  }
  if (errors.length)
    return problem(c, 422, "validation", "Validation failed", "Text fields may not hold control characters", errors);
  return next();
});
