import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  cancelPaymentPlan,
  createPaymentPlan,
  getPaymentPlan,
  listPaymentPlans,
  missedPlans,
  paymentPlanInput,
  paymentPlanView,
} from "@claimledger/core/patientbilling/index.ts";
import { isoDate } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

/** /v1/payment-plans: an agreed balance in instalments. */
export const paymentPlans = new OpenAPIHono<AppEnv>();
const tags = ["Patient billing"];
const list = z.object({ items: z.array(paymentPlanView) });

paymentPlans.openapi(
  createRoute({
    method: "post",
    path: "/v1/payment-plans",
    tags,
    summary: "Agree a payment plan: what the patient owes (or part of it) in instalments",
    description:
      "`count` equal monthly instalments from `firstDueDate` (the last takes the cents left over), or `instalments` as agreed. The patient's payments on the plan's visits since `agreedOn` pay the instalments in order. A plan in good standing stops the dunning statements; a missed instalment (due date passed, unpaid) puts it out of good standing. One active plan per patient.",
    request: { headers: idempotencyHeader, body: jsonBody(paymentPlanInput) },
    responses: { 201: jsonResponse(paymentPlanView, "The plan"), ...writeErrors },
  }),
  async (c) => c.json(await createPaymentPlan(c.get("principal"), c.req.valid("json")), 201),
);

paymentPlans.openapi(
  createRoute({
    method: "get",
    path: "/v1/payment-plans",
    tags,
    summary: "A practice's plans, or one patient's",
    request: {
      query: z.object({
        practiceId: z.string().min(1).max(40),
        patientId: z.string().min(1).max(40).optional(),
        status: z.enum(["active", "completed", "cancelled"]).optional(),
      }),
    },
    responses: { 200: jsonResponse(list, "Plans"), ...errors },
  }),
  async (c) => c.json(await listPaymentPlans(c.get("principal"), c.req.valid("query")), 200),
);

paymentPlans.openapi(
  createRoute({
    method: "get",
    path: "/v1/payment-plans/missed",
    tags,
    summary: "A practice's active plans with an instalment missed (due date passed, unpaid)",
    request: { query: z.object({ practiceId: z.string().min(1).max(40), asOf: isoDate.optional() }) },
    responses: { 200: jsonResponse(list, "Plans out of good standing"), ...errors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.json(await missedPlans(c.get("principal"), q.practiceId, q.asOf), 200);
  },
);

paymentPlans.openapi(
  createRoute({
    method: "get",
    path: "/v1/payment-plans/{planId}",
    tags,
    summary: "A plan: each instalment paid, due or missed (as of today, or asOf)",
    request: { params: idParam("planId", "ppl"), query: z.object({ asOf: isoDate.optional() }) },
    responses: { 200: jsonResponse(paymentPlanView, "The plan"), ...errors },
  }),
  async (c) =>
    c.json(await getPaymentPlan(c.get("principal"), c.req.valid("param").planId, c.req.valid("query").asOf), 200),
);

paymentPlans.openapi(
  createRoute({
    method: "post",
    path: "/v1/payment-plans/{planId}/cancel",
    tags,
    summary: "Cancel an active plan (audited); dunning statements resume",
    request: {
      params: idParam("planId", "ppl"),
      body: jsonBody(z.strictObject({ reason: z.string().trim().min(3).max(300) })),
    },
    responses: { 200: jsonResponse(paymentPlanView, "The plan, cancelled"), ...writeErrors },
  }),
  async (c) =>
    c.json(await cancelPaymentPlan(c.get("principal"), c.req.valid("param").planId, c.req.valid("json").reason), 200),
);
