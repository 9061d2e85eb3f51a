import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPoll } from "@claimledger/core/inbound/index.ts";
import { build271, read270 } from "@claimledger/core/clearinghouse/sandbox/eligibility.ts";
import { startSftpServer, type SftpServer } from "../../core/test/sftp-server.ts";
import { drainEligibilityUntil } from "./eligibility.ts";
import { handler as fanoutHandler } from "../src/queue/webhook-fanout.ts";
import { call, newKey, samples } from "./http.ts";
import { daysAgo, practiceSetUp } from "./cycle.ts";
import { pollNow } from "./poll.ts";
import { applyInbound } from "./inbound.ts";

/**
 * Eligibility (270/271) through the API against the sandbox clearinghouse, whose answers follow
 * its documented rule on the member id (README, "Sandbox clearinghouse"): NF… not found, NM… name
 * mismatch, INA… inactive, anything else active with benefits picked from the member id's SHA-256.
 */

/** The sandbox's documented benefits for an active member id. */
function sandboxFigures(memberId: string) {
  const h = createHash("sha256").update(memberId.toUpperCase()).digest()[0]!;
  return {
    copayCents: 2000 + 500 * (h % 5),
    deductibleRemainingCents: 150000 - 10000 * (h % 16),
    outOfPocketRemainingCents: 600000 - 25000 * (h % 8),
  };
}

async function patientWith(s: { key: string; practiceId: string; payerId: string }, memberId: string, over = {}) {
  const body = { ...samples.patient(s.payerId), ...over } as any;
  body.coverages = [{ ...body.coverages[0], memberId }];
  const r = await call("POST", `/v1/practices/${s.practiceId}/patients`, { key: s.key, body });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { patientId: string; coverages: { coverageId: string }[] };
}

const check = (s: { key: string; practiceId: string }, patientId: string, extra = {}) =>
  call("POST", "/v1/eligibility-checks", { key: s.key, body: { practiceId: s.practiceId, patientId, ...extra } });

