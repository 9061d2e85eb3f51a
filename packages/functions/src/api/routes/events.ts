import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { EVENT_TYPES, eventView, listEvents, type EventType } from "@claimledger/core/event/index.ts";
import { invalid } from "@claimledger/core/shared/errors.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonResponse, pageOf } from "./_shared.ts";

export const events = new OpenAPIHono<AppEnv>();

const query = z.object({
  after: z
    .string()
    .max(40)
    .optional()
    .openapi({ description: "An event id: the events after it (the last one you have, or `nextCursor`)" }),
  types: z
    .string()
    .max(1000)
    .optional()
    .openapi({ description: `Comma-separated event types: ${EVENT_TYPES.join(", ")}` }),
  practiceId: z.string().max(40).optional().openapi({ description: "Only this practice's events" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

events.openapi(
  createRoute({
    method: "get",
    path: "/v1/events",
    tags: ["Events"],
    summary: "Events, oldest first after a cursor (a practice principal: its practice's only)",
    description:
      "Each state change a client cares about, written with the change itself. Ids and status only, never PHI: fetch the record for details. Kept 30 days. Keep the last event id you processed and ask with `after=` it; `nextCursor` is null once you are caught up.",
    request: { query },
    responses: { 200: jsonResponse(pageOf(eventView), "Events"), ...errors },
  }),
  async (c) => {
    const { types, ...q } = c.req.valid("query");
    const list = types ? types.split(",").map((t) => t.trim()) : undefined;
    const unknown = list?.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
    if (unknown?.length)
      throw invalid(unknown.map((t) => ({ path: "query.types", message: `unknown event type ${t}` })));
    return c.json(await listEvents(c.get("principal"), { ...q, types: list as EventType[] | undefined }), 200);
  },
);
