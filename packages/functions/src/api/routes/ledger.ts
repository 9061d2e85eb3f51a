import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { getClaim } from "@claimledger/core/claim/index.ts";
import { getPractice } from "@claimledger/core/practice/index.ts";
import {
  claimLedgerView,
  entriesOfClaim,
  entriesOfPracticeMonth,
  ledgerEntryView,
} from "@claimledger/core/ledger/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, jsonResponse, pageOf } from "./_shared.ts";

/** The ledger, read: a claim's entries, and a practice's entries for a deposit month. */
export const ledger = new OpenAPIHono<AppEnv>();
const tags = ["Remittances"];

ledger.openapi(
  createRoute({
    method: "get",
    path: "/v1/claims/{claimId}/ledger",
    tags,
    summary: "The claim's ledger entries: payments, adjustments by group and reason, patient responsibility",
    request: { params: idParam("claimId", "CL") },
    responses: { 200: jsonResponse(claimLedgerView, "Ledger"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    const claim = await getClaim(p, c.req.valid("param").claimId);
    const data = await entriesOfClaim(p.tenantId, claim.claimId);
    return c.json({ balances: claim.balances ?? null, items: data.map(({ tenantId: _t, ...e }) => e) }, 200);
  },
);

ledger.openapi(
  createRoute({
    method: "get",
    path: "/v1/practices/{practiceId}/ledger",
    tags,
    summary: "A practice's ledger for one deposit month: claim entries and provider-level (PLB) entries",
    request: {
      params: idParam("practiceId", "prc"),
      query: listQuery.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM") }),
    },
    responses: { 200: jsonResponse(pageOf(ledgerEntryView), "Ledger entries"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    const { practiceId } = c.req.valid("param");
    await getPractice(p, practiceId);
    const { month, limit, cursor } = c.req.valid("query");
    return c.json(await entriesOfPracticeMonth(p.tenantId, practiceId, month, { limit, cursor }), 200);
  },
);
