import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  batchInput,
  createBatches,
  getBatch,
  listBatches,
  retryBatch,
  batchView,
} from "@claimledger/core/batch/index.ts";
import { presign } from "@claimledger/core/shared/storage.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import type { AppEnv } from "../env.ts";
import { errors, idParam, idempotencyHeader, jsonBody, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const batches = new OpenAPIHono<AppEnv>();
const tags = ["Claim batches"];
const params = idParam("batchId", "bat");

batches.openapi(
  createRoute({
    method: "post",
    path: "/v1/claim-batches",
    tags,
    summary: "Send ready claims to the clearinghouse",
    description: `Selects ready claims (by practice and/or payer, or explicit ids), marks them queued in the same write that creates the batch, and queues the batch for 837P generation and submission. Up to 99 claims go in one batch; more ready claims make several batches. Send an Idempotency-Key: a retry creates nothing twice.`,
    request: { headers: idempotencyHeader, body: jsonBody(batchInput) },
    responses: {
      201: jsonResponse(
        z.object({ claims: z.number(), batches: z.array(z.object({ batchId: z.string(), claims: z.number() })) }),
        "The batches created",
      ),
      ...writeErrors,
    },
  }),
  async (c) => c.json(await createBatches(c.get("principal"), c.req.valid("json")), 201),
);

batches.openapi(
  createRoute({
    method: "get",
    path: "/v1/claim-batches",
    tags,
    summary: "Batches, newest first",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(batchView), "Batches"), ...errors },
  }),
  async (c) => c.json(await listBatches(c.get("principal"), c.req.valid("query")), 200),
);

batches.openapi(
  createRoute({
    method: "get",
    path: "/v1/claim-batches/{batchId}",
    tags,
    summary: "A batch: status, counts, the 837P file (presigned download), errors and acknowledgements",
    request: { params },
    responses: { 200: jsonResponse(batchView, "The batch"), ...errors },
  }),
  async (c) => {
    const b = await getBatch(c.get("principal"), c.req.valid("param").batchId);
    return c.json({ ...b, fileUrl: b.fileKey ? await presign("EdiBucket", b.fileKey) : undefined }, 200);
  },
);

batches.openapi(
  createRoute({
    method: "post",
    path: "/v1/claim-batches/{batchId}/retry",
    tags,
    summary: "Queue a failed batch again (after fixing the connection or the cause it names)",
    request: { params },
    responses: { 202: jsonResponse(batchView, "Queued again"), ...writeErrors },
  }),
  async (c) => c.json(await retryBatch(c.get("principal"), c.req.valid("param").batchId), 202),
);
