import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  claimHistory,
  getClaim,
  listClaims,
  requestTransition,
  claimPatch,
  editClaim,
  correctClaim,
  correctionInput,
  CLAIM_STATUSES,
  claimView,
} from "@claimledger/core/claim/index.ts";
import { isoDate } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { addDays, isoDateOf, todayIn } from "@claimledger/core/shared/dates.ts";
import { getPractice } from "@claimledger/core/practice/index.ts";
import { followUpTasks } from "./_follow-up.ts";
import { errors, idParam, ifMatch, jsonBody, jsonResponse, pageOf, withEtag, writeErrors } from "./_shared.ts";

export const claims = new OpenAPIHono<AppEnv>();
const tags = ["Claims"];
const params = idParam("claimId", "CL");

const listParams = z.object({
  practiceId: z.string().max(40).optional(),
  status: z.enum(CLAIM_STATUSES).optional(),
  payerId: z.string().max(40).optional(),
  serviceDateFrom: isoDate.optional(),
  serviceDateTo: isoDate.optional(),
  minAgeDays: z.coerce.number().int().min(0).max(3650).optional().openapi({
    description:
      "Only claims whose date of service is at least this many days ago: today where the practice is, when one practice is asked for (or the key is a practice's), else today in UTC",
  }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});

// What the claim keeps for the screens (denial reasons, its primary claim) is not part of its view.
const strip = ({ fingerprint: _f, denials: _d, primaryClaimId: _p, ...c }: Awaited<ReturnType<typeof getClaim>>) => c;

claims.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims",
    tags,
    summary: "List claims, newest date of service first",
    description:
      "Filter by practiceId and/or status (at least one), payerId, date-of-service range and age. `status=needs_review` is the review work queue: each claim carries its findings. A practice key sees its own practice only.",
    request: { query: listParams },
    responses: { 200: jsonResponse(pageOf(claimView), "Claims"), ...errors },
  }),
  async (c) => {
    const { minAgeDays, ...q } = c.req.valid("query");
    let serviceDateTo = q.serviceDateTo;
    if (minAgeDays !== undefined) {
      const practiceId = c.get("principal").practiceId ?? q.practiceId;
      const today = practiceId
        ? todayIn((await getPractice(c.get("principal"), practiceId)).timeZone)
        : isoDateOf(new Date());
      const cutoff = addDays(today, -minAgeDays);
      if (!serviceDateTo || cutoff < serviceDateTo) serviceDateTo = cutoff;
    }
    const page = await listClaims(c.get("principal"), { ...q, serviceDateTo });
    return c.json({ items: page.items.map(strip), nextCursor: page.nextCursor }, 200);
  },
);

claims.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims/{claimId}",
    tags,
    summary: "Get a claim with its scrub findings (ETag = version)",
    request: { params },
    responses: { 200: jsonResponse(claimView, "The claim"), ...errors },
  }),
  async (c) => c.json(withEtag(c, strip(await getClaim(c.get("principal"), c.req.valid("param").claimId))), 200),
);

claims.openapi(
  createRoute({
    method: "patch",
    path: "/v1/claims/{claimId}",
    tags,
    summary: "Edit a claim that has not gone to the payer (If-Match required); the scrubber runs again",
    request: { params, body: jsonBody(claimPatch) },
    responses: { 200: jsonResponse(claimView, "The edited, re-scrubbed claim"), 428: errors[400], ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(
        c,
        strip(await editClaim(c.get("principal"), c.req.valid("param").claimId, c.req.valid("json"), ifMatch(c))),
      ),
      200,
    ),
);

claims.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims/{claimId}/history",
    tags,
    summary: "Every status change and edit: who, from, to, why, when",
    request: { params },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(
            z.object({
              at: z.string(),
              eventId: z.string(),
              actor: z.string(),
              kind: z.string(),
              from: z.string().optional(),
              to: z.string().optional(),
              reason: z.string().optional(),
              fields: z.array(z.string()).optional(),
            }),
          ),
        }),
        "History, oldest first",
      ),
      ...errors,
    },
  }),
  async (c) => c.json({ items: await claimHistory(c.get("principal"), c.req.valid("param").claimId) }, 200),
);

claims.openapi(
  createRoute({
    method: "post",
    path: "/v1/claims/{claimId}/status",
    tags,
    summary: "Hold, release for review, close, or void a claim that has not reached a payer",
    request: {
      params,
      body: jsonBody(
        z.strictObject({
          to: z.enum(["on_hold", "needs_review", "closed", "voided"]),
          reason: z.string().trim().min(1).max(200),
        }),
      ),
    },
    responses: { 200: jsonResponse(claimView, "The claim in its new status"), ...writeErrors },
  }),
  async (c) => {
    const { to, reason } = c.req.valid("json");
    const p = c.get("principal");
    const moved = await requestTransition(p, c.req.valid("param").claimId, to, reason, ifMatch(c));
    await followUpTasks(p.tenantId, [moved.claimId]);
    return c.json(withEtag(c, strip(moved)), 200);
  },
);

for (const kind of ["replacement", "void"] as const) {
  claims.openapi(
    createRoute({
      method: "post",
      path: `/v1/claims/{claimId}/${kind}`,
      tags,
      summary:
        kind === "replacement"
          ? "Send a corrected claim (frequency 7) for a claim the payer has"
          : "Void a claim the payer has (frequency 8)",
      description:
        "Creates a new claim pointing at the payer's claim control number (REF*F8); the original becomes `" +
        (kind === "replacement" ? "corrected" : "voided") +
        "`. The new claim goes out in the next batch.",
      request: { params, body: jsonBody(correctionInput) },
      responses: {
        201: jsonResponse(z.object({ original: claimView, correction: claimView }), "The original and its correction"),
        ...writeErrors,
      },
    }),
    async (c) => {
      const r = await correctClaim(c.get("principal"), c.req.valid("param").claimId, kind, c.req.valid("json"));
      await followUpTasks(c.get("principal").tenantId, [r.original.claimId]);
      return c.json({ original: strip(r.original), correction: strip(r.correction) }, 201);
    },
  );
}
