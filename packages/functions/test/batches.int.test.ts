import { secretId } from "@claimledger/core/clearinghouse/settings.ts";
import { beforeAll, describe, expect, it } from "vitest";
import { checkX12, parseX12 } from "@claimledger/x12";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { handler as batchHandler } from "../src/queue/claim-batch.ts";
import { readEdi } from "@claimledger/core/shared/storage.ts";
import { ClaimBatchEntity } from "@claimledger/core/batch/batch.entity.ts";
import { call, newTenant, samples } from "./http.ts";
import { pollNow } from "./poll.ts";
import { daysAgo, batchReady, driveRun } from "./cycle.ts";

/**
 * The batch worker end to end on the emulators and the sandbox clearinghouse: ready claims ->
 * batch -> 837P in S3 -> sandbox -> 999 + 277CA back through the poll -> claims accepted/rejected.
 * Queue messages are handled by calling the Lambda handlers directly, as the local stack does.
 */
let key: string;
let tenantId: string;
let practiceId: string;
let providerId: string;
let payerId: string;

async function newClaim(memberId: string, day: number, relationship = "self") {
  const patient = samples.patient(payerId) as any;
  patient.coverages[0].memberId = memberId;
  if (relationship !== "self") {
    patient.coverages[0].relationship = relationship;
    patient.coverages[0].subscriber = {
      firstName: "Sam",
      lastName: "Lee",
      dateOfBirth: "1960-02-03",
      sex: "M",
      address: patient.address,
    };
  }
  patient.firstName = `P${memberId.slice(-4).replace(/\d/g, (d: string) => "ABCDEFGHIJ"[Number(d)]!)}`;
  const res = await call("POST", `/v1/practices/${practiceId}/encounters`, {
    key,
    body: {
      patient,
      renderingProviderId: providerId,
      placeOfService: "11",
      serviceDate: daysAgo(day),
      diagnoses: ["E11.9", "I10"],
      lines: [
        { procedureCode: "99214", modifiers: ["25"], chargeCents: 18500, diagnosisPointers: [1, 2] },
        { procedureCode: "93000", chargeCents: 6000, diagnosisPointers: [2] },
      ],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe("ready");
  return res.body.claimId as string;
}

beforeAll(async () => {
  const t = await newTenant();
  key = t.ownerKey;
  tenantId = t.tenantId;
  practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
});

describe("claim batches to the sandbox clearinghouse", () => {
  it("sends ready claims as one valid 837P, once, and moves them on with the 999 and 277CA", async () => {
    const good = await newClaim("XJH100200300", 3);
    const dependant = await newClaim("XJH100200301", 4, "child");
    const badMember = await newClaim("NODIGITS", 5); // the sandbox front end rejects this member id

    // By practice: a batch run, answered at once; the batch-run worker batches the claims.
    const created = await call("POST", "/v1/claim-batches", {
      key,
      body: { practiceId },
      headers: { "idempotency-key": "batch-1" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body).toMatchObject({ status: "running", claims: 0, batchIds: [] });
    expect(created.headers.get("location")).toBe(`/v1/claim-batch-runs/${created.body.runId}`);
    const retry = await call("POST", "/v1/claim-batches", {
      key,
      body: { practiceId },
      headers: { "idempotency-key": "batch-1" },
    });
    expect([retry.status, retry.body]).toEqual([202, created.body]);
    await driveRun(tenantId, created.body.runId);
    const run = (await call("GET", `/v1/claim-batch-runs/${created.body.runId}`, { key })).body;
    expect(run).toMatchObject({ status: "done", claims: 3, chunks: 1 });
    expect(run.batchIds).toHaveLength(1);
    const batchId = run.batchIds[0];
    expect((await call("GET", `/v1/claims/${good}`, { key })).body.status).toBe("queued");
    // Nothing left to batch: the claims are in one open batch only.
    expect((await batchReady({ key, tenantId }, { practiceId })).claims).toBe(0);

    // The worker, twice for the same message (SQS delivers at least once): one submission.
    const event = { Records: [{ messageId: "m1", body: JSON.stringify({ tenantId, batchId }) }] } as any;
    expect(await batchHandler(event)).toEqual({ batchItemFailures: [] });
    expect(await processBatch(tenantId, batchId)).toBe("skipped");
    const batch = (await call("GET", `/v1/claim-batches/${batchId}`, { key })).body;
    expect(batch).toMatchObject({ status: "submitted", attempts: 1 });
    expect(batch.fileUrl).toMatch(/^http/);
    const { data } = await ClaimBatchEntity.get({ tenantId, batchId }).go();
    const x12 = await readEdi(data!.fileKey!);
    expect(checkX12(x12).errors).toEqual([]);
    const parsed = parseX12(x12);
    const clms = parsed.interchanges[0]!.groups[0]!.transactions.flatMap((t) =>
      t.segments.filter((s) => s.id === "CLM").map((s) => s.elements[1]),
    );
    expect(clms.sort()).toEqual([good, dependant, badMember].sort());
    expect((await call("GET", `/v1/claims/${good}`, { key })).body).toMatchObject({
      status: "submitted",
      submissions: 1,
    });

    // The sandbox answers: 999 and 277CA on the next poll.
    const polled = await pollNow(key);
    expect(polled.files.map((f: { kind: string }) => f.kind).sort()).toEqual(["277", "999"]);
    for (const f of polled.files) expect(await applyInbound(tenantId, f.sha256)).toBe("processed");
    expect((await call("GET", `/v1/claim-batches/${batchId}`, { key })).body.status).toBe("accepted");
    const accepted = (await call("GET", `/v1/claims/${good}`, { key })).body;
    expect(accepted.status).toBe("accepted");
    expect(accepted.payerClaimControlNumber).toMatch(/^SBX/);
    const rejected = (await call("GET", `/v1/claims/${badMember}`, { key })).body;
    expect(rejected.status).toBe("rejected");
    expect(rejected.statusReason).toMatch(/164/);
    const queue = await call("GET", `/v1/claims?status=rejected&practiceId=${practiceId}`, { key });
    expect(queue.body.items.map((c: { claimId: string }) => c.claimId)).toEqual([badMember]);

    // Fix the member id and resend it in a later batch.
    const fixed = await call("PATCH", `/v1/claims/${badMember}`, {
      key,
      body: { memberId: "XJH100200399" },
      headers: { "if-match": `"${rejected.version}"` },
    });
    expect(fixed.body.status).toBe("ready");
    const second = await call("POST", "/v1/claim-batches", { key, body: { claimIds: [badMember] } });
    expect(second.body.claims).toBe(1);

    // A claim the payer has is corrected with a replacement (frequency 7, REF*F8), atomically.
    const repl = await call("POST", `/v1/claims/${good}/replacement`, {
      key,
      body: { reason: "wrong units on line 2" },
    });
    expect(repl.status, JSON.stringify(repl.body)).toBe(201);
    expect(repl.body.original).toMatchObject({ status: "corrected", replacedBy: repl.body.correction.claimId });
    expect(repl.body.correction).toMatchObject({
      frequencyCode: "7",
      status: "ready",
      payerClaimControlNumber: accepted.payerClaimControlNumber,
    });
    expect((await call("POST", `/v1/claims/${good}/replacement`, { key, body: { reason: "again" } })).status).toBe(409);

    // The same poll file twice records nothing twice.
    const again = await pollNow(key);
    expect(again.files.every((f: { kind: string }) => f.kind === "835")).toBe(true);
  });

  it("keeps a company's clearinghouse secret under its own prefix: another company's cannot be named", async () => {
    const other = {
      kind: "sftp",
      host: "sftp.example.com",
      username: "x",
      outboundDir: "/out",
      inboundDir: "/in",
      secretName: "claimledger/production/tnt_someoneelse/sftp",
    };
    const refused = await call("PUT", "/v1/clearinghouse", { key, body: other });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe("secretName");
    process.env.CLAIMLEDGER_SECRET_PREFIX = "claimledger/production/";
    try {
      expect(secretId(tenantId, "sftp")).toBe(`claimledger/production/${tenantId}/sftp`);
    } finally {
      delete process.env.CLAIMLEDGER_SECRET_PREFIX;
    }
  });

  it("keeps a failed batch visible with its reason and retryable", async () => {
    const c = await newClaim("XJH555000111", 6);
    const created = await call("POST", "/v1/claim-batches", { key, body: { claimIds: [c] } });
    const batchId = created.body.batches[0].batchId;
    // Point the company at an SFTP server that is not there.
    await call("PUT", "/v1/clearinghouse", {
      key,
      body: {
        kind: "sftp",
        host: "127.0.0.1",
        port: 1,
        username: "x",
        outboundDir: "/out",
        inboundDir: "/in",
        secretName: "nowhere",
      },
    });
    process.env.CLAIMLEDGER_SECRET_NOWHERE = JSON.stringify({ password: "x" });
    await expect(processBatch(tenantId, batchId)).rejects.toThrow();
    const failed = (await call("GET", `/v1/claim-batches/${batchId}`, { key })).body;
    expect(failed.status).toBe("failed");
    expect(failed.error).toBeTruthy();
    expect((await call("GET", `/v1/claims/${c}`, { key })).body.status).toBe("queued");
    await call("PUT", "/v1/clearinghouse", { key, body: { kind: "sandbox" } });
    expect((await call("POST", `/v1/claim-batches/${batchId}/retry`, { key })).status).toBe(202);
    expect(await processBatch(tenantId, batchId)).toBe("submitted");
    expect((await call("GET", `/v1/claims/${c}`, { key })).body.status).toBe("submitted");
  });

  it("leaves a batch a live worker holds to that worker, and takes over one whose worker died", async () => {
    const c = await newClaim("XJH555000222", 7);
    const batchId = (await call("POST", "/v1/claim-batches", { key, body: { claimIds: [c] } })).body.batches[0].batchId;
    // A worker took it a moment ago and is building it: a second delivery leaves it alone, and so does a retry by hand.
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .set({ status: "building", attempts: 1, leaseUntil: Date.now() + 60_000 })
      .go();
    await expect(processBatch(tenantId, batchId)).rejects.toThrow(/another delivery/);
    expect((await call("POST", `/v1/claim-batches/${batchId}/retry`, { key })).status).toBe(409);
    expect((await call("GET", `/v1/claim-batches/${batchId}`, { key })).body).toMatchObject({
      status: "building",
      attempts: 1,
    });
    // That worker died (its hold ran out): a retry by hand queues it, and the worker takes it over, once.
    await ClaimBatchEntity.patch({ tenantId, batchId })
      .set({ leaseUntil: Date.now() - 1 })
      .go();
    expect((await call("POST", `/v1/claim-batches/${batchId}/retry`, { key })).status).toBe(202);
    expect(await processBatch(tenantId, batchId)).toBe("submitted");
    const batch = (await call("GET", `/v1/claim-batches/${batchId}`, { key })).body;
    expect([batch.status, batch.attempts, batch.leaseUntil]).toEqual(["submitted", 2, undefined]);
    expect((await call("GET", `/v1/claims/${c}`, { key })).body).toMatchObject({ status: "submitted", submissions: 1 });
  });
});
