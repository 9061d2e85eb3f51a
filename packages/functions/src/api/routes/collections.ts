import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  candidateView,
  placementView,
  recoveryView,
  collectionCandidates,
  collectionCandidatesCsv,
  listPlacements,
  placeAccounts,
  placementInput,
  recordRecovery,
  recoveryInput,
} from "@claimledger/core/patientbilling/index.ts";
import { isoDate } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, writeErrors } from "./_shared.ts";

/** /v1/collections: accounts handed to a collection agency, and what it recovers. */
export const collections = new OpenAPIHono<AppEnv>();
const tags = ["Patient billing"];
const candidatesQuery = z.object({ practiceId: z.string().min(1).max(40), asOf: isoDate.optional() });

collections.openapi(
  createRoute({
    method: "get",
    path: "/v1/collections/candidates",
    tags,
    summary:
      "Accounts past the final notice by the practice's collectionsAfterDays, still owing: for a collection agency",
    request: { query: candidatesQuery },
    responses: {
      200: jsonResponse(
        z.object({ asOf: z.string(), collectionsAfterDays: z.number().int(), items: z.array(candidateView) }),
        "Candidates",
      ),
      ...errors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.json(await collectionCandidates(c.get("principal"), q.practiceId, q.asOf), 200);
  },
);

collections.openapi(
  createRoute({
    method: "get",
    path: "/v1/collections/candidates.csv",
    tags,
    summary: "The candidates as the placement file agencies take (CSV)",
    description:
      "Columns: account_number, debtor_last_name, debtor_first_name, debtor_middle_name, address_line1, address_line2, city, state, postal_code, date_of_birth, phone, balance (dollars), last_payment_date, first_service_date, last_service_date, final_notice_date, statements_sent, creditor_name.",
    request: { query: candidatesQuery },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...errors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.body(await collectionCandidatesCsv(c.get("principal"), q.practiceId, q.asOf), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="collections-${q.practiceId}.csv"`,
    });
  },
);

collections.openapi(
  createRoute({
    method: "post",
    path: "/v1/collections/placements",
    tags,
    summary: "Mark accounts placed with an agency (audited): their statements stop",
    request: { headers: idempotencyHeader, body: jsonBody(placementInput) },
    responses: { 201: jsonResponse(z.object({ items: z.array(placementView) }), "The placements"), ...writeErrors },
  }),
  async (c) => c.json(await placeAccounts(c.get("principal"), c.req.valid("json")), 201),
);

collections.openapi(
  createRoute({
    method: "get",
    path: "/v1/collections/placements",
    tags,
    summary: "A practice's placements with what each agency recovered and kept",
    request: { query: z.object({ practiceId: z.string().min(1).max(40) }) },
    responses: {
      200: jsonResponse(z.object({ items: z.array(placementView.extend({ patientName: z.string() })) }), "Placements"),
      ...errors,
    },
  }),
  async (c) => c.json(await listPlacements(c.get("principal"), c.req.valid("query").practiceId), 200),
);

collections.openapi(
  createRoute({
    method: "post",
    path: "/v1/collections/placements/{placementId}/recoveries",
    tags,
    summary: "Post what the agency recovered: the gross pays the patient's balance, its fee is the practice's cost",
    description:
      "The fee is the placement's feeBps of the gross, rounded half-up once. Ledger: `collection_recovery` (the gross, oldest visit first) reduces the patient balance and counts as a patient payment; `collection_agency_fee` (negative) moves no balance and nets against patient payments, so collections count what the practice received.",
    request: { params: idParam("placementId", "plc"), headers: idempotencyHeader, body: jsonBody(recoveryInput) },
    responses: {
      201: jsonResponse(
        recoveryView.extend({
          placementId: z.string(),
          allocations: z.array(
            z.object({ claimId: z.string(), grossCents: z.number().int(), feeCents: z.number().int() }),
          ),
        }),
        "Posted",
      ),
      ...writeErrors,
    },
  }),
  async (c) =>
    c.json(await recordRecovery(c.get("principal"), c.req.valid("param").placementId, c.req.valid("json")), 201),
);
