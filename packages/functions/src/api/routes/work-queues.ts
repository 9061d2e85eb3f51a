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
    description:
      "Reads only claims with open denials, `limit` claims a page (at most 100); the groups are those of the page's claims, and `nextCursor` continues.",
    request: {
      query: z.object({
        practiceId: z.string().max(40).optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
        cursor: z.string().max(2000).optional(),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(denialGroupView), nextCursor: z.string().nullable() }),
        "Reason groups, largest amount first",
      ),
      ...errors,
    },
  }),
  async (c) => {
    const { practiceId, limit, cursor } = c.req.valid("query");
    return c.json(await denialsQueue(c.get("principal"), practiceId, { limit, cursor }), 200);
  },
);
