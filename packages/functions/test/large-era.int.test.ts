import { expect, it } from "vitest";
import { CreateQueueCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { ClaimDocEntity, ClaimEntity } from "@claimledger/core/claim/claim.entity.ts";
import { InboundFileEntity } from "@claimledger/core/inbound/inbound.entity.ts";
import { receiveInbound } from "@claimledger/core/inbound/inbound.service.ts";
import { processInbound } from "@claimledger/core/inbound/process.service.ts";
import { draftInvoice } from "@claimledger/core/invoice/invoice.service.ts";
import { PostingChunkEntity } from "@claimledger/core/remittance/remittance.entity.ts";
import { read835 } from "@claimledger/x12";
import { sqsClient } from "@claimledger/core/shared/aws.ts";
import { queues } from "../../../infra/resources.ts";
import { lambdaSandbox, pollQueue } from "../../local/src/workers.ts";
import { remittanceFor, seedAcceptedClaims } from "../../../bench/lib/claims.ts";
import { acceptedClaims } from "./cycle.ts";
import { call } from "./http.ts";

/**
 * A remittance far larger than one worker invocation can post: 20,000 claim payments
 * (`CLAIMLEDGER_LARGE_ERA_CLAIMS`), posted by the real remittance-chunk handler in Lambda-like
 * sandboxes held to a 3-second time limit, two at a time. Each chunk stops before the limit, saves
 * its place and goes on in the next invocation; every claim is posted exactly once.
 */
const N = Number(process.env.CLAIMLEDGER_LARGE_ERA_CLAIMS ?? "20000");
const LIMIT_MS = 3_000;

it(
  `posts a ${N}-claim ERA completely, once, under a ${LIMIT_MS / 1000}-second worker time limit`,
  { timeout: 1_800_000 },
  async () => {
    const s = await acceptedClaims(6);
    // The stored claims (hot item with its document and findings) the seed clones.
    const templates = [];
    for (const c of s.claims) {
      const key = { tenantId: s.tenantId, claimId: c.claimId };
      const hot = (await ClaimEntity.get(key).go()).data;
      const cold = (await ClaimDocEntity.get(key).go()).data;
      templates.push({ ...hot, doc: cold?.doc, findings: cold?.findings });
    }
    const docs = await seedAcceptedClaims(templates as any[], "LG", N);
    const text = await remittanceFor(docs, 7001);
    // What the file pays, read from the file itself (BPR02, which the payer balanced against its CLPs).
    const [remittance] = read835(text);
    const paid = remittance!.payment.amountCents;
    expect(remittance!.claims).toHaveLength(N);
    expect(paid).toBeGreaterThan(0);

    const { sha256 } = await receiveInbound(s.tenantId, text, "upload", "large.835");
    // The inbound worker's job: check, plan, queue the chunks.
    expect(await processInbound(s.tenantId, sha256)).toBe("posting");
    const file = async () =>
      (await InboundFileEntity.get({ tenantId: s.tenantId, sha256 }).go({ consistent: true })).data!;
    const { runId, chunks } = (await file()).postingRun as { runId: string; chunks: number };
    expect(chunks).toBe(Math.ceil(N / 250));

    // The chunks go through a queue of this test's own (the shared one keeps its settings), whose
    // message comes back 10 s after an invocation that was cut off. Two consumers, each a sandbox
    // cut off at the time limit; the sandboxes send a chunk that goes on to this queue too.
    const sqs = sqsClient();
    const { QueueUrl: url } = await sqs.send(
      new CreateQueueCommand({ QueueName: `large-era-${Date.now()}`, Attributes: { VisibilityTimeout: "10" } }),
    );
    const linked = process.env.SST_RESOURCE_RemittanceChunkQueue;
    process.env.SST_RESOURCE_RemittanceChunkQueue = JSON.stringify({ url });
    for (let chunk = 0; chunk < chunks; chunk++)
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: JSON.stringify({ tenantId: s.tenantId, sha256, runId, chunk }),
        }),
      );
    const abort = new AbortController();
    let invocations = 0;
    const sandboxes = [0, 1].map(() => lambdaSandbox(queues.remittanceChunks.handler, LIMIT_MS));
    const running = sandboxes.map((sandbox) =>
      pollQueue(
        url!,
        queues.remittanceChunks,
        (event) => {
          invocations++;
          return sandbox.invoke(event);
        },
        abort.signal,
      ),
    );
    try {
      while ((await file()).status === "posting") await new Promise((r) => setTimeout(r, 500));
    } finally {
      abort.abort();
      await Promise.all(running);
      await Promise.all(sandboxes.map((b) => b.close()));
      if (linked === undefined) delete process.env.SST_RESOURCE_RemittanceChunkQueue;
      else process.env.SST_RESOURCE_RemittanceChunkQueue = linked;
    }
    const done = await file();
    expect([done.status, done.error]).toEqual(["processed", undefined]);
    expect(done.summary).toMatchObject({ remittances: 1, posted: N, unmatched: 0, skipped: 0 });
    // More invocations than chunks: chunks stopped for time and went on where they had stopped.
    expect(invocations).toBeGreaterThan(chunks);
    const { data: progress } = await PostingChunkEntity.query
      .byChunk({ tenantId: s.tenantId, sha256, runId })
      .go({ pages: "all" });
    expect(progress.filter((p) => p.done)).toHaveLength(chunks);
    expect(progress.reduce((t, p) => t + p.posted, 0)).toBe(N);

    // The month's insurance collections are the check's amount: no claim posted twice, none missed.
    const month = remittance!.payment.date!.slice(0, 7);
    const contracts = [{ effectiveFrom: "2020-01-01", percentBps: 500 }];
    expect((await call("PATCH", `/v1/practices/${s.practiceId}`, { key: s.key, body: { contracts } })).status).toBe(
      200,
    );
    await draftInvoice(s.tenantId, s.practiceId, month);
    const invoice = (await call("GET", `/v1/practices/${s.practiceId}/invoices/${month}`, { key: s.key })).body;
    expect(invoice.collections.insurancePaymentsCents).toBe(paid);
  },
);
