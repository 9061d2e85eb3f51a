import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { claimView } from "@claimledger/core/claim/index.ts";
import {
  denialActionInput,
  denialActionView,
  denialResolutionInput,
  denialResolutionView,
  recordDenialAction,
  resolveDenial,
} from "@claimledger/core/remittance/index.ts";
import type { AppEnv } from "../env.ts";
import { followUpTasks } from "./_follow-up.ts";
import { idParam, jsonResponse, writeErrors, jsonBody } from "./_shared.ts";

/** /v1/claims/{id}/denial-*: a biller's decision on a denial, and its resolution. */
export const claimDenials = new OpenAPIHono<AppEnv>();
const tags = ["Claims"];
const params = idParam("claimId", "CL");

claimDenials.openapi(
  createRoute({
    method: "post",
    path: "/v1/claims/{claimId}/denial-resolution",
    tags,
    summary: "Resolve an open denial: write it off with a reason, or bill it to the patient (owner, biller)",
    description:
      "A denied amount stays in insurance A/R (the `denied` bucket) until a person resolves it here. The resolution is a new ledger entry (`denial_write_off` or `denial_to_patient`) naming who made it and why, written with the claim's balances and history; `amountCents` defaults to all that is open.",
    request: { params, body: jsonBody(denialResolutionInput) },
    responses: {
      201: jsonResponse(denialResolutionView, "The resolution and the claim's balances after it"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.get("principal");
    const resolved = await resolveDenial(p, c.req.valid("param").claimId, c.req.valid("json"));
    // Its work_denial task closes now (a resolution writes no event).
    await followUpTasks(p.tenantId, [resolved.claimId]);
    return c.json(resolved, 201);
  },
);

claimDenials.openapi(
  createRoute({
    method: "post",
    path: "/v1/claims/{claimId}/denial-action",
    tags: ["Remittances"],
    summary:
      "Record the biller's decision on a denial: correct_and_resubmit, appeal, bill_patient, write_off or bill_other_payer",
    request: {
      params: idParam("claimId", "CL"),
      body: { required: true, content: { "application/json": { schema: denialActionInput } } },
    },
    responses: {
      200: jsonResponse(claimView.extend({ denialAction: denialActionView }), "The claim with its recorded action"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const {
      fingerprint: _f,
      denials: _d,
      primaryClaimId: _p,
      ...claim
    } = await recordDenialAction(c.get("principal"), c.req.valid("param").claimId, c.req.valid("json"));
    return c.json(claim, 200);
  },
);
