import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  approveWriteOff,
  denialResolutionView,
  getWriteOffRequest,
  listWriteOffRequests,
  rejectWriteOff,
  writeOffDecision,
  writeOffListQuery,
  writeOffRejection,
  writeOffRequestView,
} from "@claimledger/core/resolution/index.ts";
import type { AppEnv } from "../env.ts";
import { followUpTasks } from "./_follow-up.ts";
import { errors, idParam, ifMatch, jsonBody, jsonResponse, pageOf, withEtag, writeErrors } from "./_shared.ts";

/** /v1/write-off-requests: write-offs over the company's approval amount, waiting for an owner. */
export const writeOffRequests = new OpenAPIHono<AppEnv>();
const tags = ["Claims"];
const params = idParam("requestId", "wor");

writeOffRequests.openapi(
  createRoute({
    method: "get",
    path: "/v1/write-off-requests",
    tags,
    summary: "The approvals list: write-offs waiting for an owner, oldest first (or those decided, newest first)",
    request: { query: writeOffListQuery },
    responses: { 200: jsonResponse(pageOf(writeOffRequestView), "Requests"), ...errors },
  }),
  async (c) => c.json(await listWriteOffRequests(c.get("principal"), c.req.valid("query")), 200),
);

writeOffRequests.openapi(
  createRoute({
    method: "get",
    path: "/v1/write-off-requests/{requestId}",
    tags,
    summary: "One write-off request (ETag = version)",
    request: { params },
    responses: { 200: jsonResponse(writeOffRequestView, "The request"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getWriteOffRequest(c.get("principal"), c.req.valid("param").requestId)), 200),
);

writeOffRequests.openapi(
  createRoute({
    method: "post",
    path: "/v1/write-off-requests/{requestId}/approve",
    tags,
    summary: "Approve a write-off (owner): it posts now, if that much of the denial is still open",
    request: { params, body: jsonBody(writeOffDecision) },
    responses: {
      200: jsonResponse(
        z.object({ request: writeOffRequestView, resolution: denialResolutionView }),
        "The request approved and the write-off posted",
      ),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.get("principal");
    const r = await approveWriteOff(p, c.req.valid("param").requestId, c.req.valid("json").note, ifMatch(c));
    await followUpTasks(p.tenantId, [r.request.claimId]);
    return c.json(r, 200);
  },
);

writeOffRequests.openapi(
  createRoute({
    method: "post",
    path: "/v1/write-off-requests/{requestId}/reject",
    tags,
    summary: "Reject a write-off (owner), with a note: the denial stays open",
    request: { params, body: jsonBody(writeOffRejection) },
    responses: { 200: jsonResponse(writeOffRequestView, "The request rejected"), ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    const r = await rejectWriteOff(p, c.req.valid("param").requestId, c.req.valid("json").note, ifMatch(c));
    return c.json(withEtag(c, r), 200);
  },
);
