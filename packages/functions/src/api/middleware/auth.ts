import { createMiddleware } from "hono/factory";
import { getCookie } from "hono/cookie";
import type { Context } from "hono";
import { timingSafeEqual } from "node:crypto";
import { authenticate } from "@claimledger/core/tenant/index.ts";
import { authenticateSession } from "@claimledger/core/user/index.ts";
import { AppError, unauthorized } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";

/** The console's session cookie (HttpOnly, Secure, SameSite=Strict; set by POST /v1/sessions). */
export const SESSION_COOKIE = "cl_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const csrf = (detail: string) => new AppError(403, "csrf", "Refused (CSRF)", detail);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Who is calling: an API key (`Authorization: Bearer`, for integrations) or a console user's
 * session cookie. A cookie-authenticated request that changes something must carry the session's
 * CSRF token in `X-CSRF-Token` and must not come from another site's page (`Origin`): a cookie is
 * sent by the browser whoever made the page, the token only by our own console.
 */
export const requireCaller = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthorized("Send your API key as `Authorization: Bearer <key>`");
    c.set("principal", await authenticate(m[1]!));
    return next();
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) throw unauthorized("Send your API key as `Authorization: Bearer <key>`, or sign in to the console");
  const session = await authenticateSession(cookie);
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== new URL(c.req.url).origin)
      throw csrf("This request came from another site's page and is refused (CSRF protection)");
    const token = c.req.header(CSRF_HEADER);
    if (!token || !same(token, session.csrfToken))
      throw csrf("Send the session's CSRF token in the X-CSRF-Token header (CSRF protection)");
  }
  c.set("principal", session.principal);
  c.set("sessionId", session.sessionId);
  return next();
});

/**
 * The client's address, for rate-limiting sign-in: API Gateway's source IP when deployed, the
 * socket's peer locally (never a header a client could forge).
 */
export function clientAddress(c: Context): string {
  const env = c.env as
    | {
        event?: { requestContext?: { http?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? "unknown";
}
