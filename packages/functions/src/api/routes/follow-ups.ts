import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  followUpQuery,
  followUpSettings,
  followUpView,
  followUpQueue,
  getFollowUpSettings,
  putFollowUpSettings,
} from "@claimledger/core/followup/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, ifMatch, jsonBody, jsonResponse, withEtag, writeErrors } from "./_shared.ts";

/** /v1/follow-ups: claims gone quiet at the payer, riskiest first; and the follow-up settings. */
export const followUps = new OpenAPIHono<AppEnv>();
const tags = ["Tasks"];

followUps.openapi(
  createRoute({
    method: "get",
    path: "/v1/follow-ups",
    tags,
    summary: "The follow-up queue: sent claims the payer has gone quiet on, highest risk first",
    description:
      "A claim is here when it is still `submitted` two business days after sending (no 999/277CA), has no 835 once the payer's `expectedPaymentDays` have passed, or a 277 pended it or asked for more. Risk = open insurance balance / max(1, days left before the timely-filing limit). `total` counts every entry the filters keep; each entry carries its open follow-up task.",
    request: { query: followUpQuery },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(followUpView), nextCursor: z.string().nullable(), total: z.number() }),
        "Entries, riskiest first",
      ),
      ...errors,
    },
  }),
  async (c) => c.json(await followUpQueue(c.get("principal"), c.req.valid("query")), 200),
);

const settingsView = followUpSettings.extend({ version: z.number(), updatedAt: z.string().optional() });

followUps.openapi(
  createRoute({
    method: "get",
    path: "/v1/follow-up-settings",
    tags,
    summary: "Each practice's default assignee for automatic tasks (ETag = version)",
    responses: { 200: jsonResponse(settingsView, "The settings"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getFollowUpSettings(c.get("principal"))), 200),
);

followUps.openapi(
  createRoute({
    method: "put",
    path: "/v1/follow-up-settings",
    tags,
    summary: "Set each practice's default assignee for automatic tasks (owner, biller)",
    description:
      "Practices not named leave their automatic tasks unassigned. Applies to tasks made from now on. `If-Match` (0 before the first) guards against overwriting another's change.",
    request: { body: jsonBody(followUpSettings) },
    responses: { 200: jsonResponse(settingsView, "The settings"), ...writeErrors },
  }),
  async (c) => c.json(withEtag(c, await putFollowUpSettings(c.get("principal"), c.req.valid("json"), ifMatch(c))), 200),
);
