import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  allocateSuspense,
  getSuspenseItem,
  listSuspense,
  suspenseAllocationInput,
  suspenseListQuery,
  suspenseView,
} from "@claimledger/core/suspense/index.ts";
import { authorize } from "@claimledger/core/shared/permissions.ts";
import type { AppEnv } from "../env.ts";
import { followUpTasks } from "./_follow-up.ts";
import { errors, idParam, ifMatch, jsonBody, jsonResponse, pageOf, withEtag, writeErrors } from "./_shared.ts";

/** /v1/suspense: money that came in without a claim to put it on, and where it goes. */
export const suspense = new OpenAPIHono<AppEnv>();
const tags = ["Remittances"];
const params = idParam("itemId", "0123456789abcdef-1-C00001");

suspense.openapi(
  createRoute({
    method: "get",
    path: "/v1/suspense",
    tags,
    summary: "Unapplied money: 835 claims with no matching claim, provider adjustments with no practice",
    description: "`status`: open (money still to apply, refund or keep), resolved, or all (default).",
    request: { query: suspenseListQuery },
    responses: { 200: jsonResponse(pageOf(suspenseView), "Suspense items"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "remittance.read");
    return c.json(await listSuspense(p.tenantId, c.req.valid("query")), 200);
  },
);

suspense.openapi(
  createRoute({
    method: "get",
    path: "/v1/suspense/{itemId}",
    tags,
    summary: "One suspense item and where its money went (ETag = version)",
    request: { params },
    responses: { 200: jsonResponse(suspenseView, "The item"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getSuspenseItem(c.get("principal"), c.req.valid("param").itemId)), 200),
);

suspense.openapi(
  createRoute({
    method: "post",
    path: "/v1/suspense/{itemId}/allocations",
    tags,
    summary:
      "Apply suspense money to a claim (or split it over several), refund it to the payer, or keep it with a note (owner, biller; If-Match)",
    description:
      "Allocations add up to at most what is left of the item; the item is resolved when applied + refunded + kept is all of it. Applied money posts as an insurance payment on the claim from the original 835 (its `remittanceId`), booked into the 835's deposit month, or the next open month when that one is closed; a claim still `submitted` or `accepted` becomes `paid`. A refund is recorded with its reference (the money was never a practice's collection). A negative item (a takeback) is kept, with a note. Audited.",
    request: { params, body: jsonBody(suspenseAllocationInput) },
    responses: { 200: jsonResponse(suspenseView, "The item"), 428: errors[400], ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    const item = await allocateSuspense(p, c.req.valid("param").itemId, c.req.valid("json"), ifMatch(c));
    // A claim paid by it loses its follow-up task now (its claim.paid event's fan-out would, too).
    const claims = [...new Set(item.allocations.flatMap((a) => (a.claimId ? [a.claimId] : [])))];
    if (claims.length) await followUpTasks(p.tenantId, claims);
    return c.json(withEtag(c, item), 200);
  },
);
