import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { auditEvent, listAudit } from "@claimledger/core/audit/index.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import { authorize } from "@claimledger/core/shared/permissions.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonResponse, pageOf } from "./_shared.ts";

export const audit = new OpenAPIHono<AppEnv>();

audit.openapi(
  createRoute({
    method: "get",
    path: "/v1/audit-events",
    tags: ["Audit"],
    summary: "The audit trail of one record, newest first (owner, biller, viewer)",
    request: {
      query: listQuery.extend({
        subject: z
          .string()
          // Ids are <prefix>_<base32>; an automatic task's names its claim too (tsk_CL..._fr1); a
          // suspense item's is its 835's place (<remittance>-C00001).
          .regex(
            /^[a-zA-Z]+:(?:[a-z]+_[0-9a-zA-Z_]+|[0-9a-f]{16}-\d+-[CP]\d+)$/,
            "must be <type>:<id>, e.g. practice:prc_...",
          )
          .openapi({ example: "practice:prc_0123456789abcd" }),
      }),
    },
    responses: { 200: jsonResponse(pageOf(auditEvent), "Audit events"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "audit.read");
    const { subject, ...q } = c.req.valid("query");
    return c.json(await listAudit(p, subject, q), 200);
  },
);
