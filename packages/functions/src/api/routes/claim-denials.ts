import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { claimView } from "@claimledger/core/claim/index.ts";
import { denialActionInput, denialActionView, recordDenialAction } from "@claimledger/core/remittance/index.ts";
import {
  denialResolutionInput,
  denialResolutionView,
  resolveDenial,
  writeOffRequestView,
} from "@claimledger/core/resolution/index.ts";
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
    summary:
      "Resolve an open denial, carried out (owner, biller): write off, bill the patient, a corrected claim, or a rebill to another payer",
    description:
      "A denied amount stays in insurance A/R (the `denied` bucket) until a person resolves it here; `amountCents` defaults to all that is open and not held by an open appeal. `write_off` (with `reasonCode`): a `denial_write_off` entry; above the company's `writeOffApprovalCents` a biller's write-off answers 202 with a request that waits for an owner (`/v1/write-off-requests`). `bill_patient`: a `denial_to_patient` entry. `corrected_claim`: a replacement claim (frequency 7) with the `fix`, the original `corrected`. `rebill`: a new claim to the patient's other coverage (`coverageId`, default the first with another payer) for the denied lines, the denied claim closed with the link. The last two move the denied amount to the new claim (`denial_transfer`). Each names who and why, with the claim's balances and history.",
    request: { params, body: jsonBody(denialResolutionInput) },
    responses: {
      201: jsonResponse(denialResolutionView, "The resolution and the claim's balances after it"),
      202: jsonResponse(
        z.object({ status: z.literal("pending_approval"), request: writeOffRequestView }),
        "A write-off over the approval amount, waiting for an owner",
      ),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.get("principal");
    const claimId = c.req.valid("param").claimId;
    const r = await resolveDenial(p, claimId, c.req.valid("json"));
    // Its work_denial task closes now (a resolution writes no claim event); a new claim's too.
    if (r.outcome === "pending_approval")
      return c.json({ status: "pending_approval" as const, request: r.request }, 202);
    await followUpTasks(p.tenantId, [claimId, ...(r.resolution.newClaimId ? [r.resolution.newClaimId] : [])]);
    return c.json(r.resolution, 201);
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
