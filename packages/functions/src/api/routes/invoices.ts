import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  finalizeInvoice,
  getInvoice,
  invoiceRunView as run,
  invoiceSummaryView,
  invoiceView,
  listInvoices,
  moveInvoice,
  redrawPacket,
  voidInvoice,
  getInvoiceRun,
  invoiceRunInput,
  period,
  startInvoiceRun,
} from "@claimledger/core/invoice/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

export const invoices = new OpenAPIHono<AppEnv>();
const tags = ["Month close"];
const invoiceParams = idParam("practiceId", "prc").extend({ period });
const invoice = invoiceView;

invoices.openapi(
  createRoute({
    method: "post",
    path: "/v1/invoice-runs",
    tags,
    summary: "Run month close for a period: draft every practice's collections invoice",
    description:
      "Queues one job per active practice (or per listed practice). Each drafts the practice's invoice for the month from its ledger, or recomputes the draft if there is one; a finalized invoice is left alone, so a run may be repeated. The same run starts by itself at 06:00 UTC on the 1st for the month before.",
    request: { headers: idempotencyHeader, body: jsonBody(invoiceRunInput) },
    responses: { 202: jsonResponse(run, "The run, started"), ...writeErrors },
  }),
  async (c) => c.json(await startInvoiceRun(c.get("principal"), c.req.valid("json")), 202),
);

invoices.openapi(
  createRoute({
    method: "get",
    path: "/v1/invoice-runs/{runId}",
    tags,
    summary: "A run's progress: practices done, failed (with the reason) and still running",
    request: { params: idParam("runId", "run") },
    responses: { 200: jsonResponse(run, "The run"), ...errors },
  }),
  async (c) => c.json(await getInvoiceRun(c.get("principal"), c.req.valid("param").runId), 200),
);

invoices.openapi(
  createRoute({
    method: "get",
    path: "/v1/invoices",
    tags,
    summary: "Invoices of a period across practices, or every invoice of one practice",
    description:
      "A practice key sees its own practice's invoices only. Voided invoices are listed with slot `void-<number>`.",
    request: { query: z.object({ period: period.optional(), practiceId: z.string().max(40).optional() }) },
    responses: { 200: jsonResponse(z.object({ items: z.array(invoiceSummaryView) }), "Invoices"), ...errors },
  }),
  async (c) => c.json(await listInvoices(c.get("principal"), c.req.valid("query")), 200),
);

invoices.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/invoices/{period}",
    tags,
    summary: "A practice's invoice for a month, with download links (JSON, CSV of every counted ledger entry, PDF)",
    request: { params: invoiceParams },
    responses: { 200: jsonResponse(invoice, "The invoice"), ...errors },
  }),
  async (c) => {
    const { practiceId, period: month } = c.req.valid("param");
    return c.json(await getInvoice(c.get("principal"), practiceId, month), 200);
  },
);

const move = (
  path: string,
  summary: string,
  description: string,
  act: (
    c: { practiceId: string; period: string },
    p: AppEnv["Variables"]["principal"],
    body: unknown,
  ) => ReturnType<typeof getInvoice>,
  body?: z.ZodType,
) =>
  invoices.openapi(
    createRoute({
      method: "post",
      path: `/v1/practices/{practiceId}/invoices/{period}/${path}`,
      tags,
      summary,
      description,
      request: { params: invoiceParams, headers: idempotencyHeader, ...(body ? { body: jsonBody(body) } : {}) },
      responses: { 200: jsonResponse(invoice, "The invoice"), ...writeErrors },
    }),
    async (c) =>
      c.json(await act(c.req.valid("param"), c.get("principal"), body ? await c.req.json() : undefined), 200),
  );

move(
  "finalize",
  "Finalize a draft: recompute, number it, freeze it (owner only)",
  "Closes the month for posting first, so a payment arriving during or after finalize books into the next month and is billed there as a prior-period adjustment. Numbers are per company and have no gaps.",
  (k, p) => finalizeInvoice(p, k.practiceId, k.period),
);
move("send", "Mark a finalized invoice as sent to the practice", "finalized -> sent", (k, p) =>
  moveInvoice(p, k.practiceId, k.period, "send"),
);
move("pay", "Mark an invoice as paid by the practice", "finalized or sent -> paid", (k, p) =>
  moveInvoice(p, k.practiceId, k.period, "pay"),
);
const voidBody = z.strictObject({ reason: z.string().trim().min(3).max(300) });
move(
  "void",
  "Void a finalized or sent invoice (owner only); the month reopens for a replacement",
  "The voided invoice keeps its number. Run the period again to draft the replacement, which gets the next number when finalized.",
  (k, p, b) => voidInvoice(p, k.practiceId, k.period, voidBody.parse(b).reason),
  voidBody,
);

invoices.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/invoices/{period}/packet:redraw",
    tags,
    summary: "Draw a finalized invoice's month-end packet again (owner, biller)",
    description:
      "Queues the packet for the invoice worker, as finalize does: after a lost or failed draw, or a contract schedule loaded since. The invoice's packetUrl keeps the packet in place until the new one is written.",
    request: { params: invoiceParams },
    responses: { 202: jsonResponse(invoice, "The invoice; its packet is being drawn"), ...writeErrors },
  }),
  async (c) => {
    const { practiceId, period: month } = c.req.valid("param");
    return c.json(await redrawPacket(c.get("principal"), practiceId, month), 202);
  },
);
