import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { timingSafeEqual } from "node:crypto";
import {
  createTenant,
  getTenant,
  updateTenant,
  createdApiKey,
  tenantInput,
  tenantPatch,
  tenantView,
} from "@claimledger/core/tenant/index.ts";
import { invitationView, inviteUser } from "@claimledger/core/user/index.ts";
import { assertMailConfigured } from "@claimledger/core/shared/mail.ts";
import type { Principal } from "@claimledger/core/shared/context.ts";
import { linked } from "@claimledger/core/shared/aws.ts";
import { forbidden, unauthorized } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { errors, ifMatch, jsonBody, jsonResponse, withEtag, writeErrors } from "./_shared.ts";

/** The platform admin key: SST secret `PlatformAdminKey` (locally `SST_RESOURCE_PlatformAdminKey`). */
function checkAdmin(header: string | undefined): void {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!m) throw unauthorized("Creating a tenant needs the platform admin key");
  const expected = linked("PlatformAdminKey").value ?? "";
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(expected);
  if (expected.length < 16 || a.length !== b.length || !timingSafeEqual(a, b))
    throw forbidden("That is not the platform admin key");
}

export const tenants = new OpenAPIHono<AppEnv>();

tenants.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants",
    tags: ["Tenants"],
    summary: "Create a billing company (platform admin)",
    description:
      "Authenticated with the platform admin key. Returns the tenant and its first owner API key, shown only this once. With `owner`, that person is invited by mail as the company's first console user (owner).",
    request: { body: jsonBody(tenantInput) },
    responses: {
      201: jsonResponse(
        z.object({ tenant: tenantView, ownerKey: createdApiKey, ownerInvitation: invitationView.optional() }),
        "Tenant created",
      ),
      ...writeErrors,
    },
  }),
  async (c) => {
    checkAdmin(c.req.header("authorization"));
    const input = c.req.valid("json");
    if (input.owner) assertMailConfigured();
    const created = await createTenant(input);
    if (!input.owner) return c.json(created, 201);
    const owner: Principal = { tenantId: created.tenant.tenantId, keyId: created.ownerKey.keyId, role: "owner" };
    const ownerInvitation = await inviteUser(owner, {
      ...input.owner,
      email: input.owner.email.toLowerCase(),
      role: "owner",
    });
    return c.json({ ...created, ownerInvitation }, 201);
  },
);

tenants.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenant",
    tags: ["Tenants"],
    summary: "The billing company this API key belongs to",
    responses: { 200: jsonResponse(tenantView, "The tenant"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getTenant(c.get("principal"))), 200),
);

tenants.openapi(
  createRoute({
    method: "patch",
    path: "/v1/tenant",
    tags: ["Tenants"],
    summary:
      "Edit the company's name and what its invoices print: address, email, phone, payment instructions (owner only)",
    request: { body: jsonBody(tenantPatch) },
    responses: { 200: jsonResponse(tenantView, "The tenant"), ...writeErrors },
  }),
  async (c) => c.json(withEtag(c, await updateTenant(c.get("principal"), c.req.valid("json"), ifMatch(c))), 200),
);
