import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  changeUnderpaymentStatus,
  getUnderpayment,
  getUnderpaymentSettings,
  listUnderpayments,
  putUnderpaymentSettings,
  underpaymentLetter,
  underpaymentListQuery,
  underpaymentSettingsInput,
  underpaymentSettingsView,
  underpaymentStatusInput,
  underpaymentView,
} from "@claimledger/core/contract/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, ifMatch, jsonBody, jsonResponse, pageOf, withEtag, writeErrors } from "./_shared.ts";

/** Lines an 835 allowed below their contract, and the work on them. */
export const underpayments = new OpenAPIHono<AppEnv>();
const tags = ["Underpayments"];
const params = idParam("underpaymentId", "up");

underpayments.openapi(
  createRoute({
    method: "get",
    path: "/v1/underpayments",
    tags,
    summary: "Underpaid lines by status, then date of service (a practice key: its own practice)",
    request: { query: underpaymentListQuery },
    responses: { 200: jsonResponse(pageOf(underpaymentView), "A page of underpayments"), ...errors },
  }),
  async (c) => c.json(await listUnderpayments(c.get("principal"), c.req.valid("query")), 200),
);

underpayments.openapi(
  createRoute({
    method: "get",
    path: "/v1/underpayments/{underpaymentId}",
    tags,
    summary: "One underpaid line: expected, allowed, paid, shortfall, the 835 it came in (ETag = version)",
    request: { params },
    responses: { 200: jsonResponse(underpaymentView, "The underpayment"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getUnderpayment(c.get("principal"), c.req.valid("param").underpaymentId)), 200),
);

underpayments.openapi(
  createRoute({
    method: "get",
    path: "/v1/underpayments/{underpaymentId}/letter.pdf",
    tags,
    summary: "The request to reprocess the claim at the contracted rate, as a PDF to send the payer",
    description:
      "Every line of the claim the same 835 underpaid that is still open or appealed: its contract rate, expected, allowed, paid and shortfall, with the patient, claim, payer claim number and remittance date. Drawn on request, never stored. 409 when all of them are recovered or written off.",
    request: { params },
    responses: {
      200: {
        description: "The letter",
        content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...errors,
    },
  }),
  async (c) => {
    const { underpaymentId } = c.req.valid("param");
    const pdf = await underpaymentLetter(c.get("principal"), underpaymentId);
    return c.body(new Uint8Array(pdf), 200, {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="reprocessing-request-${underpaymentId}.pdf"`,
      "cache-control": "no-store",
    });
  },
);

underpayments.openapi(
  createRoute({
    method: "post",
    path: "/v1/underpayments/{underpaymentId}/status",
    tags,
    summary: "Move an underpayment: open, appealed, recovered, written_off (owner, biller)",
    description:
      "open and appealed move to any other status; recovered and written_off are final (409). `If-Match` guards against another's change.",
    request: { params, body: jsonBody(underpaymentStatusInput) },
    responses: { 200: jsonResponse(underpaymentView, "The underpayment"), ...writeErrors },
  }),
  async (c) =>
    c.json(
      withEtag(
        c,
        await changeUnderpaymentStatus(
          c.get("principal"),
          c.req.valid("param").underpaymentId,
          c.req.valid("json"),
          ifMatch(c),
        ),
      ),
      200,
    ),
);

underpayments.openapi(
  createRoute({
    method: "get",
    path: "/v1/underpayment-settings",
    tags,
    summary: "The tolerance per line below which a short allowed amount is not an underpayment (ETag = version)",
    responses: { 200: jsonResponse(underpaymentSettingsView, "The settings"), ...errors },
  }),
  async (c) => c.json(withEtag(c, await getUnderpaymentSettings(c.get("principal"))), 200),
);

underpayments.openapi(
  createRoute({
    method: "put",
    path: "/v1/underpayment-settings",
    tags,
    summary: "Set the company's tolerance per line and payers' own (owner)",
    description: "Applies to 835s posted from now on. `If-Match` (0 before the first) guards against another's change.",
    request: { body: jsonBody(underpaymentSettingsInput) },
    responses: { 200: jsonResponse(underpaymentSettingsView, "The settings"), ...writeErrors },
  }),
  async (c) =>
    c.json(withEtag(c, await putUnderpaymentSettings(c.get("principal"), c.req.valid("json"), ifMatch(c))), 200),
);
