import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  feeAdvice,
  feeAdviceCsv,
  feeAdviceView,
  payerMix,
  payerMixCsv,
  payerMixView,
  reimbursementByCode,
  reimbursementCsv,
  reimbursementView,
  underpaidByPayer,
  underpaidCsv,
  underpaidView,
} from "@claimledger/core/report/index.ts";
import { period as month } from "@claimledger/core/invoice/index.ts";
import { isoDate as date } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors } from "./_shared.ts";

/** The reports on what payers pay against their contracts: payer mix, reimbursement, fee advice, underpaid money. */
export const contractReports = new OpenAPIHono<AppEnv>();
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
const dates = z.object({ from: date, to: date, practiceId, format });

contractReports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/payer-mix",
    tags,
    summary:
      "Payer mix per practice and month of service: each payer's charges, payments to date, share of payments and average days to pay",
    request: { query: z.object({ from: month, to: month, practiceId, format }) },
    responses: csvOrJson(payerMixView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await payerMix(c.get("principal"), q);
    return send(c, r, () => payerMixCsv(r), q.format, `payer-mix-${q.from}-${q.to}`);
  },
);

contractReports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/reimbursement",
    tags,
    summary:
      "Reimbursement by code and payer for services in a date range: volume, average charge, allowed and paid, paid as % of charge and of the contract, denial rate, days to pay",
    request: { query: dates },
    responses: csvOrJson(reimbursementView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await reimbursementByCode(c.get("principal"), q);
    return send(c, r, () => reimbursementCsv(r), q.format, `reimbursement-${q.from}-${q.to}`);
  },
);

contractReports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/fee-advice",
    tags,
    summary:
      "Fee advice per code: charges below what a payer allows, far above what all allow, denial rates that stand out; a suggested fee with its rule in words",
    request: { query: dates },
    responses: csvOrJson(feeAdviceView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await feeAdvice(c.get("principal"), q);
    return send(c, r, () => feeAdviceCsv(r), q.format, `fee-advice-${q.from}-${q.to}`);
  },
);

contractReports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/underpayments",
    tags,
    summary: "Underpaid money per practice and payer for services in a date range, by the status of the work on it",
    request: { query: dates },
    responses: csvOrJson(underpaidView),
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await underpaidByPayer(c.get("principal"), q);
    return send(c, r, () => underpaidCsv(r), q.format, `underpayments-${q.from}-${q.to}`);
  },
);
