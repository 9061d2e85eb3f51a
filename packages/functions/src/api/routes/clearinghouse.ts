import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import {
  clearinghouseInput,
  clearinghouseView,
  getClearinghouse,
  putClearinghouse,
} from "@claimledger/core/clearinghouse/index.ts";
import { authorize } from "@claimledger/core/shared/permissions.ts";
import {
  enqueueInbound,
  getInboundFile,
  getPoll,
  inboundView,
  listInboundFiles,
  pollView,
  requestPoll,
} from "@claimledger/core/inbound/index.ts";
import { conflict, notFound } from "@claimledger/core/shared/errors.ts";
import { listQuery } from "@claimledger/core/shared/schema.ts";
import { presign } from "@claimledger/core/shared/storage.ts";
import { chunksDone } from "@claimledger/core/remittance/index.ts";
import type { AppEnv } from "../env.ts";
import { queues } from "../../../../../infra/resources.ts";
import { errors, jsonBody, jsonResponse, pageOf, writeErrors } from "./_shared.ts";

export const clearinghouse = new OpenAPIHono<AppEnv>();
const tags = ["Clearinghouse"];
const settingsView = clearinghouseView;

clearinghouse.openapi(
  createRoute({
    method: "get",
    path: "/v1/clearinghouse",
    tags,
    summary: "Where this company's claims go (a new company starts on the sandbox)",
    responses: { 200: jsonResponse(settingsView, "Connection settings"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "clearinghouse.read");
    return c.json(await getClearinghouse(p.tenantId), 200);
  },
);

clearinghouse.openapi(
  createRoute({
    method: "put",
    path: "/v1/clearinghouse",
    tags,
    summary: "Point the company at the sandbox or at a real clearinghouse over SFTP (owner)",
    description:
      'For SFTP, store the password or private key in AWS Secrets Manager as JSON (`{"privateKey": "..."}` or `{"password": "..."}`) as `claimledger/<stage>/<tenantId>/<secretName>`, and give the last part as `secretName` (e.g. `sftp`); locally, set `CLAIMLEDGER_SECRET_<NAME>` instead.',
    request: { body: jsonBody(clearinghouseInput) },
    responses: { 200: jsonResponse(settingsView, "Saved"), ...writeErrors },
  }),
  async (c) => c.json(await putClearinghouse(c.get("principal"), c.req.valid("json")), 200),
);

clearinghouse.openapi(
  createRoute({
    method: "post",
    path: "/v1/clearinghouse/poll",
    tags,
    summary: "Fetch the clearinghouse's answers now (999, 277CA, 835); queued for the poll worker",
    description:
      "Answers at once with the poll to follow (`GET /v1/clearinghouse/polls/{pollId}`); the worker takes the files one at a time, each archived in S3 first, then recorded (once per SHA-256) and queued for processing, and only then acknowledged at the clearinghouse. `GET /v1/inbound-files` shows what became of each. Companies with a configured clearinghouse are also polled every 5 minutes in AWS.",
    responses: { 202: jsonResponse(pollView, "Poll queued"), ...writeErrors },
  }),
  async (c) => c.json(await requestPoll(c.get("principal")), 202),
);

const pollParam = z.object({
  pollId: z
    .string()
    .max(60)
    .openapi({ param: { name: "pollId", in: "path" }, example: "pol_3k9x2m7q4w8t1z" }),
});

clearinghouse.openapi(
  createRoute({
    method: "get",
    path: "/v1/clearinghouse/polls/{pollId}",
    tags,
    summary: "One poll: queued, running, done or failed; the files it took and any it left for the next poll",
    request: { params: pollParam },
    responses: { 200: jsonResponse(pollView, "The poll"), ...errors },
  }),
  async (c) => c.json(await getPoll(c.get("principal"), c.req.valid("param").pollId), 200),
);

clearinghouse.openapi(
  createRoute({
    method: "get",
    path: "/v1/inbound-files",
    tags,
    summary: "Files received from the clearinghouse or uploaded, newest first, with what each did",
    request: { query: listQuery },
    responses: { 200: jsonResponse(pageOf(inboundView), "Inbound files"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "inbound.read");
    const q = c.req.valid("query");
    return c.json(await listInboundFiles(p.tenantId, q), 200);
  },
);

const shaParam = z.object({
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .openapi({ param: { name: "sha256", in: "path" } }),
});

clearinghouse.openapi(
  createRoute({
    method: "get",
    path: "/v1/inbound-files/{sha256}",
    tags,
    summary: "One inbound file: what it was, what it did, and the raw file (presigned download)",
    request: { params: shaParam },
    responses: { 200: jsonResponse(inboundView.extend({ fileUrl: z.string() }), "The file"), ...errors },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "inbound.read");
    const data = await getInboundFile(p.tenantId, c.req.valid("param").sha256);
    if (!data) throw notFound("Inbound file");
    const { tenantId: _t, key, ...f } = data;
    const run = f.postingRun?.runId
      ? { ...f.postingRun, chunksDone: await chunksDone(p.tenantId, f.sha256, f.postingRun.runId) }
      : undefined;
    return c.json({ ...f, ...(run ? { postingRun: run } : {}), fileUrl: await presign("EdiBucket", key) }, 200);
  },
);

clearinghouse.openapi(
  createRoute({
    method: "post",
    path: "/v1/inbound-files/{sha256}/retry",
    tags,
    summary:
      "Process an inbound file again: a failed one (after the cause is fixed), one still processing past its worker's time limit (its worker died), or a posting 835 (its chunks are queued again; those done do nothing)",
    request: { params: shaParam },
    responses: {
      202: jsonResponse(z.object({ sha256: z.string(), queued: z.boolean() }), "Queued again"),
      ...writeErrors,
    },
  }),
  async (c) => {
    const p = c.get("principal");
    authorize(p, "inbound.retry");
    const { sha256 } = c.req.valid("param");
    const data = await getInboundFile(p.tenantId, sha256);
    if (!data) throw notFound("Inbound file");
    const stuckAfter = queues.inboundFiles.consumerTimeoutSeconds * 1000;
    const since = data.processingSince ? Date.parse(data.processingSince) : Date.parse(data.receivedAt);
    const stuck = (data.status === "processing" || data.status === "received") && Date.now() - since > stuckAfter;
    // A posting file's chunks are queued again (one lost to the dead-letter queue); those done do nothing.
    if (data.status !== "failed" && data.status !== "posting" && !stuck) {
      const detail =
        data.status === "processed"
          ? "The file is processed; a processed file is never applied twice"
          : `The file is ${data.status} since ${new Date(since).toISOString()} (attempt ${data.attempts}); it can be requeued once it has been so for longer than its worker's time limit, ${stuckAfter / 1000} s, at ${new Date(since + stuckAfter).toISOString()}`;
      throw conflict(detail);
    }
    await enqueueInbound({ tenantId: p.tenantId, sha256 });
    return c.json({ sha256, queued: true }, 202);
  },
);
