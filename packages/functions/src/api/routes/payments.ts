import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { paymentInput, paymentView, postPayment } from "@claimledger/core/remittance/index.ts";
import type { AppEnv } from "../env.ts";
import { idempotencyHeader, jsonResponse, writeErrors } from "./_shared.ts";

/** /v1/payments: payments posted by hand. */
export const payments = new OpenAPIHono<AppEnv>();

payments.openapi(
  createRoute({
    method: "post",
    path: "/v1/payments",
    tags: ["Payments"],
    summary: "Post a patient payment, a paper-EOB insurance payment, or a refund to claim lines",
    description:
      "Allocations must add up to the amount. The payment date decides the month the money is collected in. A patient payment pays what the patient owes on the claim and holds the rest as the patient's credit (before the payer answers, all of it), applied when the last payer sets the share (`heldAsCreditCents`); a refund comes out of held credit first, then out of what the patient paid, and may not exceed both.",
    request: {
      headers: idempotencyHeader,
      body: { required: true, content: { "application/json": { schema: paymentInput } } },
    },
    responses: { 201: jsonResponse(paymentView, "Posted"), ...writeErrors },
  }),
  async (c) => c.json(await postPayment(c.get("principal"), c.req.valid("json")), 201),
);
