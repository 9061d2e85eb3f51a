import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  apiKeyInput,
  apiKeyView,
  createdApiKey,
} from "@claimledger/core/tenant/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { shownOnce } from "../middleware/idempotency.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const apiKeys = new OpenAPIHono<AppEnv>();
const tags = ["API keys"];

apiKeys.openapi(
  createRoute({
    method: "post",
    path: "/v1/api-keys",
    tags,
    summary: "Create an API key (owner)",
    description:
      "Roles: `owner`, `biller`, `viewer`, or `practice` (bound to `practiceId`). The key is shown only in this response; only its hash is stored. A retry with the same Idempotency-Key answers 409 `secret-shown-once` naming the key created, never the key itself.",
    request: { headers: idempotencyHeader, body: jsonBody(apiKeyInput) },
    responses: { 201: jsonResponse(createdApiKey, "Key created"), ...writeErrors },
  }),
  async (c) => {
    const created = await createApiKey(c.get("principal"), c.req.valid("json"));
    shownOnce(
      c,
      `API key ${created.keyId} was created by the first request with this Idempotency-Key; its secret was shown once and is not kept. If it was lost, revoke the key (DELETE /v1/api-keys/${created.keyId}) and create another.`,
      { keyId: created.keyId },
    );
    return c.json(created, 201);
  },
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
