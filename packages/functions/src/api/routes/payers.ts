import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  createPayer,
  getPayer,
  listPayers,
  updatePayer,
  payerInput,
  payerPatch,
  payerView,
} from "@claimledger/core/payer/index.ts";
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

export const payers = new OpenAPIHono<AppEnv>();
const tags = ["Payers"];
const params = idParam("payerId", "pyr");

payers.openapi(
  createRoute({
    method: "post",
    path: "/v1/payers",
    tags,
    summary: "Add a payer (its clearinghouse payer id, claim filing indicator, timely-filing limit)",
    request: { headers: idempotencyHeader, body: jsonBody(payerInput) },
    responses: { 201: jsonResponse(payerView, "Payer created"), ...writeErrors },
  }),
  async (c) => c.json(withEtag(c, await createPayer(c.get("principal"), c.req.valid("json"))), 201),
);

payers.openapi(
  createRoute({
    method: "get",
    path: "/v1/payers",
    tags,
    summary: "List payers",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(payerView), "Payers"), ...errors },
  }),
  async (c) => c.json(await listPayers(c.get("principal"), c.req.valid("query")), 200),
);

payers.openapi(
  createRoute({
    method: "get",
    path: "/v1/payers/{payerId}",
    tags,
    summary: "Get a payer",
    request: { params },
    responses: { 200: jsonResponse(payerView, "The payer"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getPayer(c.get("principal"), c.req.valid("param").payerId)), 200),
);

payers.openapi(
  createRoute({
    method: "patch",
    path: "/v1/payers/{payerId}",
    tags,
    summary: "Change a payer (If-Match with its version); `status: inactive` retires it",
    request: { params, body: jsonBody(payerPatch) },
    responses: { 200: jsonResponse(payerView, "The updated payer"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(c, await updatePayer(c.get("principal"), c.req.valid("param").payerId, c.req.valid("json"), ifMatch(c))),
      200,
    ),
);
