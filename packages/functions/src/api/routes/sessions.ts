import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Context } from "hono";
import {
  acceptInput,
  acceptInvitation,
  completePasswordReset,
  currentSession,
  requestPasswordReset,
  resetComplete,
  resetRequest,
  signIn,
  signInInput,
  signOut,
  signedIn,
} from "@claimledger/core/user/index.ts";
import { unauthorized } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { SESSION_COOKIE, clientAddress } from "../middleware/auth.ts";
import { errors, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

export const sessions = new OpenAPIHono<AppEnv>();
const tags = ["Sign-in"];
const problemContent = { "application/problem+json": { schema: z.object({ type: z.string(), detail: z.string() }) } };

/** The cookie lives as long as the session can (12 h); the server ends it sooner when idle. */
function setSession(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/",
    maxAge: 12 * 3600,
  });
}

function sessionOf(c: Context<AppEnv>): string {
  const id = c.get("sessionId");
  if (!id) throw unauthorized("This is for a signed-in console user, not an API key");
  return id;
}

sessions.openapi(
  createRoute({
    method: "post",
    path: "/v1/sessions",
    tags,
    summary: "Sign in (console users)",
    description:
      "Email and password, plus `totpCode` when the user has two-factor sign-in on (first answer 401 `totp-required`). Sets the `cl_session` cookie (HttpOnly, Secure, SameSite=Strict); send the returned `csrfToken` as `X-CSRF-Token` on every request that changes something. Five failures in a row lock the account for 15 minutes (423); attempts are rate-limited per client address and email (429). Unknown email and wrong password answer alike.",
    security: [],
    request: { body: jsonBody(signInInput) },
    responses: {
      201: jsonResponse(signedIn, "Signed in; the cookie is set"),
      ...writeErrors,
      423: { description: "Locked after repeated failures", content: problemContent },
      429: { description: "Too many attempts", content: problemContent },
    },
  }),
  async (c) => {
    const { signedIn: body, cookie } = await signIn(c.req.valid("json"), clientAddress(c));
    setSession(c, cookie);
    return c.json(body, 201);
  },
);

sessions.openapi(
  createRoute({
    method: "get",
    path: "/v1/session",
    tags,
    summary: "The current session and its user",
    description: "Counts as activity: the idle log-off moves on. 401 once signed out.",
    responses: { 200: jsonResponse(signedIn, "Who is signed in, and until when"), ...errors },
  }),
  async (c) => c.json(await currentSession(c.get("principal"), sessionOf(c)), 200),
);

sessions.openapi(
  createRoute({
    method: "delete",
    path: "/v1/session",
    tags,
    summary: "Sign out",
    responses: { 204: { description: "Signed out; the cookie is cleared" }, ...errors },
  }),
  async (c) => {
    await signOut(c.get("principal"), sessionOf(c));
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.body(null, 204);
  },
);

sessions.openapi(
  createRoute({
    method: "post",
    path: "/v1/invitations/accept",
    tags,
    summary: "Accept an invitation: set a password and sign in",
    description: "The token is the one in the invitation mail's link. Passwords need 12 characters or more.",
    security: [],
    request: { body: jsonBody(acceptInput) },
    responses: { 201: jsonResponse(signedIn, "The new user, signed in"), ...writeErrors },
  }),
  async (c) => {
    const { token, password } = c.req.valid("json");
    const { signedIn: body, cookie } = await acceptInvitation(token, password);
    setSession(c, cookie);
    return c.json(body, 201);
  },
);

sessions.openapi(
  createRoute({
    method: "post",
    path: "/v1/password-resets",
    tags,
    summary: "Ask for a password-reset mail",
    description: "Answers 202 whether or not the email has a user, so it tells nobody who has one.",
    security: [],
    request: { body: jsonBody(resetRequest) },
    responses: { 202: { description: "If the email has a user, a reset link was mailed" }, ...writeErrors },
  }),
  async (c) => {
    await requestPasswordReset(c.req.valid("json").email, clientAddress(c));
    return c.body(null, 202);
  },
);

sessions.openapi(
  createRoute({
    method: "post",
    path: "/v1/password-resets/complete",
    tags,
    summary: "Set a new password from a reset link",
    description: "Lifts a lock and ends every session of the user.",
    security: [],
    request: { body: jsonBody(resetComplete) },
    responses: { 204: { description: "Password changed" }, ...writeErrors },
  }),
  async (c) => {
    const { token, password } = c.req.valid("json");
    await completePasswordReset(token, password);
    return c.body(null, 204);
  },
);
