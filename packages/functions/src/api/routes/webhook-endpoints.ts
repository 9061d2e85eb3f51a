import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  createEndpoint,
  createdEndpoint,
  deleteEndpoint,
  deliveryView,
  endpointInput,
  endpointPatch,
  endpointView,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  replayed,
  replayRange,
  replayRangeInput,
  updateEndpoint,
} from "@claimledger/core/webhook/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { shownOnce } from "../middleware/idempotency.ts";
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

export const webhookEndpoints = new OpenAPIHono<AppEnv>();
const tags = ["Webhooks"];
const endpointParam = idParam("endpointId", "whe");
const deliveryParam = endpointParam.extend(idParam("eventId", "ev").shape);

webhookEndpoints.openapi(
  createRoute({
    method: "post",
    path: "/v1/webhook-endpoints",
    tags,
    summary: "Add a webhook endpoint (owner; a practice principal for its practice)",
    description:
      "Events of the listed types (of one practice with `practiceId`) are POSTed to `url`, signed in the Standard Webhooks format with the `secret` in this response, which is shown only here. https only; private, loopback and link-local addresses are refused.",
    request: { headers: idempotencyHeader, body: jsonBody(endpointInput) },
    responses: { 201: jsonResponse(createdEndpoint, "Endpoint created, with its signing secret"), ...writeErrors },
  }),
  async (c) => {
    const created = await createEndpoint(c.get("principal"), c.req.valid("json"));
    shownOnce(
      c,
      `Webhook endpoint ${created.endpointId} was created by the first request with this Idempotency-Key; its signing secret was shown once and is not shown again. If it was lost, delete the endpoint and add another.`,
      { endpointId: created.endpointId },
    );
    return c.json(created, 201);
  },
);

webhookEndpoints.openapi(
  createRoute({
    method: "get",
    path: "/v1/webhook-endpoints",
    tags,
    summary: "List webhook endpoints",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(endpointView), "Endpoints, without secrets"), ...errors },
  }),
  async (c) => c.json(await listEndpoints(c.get("principal"), c.req.valid("query")), 200),
);

webhookEndpoints.openapi(
  createRoute({
    method: "get",
    path: "/v1/webhook-endpoints/{endpointId}",
    tags,
    summary: "One webhook endpoint",
    request: { params: endpointParam },
    responses: { 200: jsonResponse(endpointView, "The endpoint"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getEndpoint(c.get("principal"), c.req.valid("param").endpointId)), 200),
);

webhookEndpoints.openapi(
  createRoute({
    method: "patch",
    path: "/v1/webhook-endpoints/{endpointId}",
    tags,
    summary: "Change an endpoint's URL, types or description; disable it, or enable it again",
    request: { params: endpointParam, body: jsonBody(endpointPatch) },
    responses: { 200: jsonResponse(endpointView, "The endpoint"), ...writeErrors },
  }),
  async (c) => {
    const { endpointId } = c.req.valid("param");
    const updated = await updateEndpoint(c.get("principal"), endpointId, c.req.valid("json"), ifMatch(c));
    return c.json(withEtag(c, updated), 200);
  },
);

webhookEndpoints.openapi(
  createRoute({
    method: "delete",
    path: "/v1/webhook-endpoints/{endpointId}",
    tags,
    summary: "Delete an endpoint: nothing more is sent to it",
    request: { params: endpointParam },
    responses: { 204: { description: "Deleted" }, ...errors },
  }),
  async (c) => {
    await deleteEndpoint(c.get("principal"), c.req.valid("param").endpointId);
    return c.body(null, 204);
  },
);

webhookEndpoints.openapi(
  createRoute({
    method: "get",
    path: "/v1/webhook-endpoints/{endpointId}/deliveries",
    tags,
    summary: "An endpoint's deliveries, newest first, each with its attempts",
    request: {
      params: endpointParam,
      query: listQuery.extend({ status: z.enum(["pending", "delivered", "failed"]).optional() }),
    },
    responses: { 200: jsonResponse(pageOf(deliveryView), "Deliveries"), ...errors },
  }),
  async (c) =>
    c.json(await listDeliveries(c.get("principal"), c.req.valid("param").endpointId, c.req.valid("query")), 200),
);

webhookEndpoints.openapi(
  createRoute({
    method: "get",
    path: "/v1/webhook-endpoints/{endpointId}/deliveries/{eventId}",
    tags,
    summary: "One event's delivery to the endpoint",
    request: { params: deliveryParam },
    responses: { 200: jsonResponse(deliveryView, "The delivery"), ...errors },
  }),
  async (c) => {
    const { endpointId, eventId } = c.req.valid("param");
    return c.json(await getDelivery(c.get("principal"), endpointId, eventId), 200);
  },
);

webhookEndpoints.openapi(
  createRoute({
    method: "post",
    path: "/v1/webhook-endpoints/{endpointId}/deliveries/{eventId}/replay",
    tags,
    summary: "Send one event to the endpoint again, now",
    request: { params: deliveryParam },
    responses: { 202: jsonResponse(deliveryView, "Queued; the delivery as it was"), ...writeErrors },
  }),
  async (c) => {
    const { endpointId, eventId } = c.req.valid("param");
    return c.json(await replayDelivery(c.get("principal"), endpointId, eventId), 202);
  },
);

webhookEndpoints.openapi(
  createRoute({
    method: "post",
    path: "/v1/webhook-endpoints/{endpointId}/replay",
    tags,
    summary: "Send a time range of events again (by default those not delivered)",
    description: "At most 1000 events a request; `truncated` says to ask again from the last one's time.",
    request: { params: endpointParam, body: jsonBody(replayRangeInput) },
    responses: { 202: jsonResponse(replayed, "How many were queued"), ...writeErrors },
  }),
  async (c) => c.json(await replayRange(c.get("principal"), c.req.valid("param").endpointId, c.req.valid("json")), 202),
);
