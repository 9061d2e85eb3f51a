import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { completeUpload, receiveInbound, startUpload } from "@claimledger/core/inbound/index.ts";
import { listRemittances, remittanceView } from "@claimledger/core/remittance/index.ts";
import { authorize } from "@claimledger/core/shared/permissions.ts";
import { invalid } from "@claimledger/core/shared/errors.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const remittances = new OpenAPIHono<AppEnv>();
const tags = ["Remittances"];

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/remittances",
    tags,
    summary: "Upload an 835 ERA (raw X12 body, or multipart/form-data with the file in field `file`)",
    description:
      "Stored in S3 first under its SHA-256, then queued for posting. The same file twice, or the same payment (payer + TRN02 trace number) in another file, posts nothing twice. `GET /v1/inbound-files/{sha256}` shows the outcome.",
    request: {
      body: {
        required: true,
        content: { "application/edi-x12": { schema: z.string() }, "text/plain": { schema: z.string() } },
      },
    },
    responses: {
      202: jsonResponse(z.object({ sha256: z.string(), kind: z.string(), duplicate: z.boolean() }), "Received"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "remittance.upload");
    let text: string;
    if ((c.req.header("content-type") ?? "").startsWith("multipart/form-data")) {
      const file = (await c.req.parseBody())["file"];
      if (!(file instanceof File))
        throw invalid([{ path: "file", message: "attach the 835 as the form field `file`" }]);
      text = await file.text();
    } else {
      text = await c.req.text();
    }
    if (!text.trimStart().startsWith("ISA"))
      throw invalid([{ path: "(body)", message: "an 835 file starts with an ISA segment" }]);
    return c.json(await receiveInbound(p.tenantId, text, "upload"), 202);
  },
);

remittances.openapi(
  createRoute({
    method: "get",
    path: "/v1/remittances",
    tags,
    summary:
      "Payments received (one per 835 transaction), newest first: posting, posted, duplicate, unbalanced, or incomplete (envelope cut short or miscounted: nothing posted)",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(remittanceView), "Remittances"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "remittance.read");
    const q = c.req.valid("query");
    return c.json(await listRemittances(p.tenantId, q), 200);
  },
);

const received = z.object({ sha256: z.string(), kind: z.string(), duplicate: z.boolean() });

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/remittances/uploads",
    tags,
    summary: "Start an upload of an 835 too large for a request body (over 6 MB): a link to PUT it to",
    description:
      "Answers a presigned S3 URL valid 15 minutes: PUT the raw file to it, then `POST /v1/remittances/uploads/{uploadId}/complete`. The file then takes the same path as `POST /v1/remittances`.",
    responses: {
      201: jsonResponse(
        z.object({ uploadId: z.string(), url: z.string(), method: z.literal("PUT"), expiresAt: z.string() }),
        "Where to PUT the file",
      ),
      ...writeErrors,
    },
  }),
  async (c) => c.json(await startUpload(c.get("principal")), 201),
);

remittances.openapi(
  createRoute({
    method: "post",
    path: "/v1/remittances/uploads/{uploadId}/complete",
    tags,
    summary: "The uploaded file is there: archive it under its SHA-256 and queue it for posting",
    request: {
      params: z.object({
        uploadId: z
          .string()
          .max(60)
          .openapi({ param: { name: "uploadId", in: "path" } }),
      }),
    },
    responses: { 202: jsonResponse(received, "Received"), ...writeErrors },
  }),
  async (c) => c.json(await completeUpload(c.get("principal"), c.req.valid("param").uploadId), 202),
);
