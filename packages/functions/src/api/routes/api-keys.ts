import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { createApiKey, listApiKeys, revokeApiKey } from "@claimledger/core/tenant/tenant.service.ts";
import { apiKeyInput, apiKeyView, createdApiKey } from "@claimledger/core/tenant/tenant.schema.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const apiKeys = new OpenAPIHono<AppEnv>();
const tags = ["API keys"];

apiKeys.openapi(
  createRoute({
    method: "post",
    path: "/v1/api-keys",
    tags,
    summary: "Create an API key (owner)",
    description: "Roles: `owner`, `biller`, `viewer`, or `practice` (bound to `practiceId`). The key is shown only in this response; only its hash is stored.",
    request: { headers: idempotencyHeader, body: jsonBody(apiKeyInput) },
    responses: { 201: jsonResponse(createdApiKey, "Key created"), ...writeErrors },
  }),
  async (c) => c.json(await createApiKey(c.get("principal"), c.req.valid("json")), 201),
);

apiKeys.openapi(
  createRoute({
    method: "get",
    path: "/v1/api-keys",
    tags,
    summary: "List API keys (owner)",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(apiKeyView), "Keys, without secrets"), ...errors },
  }),
  async (c) => c.json(await listApiKeys(c.get("principal"), c.req.valid("query")), 200),
);

apiKeys.openapi(
  createRoute({
    method: "delete",
    path: "/v1/api-keys/{keyId}",
    tags,
    summary: "Revoke an API key (owner)",
    request: { params: idParam("keyId", "key") },
    responses: { 200: jsonResponse(apiKeyView, "The revoked key"), ...errors },
  }),
  async (c) => c.json(await revokeApiKey(c.get("principal"), c.req.valid("param").keyId), 200),
);
