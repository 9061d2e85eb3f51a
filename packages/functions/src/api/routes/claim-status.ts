import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { getStatusInquiry, inquiryRunView, requestStatusInquiry } from "@claimledger/core/claimstatus/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, jsonResponse, writeErrors } from "./_shared.ts";

/** Claim status inquiries (276/277): ask the payer about a claim now, and follow the run. */
export const claimStatus = new OpenAPIHono<AppEnv>();
const tags = ["Claims"];

claimStatus.openapi(
  createRoute({
    method: "post",
    path: "/v1/claims/{claimId}/status-inquiries",
    tags,
    summary: "Ask the payer about a claim now (a 276); the answer (277) lands on the claim's payerStatus",
    description:
      "For a submitted or accepted claim (409 otherwise). Queued for the status-inquiry worker, which sends the 276 through the company's clearinghouse; the payer's 277 comes back with the next poll and is recorded on the claim (`GET /v1/claims/{id}`: `payerStatus`, and its history) without changing the claim's status. Claims that wait for an 835 longer than their payer's `statusInquiryDays` (default 30) are asked about daily anyway.",
    request: { params: idParam("claimId", "CL") },
    responses: { 202: jsonResponse(inquiryRunView, "Status inquiry queued"), ...writeErrors },
  }),
  async (c) => c.json(await requestStatusInquiry(c.get("principal"), c.req.valid("param").claimId), 202),
);

const runParam = z.object({
  runId: z
    .string()
    .max(60)
    .openapi({ param: { name: "runId", in: "path" }, example: "sti_20250610" }),
});

claimStatus.openapi(
  createRoute({
    method: "get",
    path: "/v1/status-inquiries/{runId}",
    tags,
    summary: "A status inquiry run: the claims it asked about, its 276 file and when it left",
    request: { params: runParam },
    responses: { 200: jsonResponse(inquiryRunView, "The run"), ...errors },
  }),
  async (c) => c.json(await getStatusInquiry(c.get("principal"), c.req.valid("param").runId), 200),
);
