import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  appealView,
  attachmentStart,
  attachmentUploadQuery,
  completeAttachment,
  startAttachment,
  uploadAttachment,
} from "@claimledger/core/appeal/index.ts";
import type { AppEnv } from "../env.ts";
import { idParam, jsonBody, jsonResponse, withEtag, writeErrors } from "./_shared.ts";

/** /v1/appeals/{id}/attachments: the records, proof and authorizations an appeal encloses. */
export const appealAttachments = new OpenAPIHono<AppEnv>();
const tags = ["Appeals"];
const params = idParam("appealId", "apl");

appealAttachments.openapi(
  createRoute({
    method: "post",
    path: "/v1/appeals/{appealId}/attachments:upload",
    tags,
    summary: "Attach a file sent as the request body (PDF, PNG, JPEG or TIFF; the body limit of 6 MB applies)",
    description: `The body's first bytes must be those of its content type. Up to 20 attachments an appeal, ${MAX_ATTACHMENT_BYTES} bytes each (larger than a body: \`POST .../attachments\` for an upload link). A draft's letter is written again to list it.`,
    request: {
      params,
      query: attachmentUploadQuery,
      body: {
        required: true,
        content: Object.fromEntries(
          ATTACHMENT_TYPES.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }]),
        ),
      },
    },
    responses: { 201: jsonResponse(appealView, "The appeal with the file attached"), ...writeErrors },
  }),
  async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    const contentType = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const { fileName } = c.req.valid("query");
    const a = await uploadAttachment(c.get("principal"), c.req.valid("param").appealId, {
      fileName,
      contentType,
      body,
    });
    return c.json(withEtag(c, a), 201);
  },
);

appealAttachments.openapi(
  createRoute({
    method: "post",
    path: "/v1/appeals/{appealId}/attachments",
    tags,
    summary: "Start the upload of a larger file: a presigned link to PUT it to (15 minutes)",
    description:
      "PUT the file's bytes to `uploadUrl` with the `content-type` given, then `POST .../attachments/{attachmentId}/complete`: it checks the size declared and the file's first bytes.",
    request: { params, body: jsonBody(attachmentStart) },
    responses: {
      201: jsonResponse(
        z.object({
          appeal: appealView,
          attachmentId: z.string(),
          uploadUrl: z.string(),
          method: z.literal("PUT"),
          headers: z.record(z.string(), z.string()),
          expiresAt: z.string(),
        }),
        "Where to PUT the file",
      ),
      ...writeErrors,
    },
  }),
  async (c) =>
    c.json(await startAttachment(c.get("principal"), c.req.valid("param").appealId, c.req.valid("json")), 201),
);

appealAttachments.openapi(
  createRoute({
    method: "post",
    path: "/v1/appeals/{appealId}/attachments/{attachmentId}/complete",
    tags,
    summary: "The file is uploaded: check it and attach it",
    request: {
      params: params.extend({
        attachmentId: z
          .string()
          .max(40)
          .openapi({ param: { name: "attachmentId", in: "path" } }),
      }),
    },
    responses: { 200: jsonResponse(appealView, "The appeal with the file attached"), ...writeErrors },
  }),
  async (c) => {
    const { appealId, attachmentId } = c.req.valid("param");
    return c.json(withEtag(c, await completeAttachment(c.get("principal"), appealId, attachmentId)), 200);
  },
);
