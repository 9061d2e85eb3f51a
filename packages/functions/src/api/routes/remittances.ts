import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { receiveInbound } from "@claimledger/core/inbound/index.ts";
import { listRemittances, listSuspense, denialActionInput, denialsQueue, recordDenialAction, patientBalance, paymentInput, postPayment, createStatement } from "@claimledger/core/remittance/index.ts";
import { entriesOfClaim, entriesOfPracticeMonth } from "@claimledger/core/ledger/index.ts";
import { getClaim } from "@claimledger/core/claim/index.ts";
import { getPractice } from "@claimledger/core/practice/index.ts";
import { requireRole } from "@claimledger/core/shared/context.ts";
import { invalid } from "@claimledger/core/shared/errors.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const remittances = new OpenAPIHono<AppEnv>();
const tags = ["Remittances"];

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/remittances",
    tags,
    summary: "Upload an 835 ERA (raw X12 body, or multipart/form-data with the file in field `file`)",
    description: "Stored in S3 first under its SHA-256, then queued for posting. The same file twice, or the same payment (payer + TRN02 trace number) in another file, posts nothing twice. `GET /v1/inbound-files/{sha256}` shows the outcome.",
    request: { body: { required: true, content: { "application/edi-x12": { schema: z.string() }, "text/plain": { schema: z.string() } } } },
    responses: { 202: jsonResponse(z.object({ sha256: z.string(), kind: z.string(), duplicate: z.boolean() }), "Received"), ...writeErrors },
  }),
  async (c) => {
    const p = c.get("principal");
    requireRole(p, "owner", "biller");
    let text: string;
    if ((c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
      const file = (await c.req.parseBody())["file"];
      if (!(file instanceof File)) throw invalid([{ path: "file", message: "attach the 835 as the form field `file`" }]);
      text = await file.text();
    } else {
      text = await c.req.text();
    }
    if (!text.trimStart().startsWith("ISA")) throw invalid([{ path: "(body)", message: "an 835 file starts with an ISA segment" }]);
    return c.json(await receiveInbound(p.tenantId, text, "upload"), 202);
  },
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/remittances",
    tags,
    summary: "Payments received (one per 835 transaction), newest first: posting, posted, duplicate, unbalanced, or incomplete (envelope cut short or miscounted: nothing posted)",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(z.record(z.string(), z.unknown())), "Remittances"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    requireRole(p, "owner", "biller", "viewer");
    const q = c.req.valid("query");
    return c.json(await listRemittances(p.tenantId, q), 200);
  },
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/suspense",
    tags,
    summary: "Unapplied money: 835 claims with no matching claim, provider adjustments with no practice",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(z.record(z.string(), z.unknown())), "Suspense items"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    requireRole(p, "owner", "biller", "viewer");
    const q = c.req.valid("query");
    return c.json(await listSuspense(p.tenantId, q), 200);
  },
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims/{claimId}/ledger",
    tags,
    summary: "The claim's ledger entries: payments, adjustments by group and reason, patient responsibility",
    request: { params: idParam("claimId", "CL") },
    responses: { 200: jsonResponse(z.object({ balances: z.unknown(), items: z.array(z.record(z.string(), z.unknown())) }), "Ledger"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    const claim = await getClaim(p, c.req.valid("param").claimId);
    const data = await entriesOfClaim(p.tenantId, claim.claimId);
    return c.json({ balances: claim.balances ?? null, items: data.map(({ tenantId: _t, ...e }) => e) }, 200);
  },
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/ledger",
    tags,
    summary: "A practice's ledger for one deposit month: claim entries and provider-level (PLB) entries",
    request: {
      params: idParam("practiceId", "prc"),
      query: listQuery.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM") }),
    },
    responses: { 200: jsonResponse(pageOf(z.record(z.string(), z.unknown())), "Ledger entries"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    const { practiceId } = c.req.valid("param");
    await getPractice(p, practiceId);
    const { month, limit, cursor } = c.req.valid("query");
    return c.json(await entriesOfPracticeMonth(p.tenantId, practiceId, month, { limit, cursor }), 200);
  },
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/work-queues/denials",
    tags,
    summary: "Denied and partially paid claims grouped by reason (CARC), with a suggested next action",
    request: { query: z.object({ practiceId: z.string().max(40).optional() }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(z.record(z.string(), z.unknown())) }), "Reason groups, largest amount first"), ...errors },
  }),
  async (c) => c.json({ items: await denialsQueue(c.get("principal"), c.req.valid("query").practiceId) }, 200),
);

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/claims/{claimId}/denial-action",
    tags,
    summary: "Record the biller's decision on a denial: correct_and_resubmit, appeal, bill_patient, write_off or bill_other_payer",
    request: { params: idParam("claimId", "CL"), body: { required: true, content: { "application/json": { schema: denialActionInput } } } },
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), "The claim with its recorded action"), ...writeErrors },
  }),
  async (c) => {
    const { fingerprint: _f, ...claim } = await recordDenialAction(c.get("principal"), c.req.valid("param").claimId, c.req.valid("json"));
    return c.json(claim, 200);
  },
);

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/payments",
    tags: ["Payments"],
    summary: "Post a patient payment, a paper-EOB insurance payment, or a refund to claim lines",
    description: "Allocations must add up to the amount. The payment date decides the month the money is collected in. A patient payment may not exceed what the patient owes on the claim; a refund may not exceed what the patient paid.",
    request: { headers: idempotencyHeader, body: { required: true, content: { "application/json": { schema: paymentInput } } } },
    responses: { 201: jsonResponse(z.record(z.string(), z.unknown()), "Posted"), ...writeErrors },
  }),
  async (c) => c.json(await postPayment(c.get("principal"), c.req.valid("json")), 201),
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/patients/{patientId}/balance",
    tags: ["Payments"],
    summary: "What the patient owes, claim by claim, with what insurance paid",
    request: { params: idParam("practiceId", "prc").extend(idParam("patientId", "pat").shape) },
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), "Patient balance"), ...errors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await patientBalance(c.get("principal"), practiceId, patientId), 200);
  },
);

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/patients/{patientId}/statements",
    tags: ["Payments"],
    summary: "Issue a patient statement (JSON and PDF in S3, returned as 15-minute download links)",
    request: { params: idParam("practiceId", "prc").extend(idParam("patientId", "pat").shape) },
    responses: { 201: jsonResponse(z.record(z.string(), z.unknown()), "The statement with jsonUrl and pdfUrl"), ...writeErrors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await createStatement(c.get("principal"), practiceId, patientId), 201);
  },
);
