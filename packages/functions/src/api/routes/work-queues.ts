import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { denialGroupView, denialsQueue } from "@claimledger/core/remittance/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonResponse } from "./_shared.ts";

/** /v1/work-queues: what billers work through. */
export const workQueues = new OpenAPIHono<AppEnv>();
const tags = ["Remittances"];

workQueues.openapi(
  createRoute({
    method: "get",
    path: "/v1/work-queues/denials",
    tags,
    summary: "Denied and partially paid claims grouped by reason (CARC), with a suggested next action",
    request: { query: z.object({ practiceId: z.string().max(40).optional() }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(denialGroupView) }), "Reason groups, largest amount first"),
      ...errors,
    },
  }),
  async (c) => c.json({ items: await denialsQueue(c.get("principal"), c.req.valid("query").practiceId) }, 200),
);
