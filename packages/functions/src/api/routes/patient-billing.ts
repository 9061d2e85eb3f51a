import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  deskPayment,
  deskPaymentInput,
  getStatementSettings,
  putStatementSettings,
  statementHistory,
  statementRecordView,
  statementSettingsInput,
  statementSettingsView,
} from "@claimledger/core/patientbilling/index.ts";
import { paymentView } from "@claimledger/core/remittance/index.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

/** A practice's statement settings, and a patient's desk payments and statement history. */
export const patientBilling = new OpenAPIHono<AppEnv>();
const tags = ["Patient billing"];
const practiceParam = idParam("practiceId", "prc");
const params = practiceParam.extend(idParam("patientId", "pat").shape);

patientBilling.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/statement-settings",
    tags,
    summary:
      "The practice's statement cycle: days between statements, reminders before the final notice, days to pay, days to collections",
    request: { params: practiceParam },
    responses: { 200: jsonResponse(statementSettingsView, "The settings (the defaults until saved)"), ...errors },
  }),
  async (c) => c.json(await getStatementSettings(c.get("principal"), c.req.valid("param").practiceId), 200),
);

patientBilling.openapi(
  createRoute({
    method: "put",
    path: "/v1/practices/{practiceId}/statement-settings",
    tags,
    summary: "Set the practice's statement cycle (fields left out take their defaults)",
    request: { params: practiceParam, body: jsonBody(statementSettingsInput) },
    responses: { 200: jsonResponse(statementSettingsView, "The settings saved"), ...writeErrors },
  }),
  async (c) =>
    c.json(await putStatementSettings(c.get("principal"), c.req.valid("param").practiceId, c.req.valid("json")), 200),
);

patientBilling.openapi(
  createRoute({
    method: "post",
    path: "/v1/practices/{practiceId}/patients/{patientId}/desk-payments",
    tags,
    summary: "Take a patient's payment at any time: held as credit on the visit until the last payer sets the share",
    description:
      "Named on a visit (`claimId`, any claim of it), the payment goes there; otherwise it pays what the patient owes, oldest visit first, and any rest is held as credit on the newest visit. What no share owes yet is answered as `heldAsCreditCents`. Owners, billers and the practice's own users (the front desk).",
    request: { params, headers: idempotencyHeader, body: jsonBody(deskPaymentInput) },
    responses: { 201: jsonResponse(paymentView, "Posted"), ...writeErrors },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await deskPayment(c.get("principal"), practiceId, patientId, c.req.valid("json")), 201);
  },
);

patientBilling.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/patients/{patientId}/statements",
    tags,
    summary: "The statements the patient was sent, newest first, with links to their PDFs",
    request: { params },
    responses: {
      200: jsonResponse(z.object({ items: z.array(statementRecordView) }), "Statement history"),
      ...errors,
    },
  }),
  async (c) => {
    const { practiceId, patientId } = c.req.valid("param");
    return c.json(await statementHistory(c.get("principal"), practiceId, patientId), 200);
  },
);
