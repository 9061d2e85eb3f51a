import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { listSuspense, suspenseView } from "@claimledger/core/remittance/index.ts";
import { authorize } from "@claimledger/core/shared/permissions.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonResponse, pageOf } from "./_shared.ts";

/** /v1/suspense: money that came in without a claim to put it on. */
export const suspense = new OpenAPIHono<AppEnv>();
const tags = ["Remittances"];

suspense.openapi(
  createRoute({
    method: "get",
    path: "/v1/suspense",
    tags,
    summary: "Unapplied money: 835 claims with no matching claim, provider adjustments with no practice",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(suspenseView), "Suspense items"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "remittance.read");
    const q = c.req.valid("query");
    return c.json(await listSuspense(p.tenantId, q), 200);
  },
);