describe("eligibility checks", () => {
  it("answers an active coverage in real time with its benefits and what an office visit will cost", async () => {
    const s = await practiceSetUp();
    const p = await patientWith(s, "XJH700001");
    const r = await check(s, p.patientId, { serviceDate: daysAgo(0) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.headers.get("location")).toBe(`/v1/eligibility-checks/${r.body.checkId}`);
    const f = sandboxFigures("XJH700001");
    expect(r.body).toMatchObject({ status: "answered", mode: "realtime", coverageId: p.coverages[0]!.coverageId });
    const result = r.body.result;
    expect(result.status).toBe("active");
    expect(result.subscriber).toMatchObject({ memberId: "XJH700001", lastName: "Lee", firstName: "Jordan" });
    expect(result.coverageDates.planBegin).toBe(`${daysAgo(0).slice(0, 4)}-01-01`);
    const copay = result.benefits.find((b: any) => b.code === "B");
    expect(copay).toMatchObject({ amountCents: f.copayCents, network: "in" });
    expect(copay.serviceTypes[0].code).toBe("98");
    expect(result.mismatches).toEqual([]);
    // With a copay, the patient owes the copay for an office visit.
    expect(result.officeVisit).toMatchObject({
      copayCents: f.copayCents,
      likelyOwesCents: f.copayCents,
      coinsurancePercent: 20,
      deductibleRemainingCents: f.deductibleRemainingCents,
      outOfPocketRemainingCents: f.outOfPocketRemainingCents,
    });

    // The patient page shows it as the coverage's latest answer.
    const page = await call("GET", `/v1/practices/${s.practiceId}/patients/${p.patientId}/eligibility`, { key: s.key });
    expect(page.status).toBe(200);
    expect(page.body.coverages[0].latest).toMatchObject({ checkId: r.body.checkId, status: "active" });
    expect(page.body.checks.map((c: any) => c.checkId)).toEqual([r.body.checkId]);
  });

  it("reports inactive coverage and an unknown member in words, and the scrubber stops their claims", async () => {
    const s = await practiceSetUp();
    const inactive = await patientWith(s, "INA700002");
    const unknown = await patientWith(s, "NF700003", { firstName: "Riley" });
    const serviceDate = daysAgo(3);
    const a = await check(s, inactive.patientId, { serviceDate });
    expect(a.body.result.status).toBe("inactive");
    // The sandbox's plan ended on the last day of the month before the date asked about.
    const [y, m] = serviceDate.split("-").map(Number) as [number, number];
    const planEnd = new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
    expect(a.body.result.coverageDates.planEnd).toBe(planEnd);
    const b = await check(s, unknown.patientId, { serviceDate });
    expect(b.body.result.status).toBe("rejected");
    expect(b.body.result.rejections[0]).toMatchObject({ code: "75", followUp: "C" });
    expect(b.body.result.rejections[0].description).toMatch(/not found/i);

    for (const [p, why] of [
      [inactive, /reported the coverage inactive \(checked today, for .*\); the plan ended/],
      [unknown, /could not confirm eligibility \(checked today, for .*\): 75 /],
    ] as const) {
      const enc = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
        key: s.key,
        body: {
          patientId: p.patientId,
          renderingProviderId: s.providerId,
          placeOfService: "11",
          serviceDate,
          diagnoses: ["I10"],
          lines: [{ procedureCode: "99213", chargeCents: 12000, diagnosisPointers: [1] }],
        },
      });
      expect(enc.status, JSON.stringify(enc.body)).toBe(201);
      const claim = (await call("GET", `/v1/claims/${enc.body.claimId}`, { key: s.key })).body;
      expect(claim.status).toBe("needs_review");
      const finding = claim.findings.find((f: any) => f.ruleId === "eligibility.271");
      expect(finding?.severity).toBe("error");
      expect(finding.message).toMatch(why);
    }
  });

  it("stops a claim already ready when the payer then reports its coverage inactive", async () => {
    const s = await practiceSetUp();
    const p = await patientWith(s, "INA700008");
    const serviceDate = daysAgo(0);
    const enc = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
      key: s.key,
      body: {
        patientId: p.patientId,
        renderingProviderId: s.providerId,
        placeOfService: "11",
        serviceDate,
        diagnoses: ["I10"],
        lines: [{ procedureCode: "99213", chargeCents: 12000, diagnosisPointers: [1] }],
      },
    });
    expect(enc.body.status).toBe("ready");
    const r = await check(s, p.patientId, { serviceDate });
    expect(r.body.result.status).toBe("inactive");
    // The answer's event reaches the fan-out worker (after the commit), which scrubs the patient's unsent claims again.
    const events = (await call("GET", "/v1/events?types=eligibility.answered", { key: s.key })).body.items;
    expect(events.map((e: any) => e.ids)).toEqual([
      { checkId: r.body.checkId, patientId: p.patientId, coverageId: p.coverages[0]!.coverageId },
    ]);
    const body = JSON.stringify({ tenantId: s.tenantId, eventIds: events.map((e: any) => e.eventId) });
    expect(await fanoutHandler({ Records: [{ messageId: "m1", body }] } as never)).toEqual({ batchItemFailures: [] });
    const claim = (await call("GET", `/v1/claims/${enc.body.claimId}`, { key: s.key })).body;
    expect(claim.status).toBe("needs_review");
    expect(claim.findings.map((f: any) => f.ruleId)).toContain("eligibility.271");
    const history = (await call("GET", `/v1/claims/${enc.body.claimId}/history`, { key: s.key })).body.items;
    expect(history.at(-1)).toMatchObject({ actor: "system:scrub", to: "needs_review" });
  });

  it("keeps practices and companies apart", async () => {
    const s = await practiceSetUp();
    const p = await patientWith(s, "XJH700004");
    const r = await check(s, p.patientId);
    const other = (
      await call("POST", "/v1/practices", { key: s.key, body: { ...samples.practice, legalName: "Other Clinic PC" } })
    ).body;
    const otherKey = await newKey(s.key, "practice", other.practiceId);
    expect((await call("GET", `/v1/eligibility-checks/${r.body.checkId}`, { key: otherKey })).status).toBe(404);
    expect((await check({ key: otherKey, practiceId: s.practiceId }, p.patientId)).status).toBe(404);
    const t2 = await practiceSetUp();
    expect((await call("GET", `/v1/eligibility-checks/${r.body.checkId}`, { key: t2.key })).status).toBe(404);
    const viewer = await newKey(s.key, "viewer");
    expect((await check({ key: viewer, practiceId: s.practiceId }, p.patientId)).status).toBe(403);
  });

  it("checks a schedule of 200 visits through the queue and counts them as they come back", async () => {
    const s = await practiceSetUp();
    const visits = [];
    for (let i = 0; i < 200; i++) {
      // Every tenth member inactive (i = 0, 10, ... 190: 20), i = 1, 26, 51, ... 176 unknown (8); 172 active.
      const memberId = i % 10 === 0 ? `INA8${i}` : i % 25 === 1 ? `NF8${i}` : `XJH8${i}`;
      const p = await patientWith(s, memberId, { firstName: `Pat${i}` });
      visits.push({ patientId: p.patientId, serviceDate: daysAgo(-1) });
    }
    const queued = await call("POST", "/v1/eligibility-batches", {
      key: s.key,
      body: { practiceId: s.practiceId, visits },
    });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    expect(queued.body).toMatchObject({ total: 200, answered: 0, status: "running" });
    const batch = () => call("GET", `/v1/eligibility-batches/${queued.body.batchId}`, { key: s.key });
    await drainEligibilityUntil(s.tenantId, async () => (await batch()).body.status === "done", "the batch of 200");
    const done = await batch();
    expect(done.body).toMatchObject({
      total: 200,
      answered: 200,
      active: 172,
      inactive: 20,
      rejected: 8,
      failed: 0,
      status: "done",
    });
    expect(done.body.checks).toHaveLength(200);
    const list = await call("GET", `/v1/practices/${s.practiceId}/eligibility-batches`, { key: s.key });
    expect(list.body.items.map((b: any) => b.batchId)).toEqual([queued.body.batchId]);
  }, 180_000);

  it("takes a schedule as CSV, refusing a file with a bad row whole", async () => {
    const s = await practiceSetUp();
    const p = await patientWith(s, "XJH700005");
    const path = `/v1/practices/${s.practiceId}/eligibility-batches:import`;
    const headers = { "content-type": "text/csv" };
    const bad = await call("POST", path, {
      key: s.key,
      headers,
      raw: `patient_id,date_of_service\n${p.patientId},2026-13-01\npat_nosuchpatient,2026-12-02\n`,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: "row 2 date_of_service", message: expect.stringMatching(/date/) }]);
    const missing = await call("POST", path, {
      key: s.key,
      headers,
      raw: `patient_id,date_of_service\npat_nosuchpatient,2026-12-02\n`,
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe("visits.0.patientId");
    const ok = await call("POST", path, {
      key: s.key,
      headers,
      raw: `date_of_service,patient_id\n2026-12-02,${p.patientId}\n`,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    expect(ok.body.total).toBe(1);
  });

  it("with a batch-only clearinghouse, sends a 270 file and records the 271 that comes back at the next poll", async () => {
    const s = await practiceSetUp();
    expect(
      (await call("PUT", "/v1/clearinghouse", { key: s.key, body: { kind: "sandbox", realtimeEligibility: false } }))
        .status,
    ).toBe(200);
    const p = await patientWith(s, "INA700006");
    const r = await check(s, p.patientId);
    expect(r.status).toBe(202);
    expect(r.body.status).toBe("queued");
    const sent = async () => (await call("GET", `/v1/eligibility-checks/${r.body.checkId}`, { key: s.key })).body;
    await drainEligibilityUntil(s.tenantId, async () => (await sent()).status !== "queued", "the queued check");
    expect(await sent()).toMatchObject({
      status: "sent",
      mode: "batch",
    });
    const poll = await pollNow(s.key);
    const file = poll.files.find((f: any) => f.kind === "271");
    expect(file, JSON.stringify(poll.files)).toBeDefined();
    expect(await applyInbound(s.tenantId, file.sha256)).toBe("processed");
    const after = await call("GET", `/v1/eligibility-checks/${r.body.checkId}`, { key: s.key });
    expect(after.body).toMatchObject({ status: "answered", result: { status: "inactive" } });
    // The file says what it did: one answer, matched to the check by its trace number.
    const inbound = await call("GET", `/v1/inbound-files/${file.sha256}`, { key: s.key });
    expect(inbound.body.summary).toEqual({ answers: 1, matched: 1, unknown: 0 });
  });
});

describe("eligibility over SFTP", () => {
  let sshd: SftpServer;
  let ownerKey = "";
  beforeAll(async () => {
    sshd = await startSftpServer();
    process.env.CLAIMLEDGER_SECRET_ELIGTEST = JSON.stringify({ privateKey: sshd.privateKey });
  });
  afterAll(async () => {
    // Back on the sandbox, so no later scheduled poll looks for this file's secret.
    if (ownerKey) await call("PUT", "/v1/clearinghouse", { key: ownerKey, body: { kind: "sandbox" } });
    await sshd?.stop();
  });

  it("sends the 270 as a file in the outbound folder and applies the 271 the clearinghouse drops back", async () => {
    const s = await practiceSetUp();
    ownerKey = s.key;
    const dirs = {
      inboundDir: join(sshd.root, `elig-${s.tenantId}`, "out"),
      outboundDir: join(sshd.root, `elig-${s.tenantId}`, "in"),
    };
    for (const d of Object.values(dirs)) await mkdir(d, { recursive: true });
    const put = await call("PUT", "/v1/clearinghouse", {
      key: s.key,
      body: {
        kind: "sftp",
        host: sshd.host,
        port: sshd.port,
        username: sshd.username,
        ...dirs,
        hostKeySha256: sshd.hostKeySha256,
        secretName: "eligtest",
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const p = await patientWith(s, "XJH700007");
    const r = await check(s, p.patientId, { serviceDate: "2026-12-03" });
    expect([r.status, r.body.status]).toEqual([202, "queued"]);
    const sent = async () => (await call("GET", `/v1/eligibility-checks/${r.body.checkId}`, { key: s.key })).body;
    await drainEligibilityUntil(s.tenantId, async () => (await sent()).status !== "queued", "the SFTP check");
    expect(await sent()).toMatchObject({ status: "sent", mode: "batch" });
    const [name] = await readdir(dirs.outboundDir);
    expect(name).toMatch(/^\d{9}\.270$/);
    const request = await readFile(join(dirs.outboundDir, name!), "utf8");
    const asked = read270(request);
    expect(asked.inquiries.map((q) => [q.traceNumber, q.memberId, q.serviceDate])).toEqual([
      [r.body.checkId, "XJH700007", "2026-12-03"],
    ]);

    // The clearinghouse answers with a 271 in its folder; the next poll takes it.
    await writeFile(join(dirs.inboundDir, "answer.271"), build271(asked, 55, new Date()));
    expect(await runPoll({ tenantId: s.tenantId })).toBe("done");
    const files = (await call("GET", "/v1/inbound-files", { key: s.key })).body.items as any[];
    const file = files.find((f) => f.name === "answer.271");
    expect(await applyInbound(s.tenantId, file.sha256)).toBe("processed");
    expect(await sent()).toMatchObject({ status: "answered", result: { status: "active" } });
  });
});
