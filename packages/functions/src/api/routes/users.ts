import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  confirmTotp,
  disableTotp,
  invitationInput,
  invitationView,
  inviteUser,
  listInvitations,
  listUsers,
  me,
  patchUser,
  revokeInvitation,
  startTotp,
  totpCodeInput,
  totpEnrolment,
  userPatch,
  userView,
} from "@claimledger/core/user/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const users = new OpenAPIHono<AppEnv>();
const tags = ["Users"];

users.openapi(
  createRoute({
    method: "get",
    path: "/v1/users",
    tags,
    summary: "List the company's users (owner, biller, viewer)",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(userView), "Users, without secrets"), ...errors },
  }),
  async (c) => c.json(await listUsers(c.get("principal"), c.req.valid("query")), 200),
);

users.openapi(
  createRoute({
    method: "get",
    path: "/v1/users/me",
    tags,
    summary: "The signed-in user",
    responses: { 200: jsonResponse(userView, "You"), ...errors },
  }),
  async (c) => c.json(await me(c.get("principal")), 200),
);

users.openapi(
  createRoute({
    method: "patch",
    path: "/v1/users/{userId}",
    tags,
    summary: "Change a user's role, practice or status (owner)",
    description:
      "Their sessions end, so the change holds at once. The last active owner cannot be demoted or disabled (409).",
    request: { params: idParam("userId", "usr"), body: jsonBody(userPatch) },
    responses: { 200: jsonResponse(userView, "The user"), ...writeErrors },
  }),
  async (c) => c.json(await patchUser(c.get("principal"), c.req.valid("param").userId, c.req.valid("json")), 200),
);

users.openapi(
  createRoute({
    method: "post",
    path: "/v1/invitations",
    tags,
    summary: "Invite a person by email with a role (owner)",
    description: "Mails a link (valid 7 days, once) to set a password. `practice` users are bound to `practiceId`.",
    request: { headers: idempotencyHeader, body: jsonBody(invitationInput) },
    responses: { 201: jsonResponse(invitationView, "Invitation sent"), ...writeErrors },
  }),
  async (c) => c.json(await inviteUser(c.get("principal"), c.req.valid("json")), 201),
);

users.openapi(
  createRoute({
    method: "get",
    path: "/v1/invitations",
    tags,
    summary: "List invitations (owner)",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(invitationView), "Invitations"), ...errors },
  }),
  async (c) => c.json(await listInvitations(c.get("principal"), c.req.valid("query")), 200),
);

users.openapi(
  createRoute({
    method: "delete",
    path: "/v1/invitations/{invitationId}",
    tags,
    summary: "Revoke a pending invitation (owner)",
    request: { params: idParam("invitationId", "ivt") },
    responses: { 204: { description: "Revoked; its link no longer works" }, ...errors },
  }),
  async (c) => {
    await revokeInvitation(c.get("principal"), c.req.valid("param").invitationId);
    return c.body(null, 204);
  },
);

users.openapi(
  createRoute({
    method: "post",
    path: "/v1/users/me/totp",
    tags,
    summary: "Start two-factor enrolment",
    description: "A new TOTP secret and its otpauth:// URI (for a QR code). Two-factor is on once a code is confirmed.",
    responses: { 201: jsonResponse(totpEnrolment, "The secret, shown once"), ...writeErrors },
  }),
  async (c) => c.json(await startTotp(c.get("principal")), 201),
);

users.openapi(
  createRoute({
    method: "post",
    path: "/v1/users/me/totp/confirm",
    tags,
    summary: "Confirm two-factor enrolment with a code",
    request: { body: jsonBody(totpCodeInput) },
    responses: { 200: jsonResponse(userView, "Two-factor sign-in is on"), ...writeErrors },
  }),
  async (c) => c.json(await confirmTotp(c.get("principal"), c.req.valid("json").code), 200),
);

users.openapi(
  createRoute({
    method: "delete",
    path: "/v1/users/me/totp",
    tags,
    summary: "Turn two-factor sign-in off (needs a current code)",
    request: { body: jsonBody(totpCodeInput) },
    responses: { 200: jsonResponse(userView, "Two-factor sign-in is off"), ...writeErrors },
  }),
  async (c) => c.json(await disableTotp(c.get("principal"), c.req.valid("json").code), 200),
);
