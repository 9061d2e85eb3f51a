import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  appealInput,
  appealListQuery,
  appealPatch,
  appealView,
  claimAppeals,
  createAppeal,
  getAppeal,
  listAppeals,
  markSent,
  outcomeInput,
  recordOutcome,
  sentInput,
  updateAppeal,
  withdrawAppeal,
  withdrawInput,
  type AppealView,
} from "@claimledger/core/appeal/index.ts";
import type { AppEnv } from "../env.ts";
import { followUpTasks } from "./_follow-up.ts";
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

/** /v1/claims/{id}/appeals and /v1/appeals: appeals of denied claims, from the draft to the payment. */
export const appeals = new OpenAPIHono<AppEnv>();
const tags = ["Appeals"];
const params = idParam("appealId", "apl");

/** Its automatic appeal task follows every change (the appeal.* event's fan-out does it too). */
const answered = async (tenantId: string, a: AppealView) => {
  await followUpTasks(tenantId, [a.claimId]);
  return a;
};

appeals.openapi(
  createRoute({
    method: "post",
    path: "/v1/claims/{claimId}/appeals",
    tags,
    summary: "Appeal a denied claim, or some of its lines (owner, biller): a draft with its letter",
    description:
      "Level 1 (reconsideration; Medicare: redetermination), 2, or 3 (external review; default: the level after the last decision). The amount is the denied money still open that no other open appeal holds (`lineIds`: on those lines; a next level: what the last decision left unpaid). The deadline is the payer's `appealDays` (default 180) from the date of the 835 that denied it, or from the decision a next level appeals. The letter's template follows the CARC codes (`family`), unless given. `argument` is the biller's case, a string a paragraph. Audited; `appeal.created`.",
    request: { params: idParam("claimId", "CL"), headers: idempotencyHeader, body: jsonBody(appealInput) },
    responses: { 201: jsonResponse(appealView, "The draft appeal"), ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    const a = await createAppeal(p, c.req.valid("param").claimId, c.req.valid("json"));
    return c.json(withEtag(c, await answered(p.tenantId, a)), 201);
  },
);

appeals.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims/{claimId}/appeals",
    tags,
    summary: "A claim's appeals, oldest first",
    request: { params: idParam("claimId", "CL") },
    responses: { 200: jsonResponse(z.object({ items: z.array(appealView) }), "Appeals"), ...errors },
  }),
  async (c) => c.json({ items: await claimAppeals(c.get("principal"), c.req.valid("param").claimId) }, 200),
);

appeals.openapi(
  createRoute({
    method: "get",
    path: "/v1/appeals",
    tags,
    summary: "Open (or closed) appeals, soonest deadline first",
    description: "A practice principal sees its own practice's.",
    request: { query: appealListQuery },
    responses: { 200: jsonResponse(pageOf(appealView), "Appeals"), ...errors },
  }),
  async (c) => c.json(await listAppeals(c.get("principal"), c.req.valid("query")), 200),
);

appeals.openapi(
  createRoute({
    method: "get",
    path: "/v1/appeals/{appealId}",
    tags,
    summary: "One appeal with links to its letter and attachments (ETag = version)",
    request: { params },
    responses: { 200: jsonResponse(appealView, "The appeal"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getAppeal(c.get("principal"), c.req.valid("param").appealId)), 200),
);

appeals.openapi(
  createRoute({
    method: "patch",
    path: "/v1/appeals/{appealId}",
    tags,
    summary: "Change a draft's argument, letter family or deadline (If-Match); its letter is written again",
    request: { params, body: jsonBody(appealPatch) },
    responses: { 200: jsonResponse(appealView, "The appeal"), 428: errors[400], ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    const a = await updateAppeal(p, c.req.valid("param").appealId, c.req.valid("json"), ifMatch(c));
    return c.json(withEtag(c, await answered(p.tenantId, a)), 200);
  },
);

const steps = [
  {
    path: "sent",
    body: sentInput,
    summary: "The appeal went to the payer: the date and how (fax, mail, portal, electronic) (If-Match)",
    run: markSent,
  },
  {
    path: "outcome",
    body: outcomeInput,
    summary:
      "The payer's decision (If-Match): overturned (the payment expected is recorded; the 835 that pays it closes the appeal), partially overturned (`expectedCents`), or upheld (the view then says the next level and its deadline; or write the denial off)",
    run: recordOutcome,
  },
  {
    path: "withdraw",
    body: withdrawInput,
    summary: "Withdraw an open appeal, with the reason (If-Match)",
    run: withdrawAppeal,
  },
] as const;

for (const step of steps)
  appeals.openapi(
    createRoute({
      method: "post",
      path: `/v1/appeals/{appealId}/${step.path}`,
      tags,
      summary: step.summary,
      request: { params, body: jsonBody(step.body) },
      responses: { 200: jsonResponse(appealView, "The appeal"), 428: errors[400], ...writeErrors },
    }),
    async (c) => {
      const p = c.get("principal");
      const run = step.run as (p: unknown, id: string, body: unknown, v?: number) => Promise<AppealView>;
      const a = await run(p, c.req.valid("param").appealId, c.req.valid("json"), ifMatch(c));
      return c.json(withEtag(c, await answered(p.tenantId, a)), 200);
    },
  );
