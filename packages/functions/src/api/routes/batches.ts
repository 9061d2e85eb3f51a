import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  batchInput,
  batchRunView,
  createBatchRun,
  getBatchRun,
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
    description: `With \`claimIds\` (up to 99, each ready and of one practice per batch): marks them queued in the same write that creates the batch, queues the batch for 837P generation and submission, and answers 201 with the batches. With \`practiceId\` and/or \`payerId\` (any number of ready claims): answers 202 at once with a batch run; the batch-run worker takes the ready claims chunk by chunk into batches of up to 98 and queues each (follow it at \`/v1/claim-batch-runs/{runId}\`, the Location header). Send an Idempotency-Key: a retry creates nothing twice and gets the first answer.`,
    request: { headers: idempotencyHeader, body: jsonBody(batchInput) },
    responses: {
      201: jsonResponse(
        z.object({ claims: z.number(), batches: z.array(z.object({ batchId: z.string(), claims: z.number() })) }),
        "The batches created (claims chosen by id)",
      ),
      202: jsonResponse(batchRunView, "The batch run, started (claims chosen by practice or payer)"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.get("principal");
    const input = c.req.valid("json");
    if (input.claimIds) return c.json(await createBatches(p, { ...input, claimIds: input.claimIds }), 201);
    const run = await createBatchRun(p, input, c.get("idempotencyScope"));
    c.header("location", `/v1/claim-batch-runs/${run.runId}`);
    return c.json(run, 202);
  },
);

batches.openapi(
  createRoute({
    method: "get",
    path: "/v1/claim-batch-runs/{runId}",
    tags,
    summary: "A batch run: running or done, the claims batched and the batches created so far",
    request: { params: idParam("runId", "bjr") },
    responses: { 200: jsonResponse(batchRunView, "The batch run"), ...errors },
  }),
  async (c) => c.json(await getBatchRun(c.get("principal"), c.req.valid("param").runId), 200),
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
