import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  getStatementRun,
  listStatementRuns,
  startStatementRun,
  statementRunInput,
  statementRunView,
} from "@claimledger/core/patientbilling/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

/** /v1/statement-runs: the statement cycle's batch job. */
export const statementRuns = new OpenAPIHono<AppEnv>();
const tags = ["Patient billing"];

statementRuns.openapi(
  createRoute({
    method: "post",
    path: "/v1/statement-runs",
    tags,
    summary: "Run the statement cycle for one practice or the whole company",
    description:
      "Queues one job per practice. Each sends every patient due a statement (first, reminder or final notice, by the practice's settings) one PDF, records it on the patient, and skips patients who owe nothing, whose balance is pending a secondary payer, who are on a payment plan in good standing or placed with an agency. When every practice is done the run holds one print-ready PDF of all its statements. The same run starts by itself at 07:00 UTC on the 2nd.",
    request: { headers: idempotencyHeader, body: jsonBody(statementRunInput) },
    responses: { 202: jsonResponse(statementRunView, "The run, started"), ...writeErrors },
  }),
  async (c) => {
    const run = await startStatementRun(c.get("principal"), c.req.valid("json"));
    c.header("Location", `/v1/statement-runs/${run.runId}`);
    return c.json(run, 202);
  },
);

statementRuns.openapi(
  createRoute({
    method: "get",
    path: "/v1/statement-runs",
    tags,
    summary: "The latest statement runs, newest first",
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(statementRunView) }), "Runs"), ...errors },
  }),
  async (c) => c.json(await listStatementRuns(c.get("principal"), c.req.valid("query").limit), 200),
);

statementRuns.openapi(
  createRoute({
    method: "get",
    path: "/v1/statement-runs/{runId}",
    tags,
    summary: "A run's counts (sent, skipped by reason, amount due) and the link to its combined PDF",
    request: { params: idParam("runId", "srn") },
    responses: { 200: jsonResponse(statementRunView, "The run"), ...errors },
  }),
  async (c) => c.json(await getStatementRun(c.get("principal"), c.req.valid("param").runId), 200),
);
