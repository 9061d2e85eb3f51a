import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  createEligibilityBatch,
  eligibilityBatchInput,
  eligibilityBatchView,
  eligibilityCheckInput,
  eligibilityCheckView,
  getCheck,
  getEligibilityBatch,
  listEligibilityBatches,
  parseSchedule,
  patientEligibility,
  patientEligibilityView,
  requestEligibility,
} from "@claimledger/core/eligibility/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

export const eligibility = new OpenAPIHono<AppEnv>();
const tags = ["Eligibility"];

eligibility.openapi(
  createRoute({
    method: "post",
    path: "/v1/eligibility-checks",
    tags,
    summary: "Check one coverage's eligibility and benefits (270/271)",
    description:
      "Asks the payer through the company's clearinghouse whether the coverage is active on the date of service and what the plan pays. With a clearinghouse that answers in real time (the sandbox) the answer is in the response (201, status `answered`); otherwise the 270 is queued and sent (202, status `queued`) and `GET /v1/eligibility-checks/{checkId}` shows the answer once the 271 has come back. The latest answer per coverage is what the scrubber's `eligibility.271` rule reads.",
    request: { headers: idempotencyHeader, body: jsonBody(eligibilityCheckInput) },
    responses: {
      201: jsonResponse(eligibilityCheckView, "Asked and answered"),
      202: jsonResponse(eligibilityCheckView, "Queued; the answer comes with the 271"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const check = await requestEligibility(c.get("principal"), c.req.valid("json"));
    c.header("Location", `/v1/eligibility-checks/${check.checkId}`);
    return check.status === "answered" ? c.json(check, 201) : c.json(check, 202);
  },
);

eligibility.openapi(
  createRoute({
    method: "get",
    path: "/v1/eligibility-checks/{checkId}",
    tags,
    summary: "An eligibility check and the payer's answer",
    request: { params: idParam("checkId", "elg") },
    responses: { 200: jsonResponse(eligibilityCheckView, "The check"), ...errors },
  }),
  async (c) => c.json(await getCheck(c.get("principal"), c.req.valid("param").checkId), 200),
);

eligibility.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/patients/{patientId}/eligibility",
    tags,
    summary: "A patient's coverages with the latest eligibility answer each, and their last 25 checks",
    request: { params: idParam("practiceId", "prc").extend(idParam("patientId", "pat").shape) },
    responses: { 200: jsonResponse(patientEligibilityView, "Eligibility by coverage"), ...errors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await patientEligibility(c.get("principal"), practiceId, patientId), 200);
  },
);

eligibility.openapi(
  createRoute({
    method: "post",
    path: "/v1/eligibility-batches",
    tags,
    summary: "Check a list of upcoming visits (tomorrow's schedule), through SQS",
    description:
      "Every visit is checked first: any that names no patient or coverage of the practice answers 422 naming it, and nothing is queued. Then the checks run 50 to a worker message; the batch counts them as they are answered. A schedule export can be sent as CSV instead: `POST /v1/practices/{practiceId}/eligibility-batches:import`.",
    request: { headers: idempotencyHeader, body: jsonBody(eligibilityBatchInput) },
    responses: { 202: jsonResponse(eligibilityBatchView, "Queued"), ...writeErrors },
  }),
  async (c) => {
    const batch = await createEligibilityBatch(c.get("principal"), c.req.valid("json"));
    c.header("Location", `/v1/eligibility-batches/${batch.batchId}`);
    return c.json(batch, 202);
  },
);

eligibility.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/eligibility-batches:import",
    tags,
    summary: "Check a schedule export (CSV, one visit a row), through SQS",
    description:
      "Columns (header row, any order): `patient_id`, `date_of_service` (YYYY-MM-DD) and optional `coverage` (primary, secondary, tertiary; default primary). The whole file is checked first: any error answers 422 naming row and column, and nothing is queued.",
    request: {
      params: idParam("practiceId", "prc"),
      headers: idempotencyHeader,
      body: { required: true, content: { "text/csv": { schema: z.string() } } },
    },
    responses: { 202: jsonResponse(eligibilityBatchView, "Queued"), ...writeErrors },
  }),
  async (c) => {
    const visits = parseSchedule(await c.req.text());
    const batch = await createEligibilityBatch(c.get("principal"), {
      practiceId: c.req.valid("param").practiceId,
      visits,
    });
    c.header("Location", `/v1/eligibility-batches/${batch.batchId}`);
    return c.json(batch, 202);
  },
);

eligibility.openapi(
  createRoute({
    method: "get",
    path: "/v1/eligibility-batches/{batchId}",
    tags,
    summary: "A batch of checks: its counts and each check",
    request: { params: idParam("batchId", "elb") },
    responses: { 200: jsonResponse(eligibilityBatchView, "The batch"), ...errors },
  }),
  async (c) => c.json(await getEligibilityBatch(c.get("principal"), c.req.valid("param").batchId), 200),
);

eligibility.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/eligibility-batches",
    tags,
    summary: "A practice's last 50 eligibility batches, newest first",
    request: { params: idParam("practiceId", "prc") },
    responses: { 200: jsonResponse(z.object({ items: z.array(eligibilityBatchView) }), "Batches"), ...errors },
  }),
  async (c) => c.json(await listEligibilityBatches(c.get("principal"), c.req.valid("param").practiceId), 200),
);
