import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  claimPerformance,
  collectionsByMonth,
  collectionsCsv,
  arAging,
  arAgingCsv,
  arAgingView,
  claimPerformanceView,
  collectionsReportView,
  getReportJob,
  reportJobInput,
  reportJobView,
  startReportJob,
  patientCollections,
  patientCollectionsCsv,
  patientCollectionsView,
  profitability,
  profitabilityCsv,
  profitabilityView,
} from "@claimledger/core/report/index.ts";
import { period as month } from "@claimledger/core/invoice/index.ts";
import { isoDate as date } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

export const reports = new OpenAPIHono<AppEnv>();
const tags = ["Reports"];
const practiceId = z
  .string()
  .max(40)
  .optional()
  .openapi({ description: "One practice (a practice key always sees only its own)" });
const format = z.enum(["json", "csv"]).default("json").openapi({ description: "csv for the table as a spreadsheet" });
const csvOrJson = (report: z.ZodType) => ({
  200: {
    description: "The report",
    content: { "application/json": { schema: report }, "text/csv": { schema: z.string() } },
  },
  ...errors,
});

const send = (c: Context, body: unknown, csv: () => string, fmt: "json" | "csv", name: string) =>
  fmt === "csv"
    ? c.body(csv(), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.csv"`,
      })
    : c.json(body as Record<string, unknown>, 200);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/ar-aging",
    tags,
    summary:
      "A/R aging by practice and payer: 0-30, 31-60, 61-90, 91-120, 120+ days from date of service and from submission; insurance and patient balances apart",
    request: { query: z.object({ asOf: date.optional(), practiceId, format }) },
    responses: csvOrJson(arAgingView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await arAging(c.get("principal"), q);
    return send(c, r, () => arAgingCsv(r), q.format, `ar-aging-${r.asOf}`);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/collections",
    tags,
    summary:
      "Collections by month by practice: charges, payments, refunds, recoupments, adjustments and net collection rate",
    request: { query: z.object({ from: month, to: month, practiceId, format }) },
    responses: csvOrJson(collectionsReportView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await collectionsByMonth(c.get("principal"), q);
    return send(c, r, () => collectionsCsv(r), q.format, `collections-${q.from}-${q.to}`);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/profitability",
    tags,
    summary:
      "Profitability for the billing company (owners): per practice and month, the fee earned against the work it took (claims sent, resubmissions, denials worked, appeals, statements, tasks, payments posted), fee per claim and per touch, and the practices whose fee per touch is below the company's cost per touch",
    request: { query: z.object({ from: month, to: month, practiceId, format }) },
    responses: csvOrJson(profitabilityView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await profitability(c.get("principal"), q);
    return send(c, r, () => profitabilityCsv(r), q.format, `profitability-${q.from}-${q.to}`);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/claims",
    tags,
    summary:
      "Claim performance for services in a date range: clean claim rate, first-pass resolution, denial rate by payer and reason, days in A/R, days to payment",
    request: { query: z.object({ from: date, to: date, practiceId }) },
    responses: { 200: jsonResponse(claimPerformanceView, "The report"), ...errors },
  }),
  async (c) => c.json(await claimPerformance(c.get("principal"), c.req.valid("query")), 200),
);

reports.openapi(
  createRoute({
    method: "post",
    path: "/v1/report-jobs",
    tags,
    summary:
      "Run a report as a job (for company-wide reports that read a lot): answered at once, computed by a worker, written to S3 as JSON and CSV",
    request: { body: jsonBody(reportJobInput) },
    responses: { 202: jsonResponse(reportJobView, "Queued: follow it at /v1/report-jobs/{jobId}"), ...writeErrors },
  }),
  async (c) => {
    const job = await startReportJob(c.get("principal"), c.req.valid("json"));
    c.header("Location", `/v1/report-jobs/${job.jobId}`);
    return c.json(job, 202);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/report-jobs/{jobId}",
    tags,
    summary: "A report job: queued, running, done (with links to the JSON and the CSV) or failed",
    request: {
      params: z.object({
        jobId: z
          .string()
          .max(40)
          .openapi({ param: { name: "jobId", in: "path" } }),
      }),
    },
    responses: { 200: jsonResponse(reportJobView, "The job"), ...errors },
  }),
  async (c) => c.json(await getReportJob(c.get("principal"), c.req.valid("param").jobId), 200),
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/patient-collections",
    tags,
    summary:
      "Patient collections by month and practice: statements sent, patient payments and refunds, accounts placed with agencies, what agencies recovered, their fees and what the practice kept",
    request: { query: z.object({ from: month, to: month, practiceId, format }) },
    responses: csvOrJson(patientCollectionsView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await patientCollections(c.get("principal"), q);
    return send(c, r, () => patientCollectionsCsv(r), q.format, `patient-collections-${q.from}-${q.to}`);
  },
);
