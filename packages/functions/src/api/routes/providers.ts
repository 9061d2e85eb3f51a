import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  createProvider,
  getProvider,
  listProviders,
  updateProvider,
  providerInput,
  providerPatch,
  providerView,
} from "@claimledger/core/provider/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import {
  errors,
  idParam,
  idempotencyHeader,
  ifMatch,
  jsonBody,
  jsonResponse,
  pageOf,
  withEtag,
  writeErrors,
} from "./_shared.ts";

export const providers = new OpenAPIHono<AppEnv>();
const tags = ["Providers"];
const practiceParam = idParam("practiceId", "prc");
const params = practiceParam.extend(idParam("providerId", "prv").shape);

providers.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/providers",
    tags,
    summary: "Add a rendering, billing or referring provider to a practice",
    request: { params: practiceParam, headers: idempotencyHeader, body: jsonBody(providerInput) },
    responses: { 201: jsonResponse(providerView, "Provider created"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(c, await createProvider(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("json"))),
      201,
    ),
);

providers.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/providers",
    tags,
    summary: "List a practice's providers",
    request: { params: practiceParam, query: listQuery },
    responses: { 200: jsonResponse(pageOf(providerView), "Providers"), ...errors },
  }),
  async (c) =>
    c.json(await listProviders(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("query")), 200),
);

providers.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/providers/{providerId}",
    tags,
    summary: "Get a provider",
    request: { params },
    responses: { 200: jsonResponse(providerView, "The provider"), ...errors },
  }),
  async (c) => {
    const { practiceId, providerId } = c.req.valid("param");
    return c.json(withEtag(c, await getProvider(c.get("principal"), practiceId, providerId)), 200);
  },
);

providers.openapi(
  createRoute({
    method: "patch",
    path: "/v1/practices/{practiceId}/providers/{providerId}",
    tags,
    summary: "Change a provider (If-Match with its version); `status: inactive` retires it",
    request: { params, body: jsonBody(providerPatch) },
    responses: { 200: jsonResponse(providerView, "The updated provider"), ...writeErrors },
  }),
  async (c) => {
    const { practiceId, providerId } = c.req.valid("param");
    return c.json(
      withEtag(c, await updateProvider(c.get("principal"), practiceId, providerId, c.req.valid("json"), ifMatch(c))),
      200,
    );
  },
);
