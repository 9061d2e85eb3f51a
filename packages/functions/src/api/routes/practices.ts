import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  createPractice,
  getPractice,
  listPractices,
  updatePractice,
  practiceInput,
  practicePatch,
  practiceView,
} from "@claimledger/core/practice/index.ts";
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

export const practices = new OpenAPIHono<AppEnv>();
const tags = ["Practices"];
const params = idParam("practiceId", "prc");

practices.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices",
    tags,
    summary: "Onboard a client practice",
    description:
      "Contract terms (percent of collections in basis points, monthly minimum, effective dates) may be set by owners only.",
    request: { headers: idempotencyHeader, body: jsonBody(practiceInput) },
    responses: { 201: jsonResponse(practiceView, "Practice created"), ...writeErrors },
  }),
  async (c) => c.json(withEtag(c, await createPractice(c.get("principal"), c.req.valid("json"))), 201),
);

practices.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices",
    tags,
    summary: "List practices (a practice key sees its own only)",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(practiceView), "Practices"), ...errors },
  }),
  async (c) => c.json(await listPractices(c.get("principal"), c.req.valid("query")), 200),
);

practices.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}",
    tags,
    summary: "Get a practice",
    request: { params },
    responses: { 200: jsonResponse(practiceView, "The practice; ETag is its version"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getPractice(c.get("principal"), c.req.valid("param").practiceId)), 200),
);

practices.openapi(
  createRoute({
    method: "patch",
    path: "/v1/practices/{practiceId}",
    tags,
    summary: "Change a practice (send If-Match with its version to guard against lost updates)",
    description: "Set `status: inactive` to retire a practice; records are never deleted because claims refer to them.",
    request: { params, body: jsonBody(practicePatch) },
    responses: { 200: jsonResponse(practiceView, "The updated practice"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(
        c,
        await updatePractice(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("json"), ifMatch(c)),
      ),
      200,
    ),
);
