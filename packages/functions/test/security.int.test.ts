/**
 * Issue 12, leaks and recovery: a batch never carries another practice's patients, a secret is
 * never kept for replays, no patient's data reaches a log line, a dead request's Idempotency-Key
 * frees itself, and the smaller contracts (412 on a lost If-Match race, who may issue statements).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkX12 } from "@claimledger/x12";
import { ClaimBatchEntity } from "@claimledger/core/batch/batch.entity.ts";
import { ClaimDocEntity, ClaimEntity } from "@claimledger/core/claim/claim.entity.ts";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { IdempotencyEntity, requestHash } from "@claimledger/core/idempotency/idempotency.ts";
import { readEdi } from "@claimledger/core/shared/storage.ts";
import { handler as claimBatchHandler } from "../src/queue/claim-batch.ts";
import { call, newKey, samples } from "./http.ts";
import { pollNow } from "./poll.ts";
import { batchReady, encounterFor, practiceSetUp } from "./cycle.ts";

const secondPractice = { ...samples.practice, legalName: "Riverbend Family Medicine PC", npi: "1861474595" };

async function twoPractices() {
  const s = await practiceSetUp();
  const p1 = (await call("POST", "/v1/practices", { key: s.key, body: secondPractice })).body.practiceId as string;
  const prov1 = (await call("POST", `/v1/practices/${p1}/providers`, { key: s.key, body: samples.provider })).body
    .providerId as string;
  const claimOf = async (practiceId: string, providerId: string, i: number) => {
    const r = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key: s.key,
      body: encounterFor({ providerId, payerId: s.payerId }, i),
    });
    expect(r.body.status).toBe("ready");
    return r.body.claimId as string;
  };
  return {
    ...s,
    p0: s.practiceId,
    p1,
    claim0: await claimOf(s.practiceId, s.providerId, 0),
    claim1: await claimOf(p1, prov1, 1),
  };
}

describe("a batch is one practice's", () => {
  it("refuses a batch of one practice that names another practice's claim, naming the foreign id, and writes nothing", async () => {
    const s = await twoPractices();
    for (const role of ["owner", "biller"]) {
      const key = role === "owner" ? s.key : await newKey(s.key, "biller");
      const res = await call("POST", "/v1/claim-batches", {
        key,
        body: { practiceId: s.p0, claimIds: [s.claim0, s.claim1] },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.errors).toEqual([
        { path: "claimIds.1", message: `claim ${s.claim1} belongs to another practice, not ${s.p0}` },
      ]);
    }
    expect((await call("GET", "/v1/claim-batches", { key: s.key })).body.items).toEqual([]);
    for (const id of [s.claim0, s.claim1])
      expect((await call("GET", `/v1/claims/${id}`, { key: s.key })).body.status).toBe("ready");
  });

  it("splits claims of several practices into one batch per practice, and a practice key reads only its own", async () => {
    const s = await twoPractices();
    const res = await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: [s.claim0, s.claim1] } });
    expect(res.status).toBe(201);
    expect(res.body.claims).toBe(2);
    expect(res.body.batches).toHaveLength(2);
    const views = await Promise.all(
      res.body.batches.map(
        async (b: { batchId: string }) => (await call("GET", `/v1/claim-batches/${b.batchId}`, { key: s.key })).body,
      ),
    );
    const of0 = views.find((b) => b.practiceId === s.p0)!;
    const of1 = views.find((b) => b.practiceId === s.p1)!;
    expect([of0.claimIds, of1.claimIds]).toEqual([[s.claim0], [s.claim1]]);

    await processBatch(s.tenantId, of0.batchId);
    const k0 = await newKey(s.key, "practice", s.p0);
    const own = await call("GET", `/v1/claim-batches/${of0.batchId}`, { key: k0 });
    expect(own.status).toBe(200);
    expect(own.body.claimIds).toEqual([s.claim0]);
    // Its 837P holds its own patient only.
    const file = await (await fetch(own.body.fileUrl)).text();
    expect(file).toContain("CLM*" + s.claim0);
    expect(file).not.toContain(s.claim1);
    expect(file).not.toContain("XJH500001"); // the other practice's patient's member id
    expect((await call("GET", `/v1/claim-batches/${of1.batchId}`, { key: k0 })).status).toBe(404);
  });

  it("a batch run by payer makes one batch per practice, never a batch mixing two practices' claims", async () => {
    const s = await twoPractices();
    const run = await batchReady(s, { payerId: s.payerId });
    expect(run.claims).toBe(2);
    const views = await Promise.all(
      run.batchIds.map(async (id) => (await call("GET", `/v1/claim-batches/${id}`, { key: s.key })).body),
    );
    expect(views.map((b) => [b.practiceId, b.claimIds]).sort()).toEqual(
      [
        [s.p0, [s.claim0]],
        [s.p1, [s.claim1]],
      ].sort(),
    );
  });

  it("the worker refuses to write a batch whose claims are not all its practice's (a batch stored before the check)", async () => {
    const s = await twoPractices();
    const batchId = "bat_forged0001";
    const at = new Date().toISOString();
    await ClaimBatchEntity.create({
      tenantId: s.tenantId,
      batchId,
      status: "queued",
      claimIds: [s.claim0, s.claim1],
      practiceId: s.p0,
      createdBy: "test",
      createdAt: at,
      updatedAt: at,
      attempts: 0,
    }).go();
    for (const id of [s.claim0, s.claim1])
      await ClaimEntity.patch({ tenantId: s.tenantId, claimId: id })
        .set({ status: "queued", batchId })
        .composite({
          practiceId: id === s.claim0 ? s.p0 : s.p1,
          serviceDate: (await call("GET", `/v1/claims/${id}`, { key: s.key })).body.serviceDate,
        })
        .go();
    await expect(processBatch(s.tenantId, batchId)).rejects.toThrow(
      `claim ${s.claim1} is not a claim of practice ${s.p0}`,
    );
    const b = (await call("GET", `/v1/claim-batches/${batchId}`, { key: s.key })).body;
    expect(b.status).toBe("failed");
    expect(b.fileUrl).toBeUndefined();
  });
});

describe("secrets are shown once", () => {
  it("does not keep an API key in the idempotency record; a replay answers that the key was shown once", async () => {
    const s = await practiceSetUp();
    const body = { name: "front desk", role: "biller" };
    const first = await call("POST", "/v1/api-keys", {
      key: s.key,
      body,
      headers: { "idempotency-key": "key-once-1" },
    });
    expect(first.status).toBe(201);
    const secret = first.body.apiKey as string;
    expect(secret).toMatch(/^clk_/);
    // The stored record holds no part of the secret.
    const ownerKeyId = (await call("GET", "/v1/api-keys", { key: s.key })).body.items.find(
      (k: any) => k.role === "owner",
    ).keyId;
    const { data: stored } = await IdempotencyEntity.get({
      tenantId: s.tenantId,
      scope: `${ownerKeyId}:key-once-1`,
    }).go();
    expect(stored?.state).toBe("done");
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(secret.slice(-16)); // the random part

    const replay = await call("POST", "/v1/api-keys", {
      key: s.key,
      body,
      headers: { "idempotency-key": "key-once-1" },
    });
    expect(replay.status).toBe(409);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body).toMatchObject({ type: "urn:claimledger:problem:secret-shown-once", keyId: first.body.keyId });
    expect(replay.body.detail).toContain(`DELETE /v1/api-keys/${first.body.keyId}`);
    expect(JSON.stringify(replay.body)).not.toContain(secret);
    // One key was made, not two, and it works.
    expect(
      (await call("GET", "/v1/api-keys", { key: s.key })).body.items.filter((k: any) => k.name === "front desk"),
    ).toHaveLength(1);
    expect((await call("GET", "/v1/payers", { key: secret })).status).toBe(200);
  });
});

describe("no patient data in logs", () => {
  const lines: string[] = [];
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.CLAIMLEDGER_LOG;
    process.env.CLAIMLEDGER_LOG = "debug";
    const keep = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    vi.spyOn(console, "log").mockImplementation(keep);
    vi.spyOn(console, "error").mockImplementation(keep);
    vi.spyOn(console, "warn").mockImplementation(keep);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env.CLAIMLEDGER_LOG = saved;
  });

  it("sends separators as spaces, sets aside a claim the 837P cannot carry without failing the others, and logs none of it", async () => {
    const s = await practiceSetUp();
    const phi = {
      first: "Marisol",
      last: "Quennell",
      dob: "1961-07-23",
      member: "QZM778812345",
      line1: "487 Oak St Apt 4*B",
      city: "Kettleburg",
    };
    const patient = {
      firstName: phi.first,
      lastName: phi.last,
      dateOfBirth: phi.dob,
      sex: "F",
      address: { line1: phi.line1, city: phi.city, state: "IL", postalCode: "62704" },
      coverages: [
        { payerId: s.payerId, memberId: phi.member, groupNumber: "G100", order: "primary", relationship: "self" },
      ],
    };
    const withStar = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
      key: s.key,
      body: encounterFor(s, 0, { patient }),
    });
    expect(withStar.body.status).toBe("ready");
    expect(withStar.body.findings).toEqual([
      expect.objectContaining({ ruleId: "edits.missing", severity: "warning" }), // no NCCI tables ship
      expect.objectContaining({ ruleId: "x12.characters", severity: "warning", path: "patient.address.line1" }),
    ]);
    const clean = (
      await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, 1) })
    ).body.claimId as string;
    // A claim whose stored data the 837P writer refuses (a state no validation lets in today): it must not sink the batch.
    const broken = (
      await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
        key: s.key,
        body: encounterFor(s, 2, { patient: { ...patient, firstName: "Bertrand", dateOfBirth: "1958-02-11" } }),
      })
    ).body;
    const stored = (await ClaimEntity.get({ tenantId: s.tenantId, claimId: broken.claimId }).go()).data!;
    // The document is the claim's cold item (ClaimDocEntity), beside its hot item.
    const { doc } = (await ClaimDocEntity.get({ tenantId: s.tenantId, claimId: broken.claimId }).go()).data!;
    await ClaimDocEntity.patch({ tenantId: s.tenantId, claimId: broken.claimId })
      .set({
        doc: { ...doc, patient: { ...doc.patient, address: { ...doc.patient.address, state: "Kettle Province" } } },
      })
      .go();

    const batchId = (await batchReady(s, { practiceId: s.practiceId })).batchIds[0]!;
    await claimBatchHandler({
      Records: [{ messageId: "m1", body: JSON.stringify({ tenantId: s.tenantId, batchId }) }],
    } as never);
    const batch = (await call("GET", `/v1/claim-batches/${batchId}`, { key: s.key })).body;
    expect(batch.status, JSON.stringify(batch)).toBe("submitted");
    expect(batch.setAsideClaimIds).toEqual([broken.claimId]);
    const edi = await readEdi((await ClaimBatchEntity.get({ tenantId: s.tenantId, batchId }).go()).data!.fileKey!);
    expect(checkX12(edi).errors).toEqual([]);
    expect(edi).toContain("N3*487 Oak St Apt 4 B~");
    expect(edi).toContain(`CLM*${clean}*`);
    expect(edi).not.toContain(broken.claimId);
    const setAside = (await call("GET", `/v1/claims/${broken.claimId}`, { key: s.key })).body;
    expect(setAside.status).toBe("needs_review");
    expect(setAside.findings).toContainEqual(expect.objectContaining({ ruleId: "x12.write", severity: "error" }));

    // A batch of only that claim fails, on every retry, with a reason that names no value.
    await call("PATCH", `/v1/claims/${broken.claimId}`, {
      key: s.key,
      body: { placeOfService: "11" },
      headers: { "if-match": `"${setAside.version}"` },
    });
    await ClaimEntity.patch({ tenantId: s.tenantId, claimId: broken.claimId })
      .set({ status: "ready" })
      .composite({ practiceId: s.practiceId, serviceDate: stored.serviceDate })
      .go();
    const again = await call("POST", "/v1/claim-batches", { key: s.key, body: { claimIds: [broken.claimId] } });
    const onlyBroken = again.body.batches[0].batchId;
    for (let attempt = 0; attempt < 2; attempt++) {
      const out = await claimBatchHandler({
        Records: [{ messageId: `r${attempt}`, body: JSON.stringify({ tenantId: s.tenantId, batchId: onlyBroken }) }],
      } as never);
      expect(out.batchItemFailures).toEqual([{ itemIdentifier: `r${attempt}` }]);
      await call("POST", `/v1/claim-batches/${onlyBroken}/retry`, { key: s.key });
    }

    for (const f of (await pollNow(s.key)).files) await applyInbound(s.tenantId, f.sha256);
    for (const f of (await pollNow(s.key)).files) await applyInbound(s.tenantId, f.sha256);
    await call(
      "POST",
      `/v1/practices/${s.practiceId}/patients/${withStar.body.claimId ? (await call("GET", `/v1/claims/${withStar.body.claimId}`, { key: s.key })).body.patientId : ""}/statements`,
      { key: s.key },
    );

    const log = lines.join("\n");
    expect(log).toContain('"msg":"claim-batch failed"'); // the log was captured
    expect(log).toContain('"msg":"claim set aside from batch"');
    for (const value of [
      phi.first,
      phi.last,
      "Bertrand",
      phi.dob,
      phi.dob.replace(/-/g, ""),
      "1958-02-11",
      phi.member,
      "487 Oak",
      "Apt 4",
      phi.city,
      "Kettle Province",
    ]) {
      expect(log, value).not.toContain(value);
    }
  });
});

describe("a dead request's Idempotency-Key frees itself", () => {
  it("lets a retry run once the pending key's lease (a little above the API's time limit) has passed", async () => {
    const s = await practiceSetUp();
    const keyId = (await call("GET", "/v1/api-keys", { key: s.key })).body.items[0].keyId;
    const body = { ...samples.payer, name: "Crashed Request Health" };
    const hash = requestHash("POST", "/v1/payers", JSON.stringify(body));
    const pending = (scope: string, leaseUntil: number) =>
      IdempotencyEntity.create({
        tenantId: s.tenantId,
        scope: `${keyId}:${scope}`,
        requestHash: hash,
        state: "pending",
        createdAt: new Date().toISOString(),
        leaseUntil,
        expiresAt: Math.floor(Date.now() / 1000) + 86_400,
      }).go();
    // Still within its lease: the first request may be running.
    await pending("alive-1", Date.now() + 60_000);
    const busy = await call("POST", "/v1/payers", { key: s.key, body, headers: { "idempotency-key": "alive-1" } });
    expect(busy.status).toBe(409);
    // Its lease has passed: the request died, and the retry runs (once).
    await pending("dead-1", Date.now() - 1_000);
    const retry = await call("POST", "/v1/payers", { key: s.key, body, headers: { "idempotency-key": "dead-1" } });
    expect(retry.status).toBe(201);
    const replay = await call("POST", "/v1/payers", { key: s.key, body, headers: { "idempotency-key": "dead-1" } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body.payerId).toBe(retry.body.payerId);
  });

  it("creates once when the same key is sent several times at once; the others get a retryable 409 or the replay", async () => {
    const s = await practiceSetUp();
    const body = { ...samples.payer, name: "Concurrent Health" };
    const all = await Promise.all(
      [0, 1, 2, 3].map(() =>
        call("POST", "/v1/payers", { key: s.key, body, headers: { "idempotency-key": "same-time-1" } }),
      ),
    );
    const created = all.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") !== "true");
    expect(created).toHaveLength(1);
    for (const r of all.filter((x) => x !== created[0])) {
      if (r.status === 409) expect(r.body.detail).toMatch(/retry shortly/);
      else expect([r.status, r.body.payerId]).toEqual([201, created[0]!.body.payerId]);
    }
    const payers = (await call("GET", "/v1/payers?limit=100", { key: s.key })).body.items;
    expect(payers.filter((p: any) => p.name === "Concurrent Health")).toHaveLength(1);
  });
});

describe("smaller contracts", () => {
  it("answers 412, not 409, to the loser of two edits sent with the same If-Match", async () => {
    const s = await practiceSetUp();
    const claim = (
      await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, 0) })
    ).body;
    const version = (await call("GET", `/v1/claims/${claim.claimId}`, { key: s.key })).body.version;
    const edits = await Promise.all(
      ["11", "22", "11", "22"].map((pos) =>
        call("PATCH", `/v1/claims/${claim.claimId}`, {
          key: s.key,
          body: { placeOfService: pos },
          headers: { "if-match": `"${version}"` },
        }),
      ),
    );
    expect(edits.filter((e) => e.status === 200)).toHaveLength(1);
    expect(edits.filter((e) => e.status !== 200).map((e) => e.status)).toEqual([412, 412, 412]);
  });

  it("lets the billing company issue patient statements, not a practice key (the README's role table)", async () => {
    const s = await practiceSetUp();
    const claim = (
      await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: encounterFor(s, 0) })
    ).body;
    const patientId = (await call("GET", `/v1/claims/${claim.claimId}`, { key: s.key })).body.patientId;
    const practiceKey = await newKey(s.key, "practice", s.practiceId);
    expect(
      (await call("POST", `/v1/practices/${s.practiceId}/patients/${patientId}/statements`, { key: practiceKey }))
        .status,
    ).toBe(403);
    expect(
      (await call("POST", `/v1/practices/${s.practiceId}/patients/${patientId}/statements`, { key: s.key })).status,
    ).toBe(201);
  });
});
