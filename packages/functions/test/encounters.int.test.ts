import { beforeAll, describe, expect, it } from "vitest";
import { call, newKey, newTenant, samples } from "./http.ts";
import { daysAgo } from "./cycle.ts";

let key: string;
let practiceId: string;
let otherPracticeId: string;
let providerId: string;
let payerId: string;
let patientId: string;

function encounter(overrides: Record<string, unknown> = {}) {
  return {
    externalId: "V-1001",
    patientId,
    renderingProviderId: providerId,
    placeOfService: "11",
    serviceDate: daysAgo(3),
    diagnoses: ["E11.9", "I10"],
    lines: [
      { procedureCode: "99214", modifiers: ["25"], units: 1, chargeCents: 18500, diagnosisPointers: [1, 2] },
      { procedureCode: "93000", units: 1, chargeCents: 6000, diagnosisPointers: [2] },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  ({ ownerKey: key } = await newTenant());
  practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  otherPracticeId = (
    await call("POST", "/v1/practices", { key, body: { ...samples.practice, legalName: "Other Practice" } })
  ).body.practiceId;
  providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
  patientId = (await call("POST", `/v1/practices/${practiceId}/patients`, { key, body: samples.patient(payerId) })).body
    .patientId;
});

describe("encounter intake", () => {
  it("turns a clean encounter into a ready claim whose id fits CLM01", async () => {
    const res = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: encounter({ serviceDate: daysAgo(10) }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The one warning a claim carries while no NCCI PTP/MUE/add-on tables are imported (none ship).
    expect(res.body).toMatchObject({
      outcome: "accepted",
      status: "ready",
      findings: [expect.objectContaining({ ruleId: "edits.missing", severity: "warning" })],
      externalId: "V-1001",
    });
    expect(res.body.claimId.length).toBeLessThanOrEqual(20);
    const claim = await call("GET", `/v1/claims/${res.body.claimId}`, { key });
    expect(claim.body).toMatchObject({
      status: "ready",
      totalChargeCents: 24500,
      payerId,
      practiceId,
      frequencyCode: "1",
    });
    expect(claim.body.doc.coverage).toMatchObject({
      order: "primary",
      clearinghousePayerId: "BPH01",
      memberId: "XJH123456789",
    });
    expect(claim.body.doc.billingProvider).toMatchObject({ npi: samples.practice.npi, taxId: "123456789" });
    const history = await call("GET", `/v1/claims/${res.body.claimId}/history`, { key });
    expect(history.body.items.map((e: { from?: string; to: string }) => `${e.from ?? ""}>${e.to}`)).toEqual([
      ">draft",
      "draft>ready",
    ]);
  });

  it("puts a claim with blocking findings in needs_review, with each finding's path and fix", async () => {
    const res = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: encounter({
        serviceDate: daysAgo(4),
        diagnoses: ["E11.9"],
        lines: [{ procedureCode: "99213", chargeCents: 12000, diagnosisPointers: [3] }],
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe("needs_review");
    expect(res.body.findings).toContainEqual(
      expect.objectContaining({ ruleId: "dx.pointer", severity: "error", path: "lines.0.diagnosisPointers.0" }),
    );
    const queue = await call("GET", `/v1/claims?status=needs_review&practiceId=${practiceId}`, { key });
    const listed = queue.body.items.find((c: { claimId: string }) => c.claimId === res.body.claimId);
    expect(listed.findings[0].fixHint).toBeTruthy();
  });

  it("creates nothing twice for a retried upload, and catches the same visit under another key", async () => {
    const body = encounter({ serviceDate: daysAgo(5) });
    const headers = { "idempotency-key": "upload-777" };
    const first = await call("POST", `/v1/practices/${practiceId}/encounters`, { key, body, headers });
    const retry = await call("POST", `/v1/practices/${practiceId}/encounters`, { key, body, headers });
    expect(retry.body.claimId).toBe(first.body.claimId);
    const again = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: { ...body, lines: [...body.lines].reverse() },
      headers: { "idempotency-key": "upload-778" },
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(first.body.claimId);
    const all = await call(
      "GET",
      `/v1/claims?practiceId=${practiceId}&serviceDateFrom=${daysAgo(5)}&serviceDateTo=${daysAgo(5)}`,
      { key },
    );
    expect(all.body.items).toHaveLength(1);
  });

  it("answers a batch item by item, keeping the good ones", async () => {
    const res = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: {
        encounters: [
          encounter({ externalId: "B-1", serviceDate: daysAgo(6) }),
          encounter({ externalId: "B-2", serviceDate: daysAgo(6), lines: [] }),
          encounter({ externalId: "B-3", serviceDate: daysAgo(6), renderingProviderId: "prv_nosuchprovider" }),
          encounter({ externalId: "B-4", serviceDate: daysAgo(7) }),
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 2 });
    expect(
      res.body.results.map((r: { externalId: string; outcome: string }) => `${r.externalId}:${r.outcome}`),
    ).toEqual(["B-1:accepted", "B-2:rejected", "B-3:rejected", "B-4:accepted"]);
    expect(res.body.results[1].problem.errors).toContainEqual({ path: "lines", message: "at least one service line" });
    expect(res.body.results[2].problem.errors).toContainEqual({
      path: "renderingProviderId",
      message: "no such provider in this practice",
    });
    const tooMany = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: { encounters: Array.from({ length: 501 }, () => ({})) },
    });
    expect(tooMany.status).toBe(422);
  });

  it("matches an inline patient to the existing record and fills charges from the fee schedule", async () => {
    const fs = await call("PUT", `/v1/practices/${practiceId}/fee-schedule`, {
      key,
      body: {
        entries: [
          { procedureCode: "99213", chargeCents: 11000 },
          { procedureCode: "99213", modifier: "25", chargeCents: 11500 },
        ],
      },
    });
    expect(fs.status).toBe(200);
    const { patientId: _p, ...rest } = encounter();
    const res = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: {
        ...rest,
        serviceDate: daysAgo(8),
        patient: samples.patient(payerId),
        lines: [
          { procedureCode: "99213", modifiers: ["25"], diagnosisPointers: [1] },
          { procedureCode: "99213", modifiers: ["LT"], diagnosisPointers: [1] },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const claim = (await call("GET", `/v1/claims/${res.body.claimId}`, { key })).body;
    expect(claim.patientId).toBe(patientId);
    expect(
      claim.doc.lines.map((l: { chargeCents: number; chargeSource: string }) => [l.chargeCents, l.chargeSource]),
    ).toEqual([
      [11500, "fee_schedule"],
      [11000, "fee_schedule"],
    ]);
    const patients = await call("GET", `/v1/practices/${practiceId}/patients`, { key });
    expect(patients.body.items.filter((p: { lastName: string }) => p.lastName === "Lee")).toHaveLength(1);
  });

  it("keeps practice keys to their own practice's claims", async () => {
    const pk = await newKey(key, "practice", otherPracticeId);
    const mine = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: encounter({ serviceDate: daysAgo(9) }),
    });
    expect((await call("GET", `/v1/claims/${mine.body.claimId}`, { key: pk })).status).toBe(404);
    expect((await call("POST", `/v1/practices/${practiceId}/encounters`, { key: pk, body: encounter() })).status).toBe(
      404,
    );
    expect((await call("GET", `/v1/claims?practiceId=${practiceId}`, { key: pk })).body.items).toEqual([]);
    const other = await newTenant();
    expect((await call("GET", `/v1/claims/${mine.body.claimId}`, { key: other.ownerKey })).status).toBe(404);
  });
});

describe("claims", () => {
  it("edits with If-Match, re-scrubs, and refuses a stale version", async () => {
    const bad = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: encounter({ serviceDate: daysAgo(11), placeOfService: "88" }),
    });
    expect(bad.body.status).toBe("needs_review");
    const id = bad.body.claimId;
    expect((await call("PATCH", `/v1/claims/${id}`, { key, body: { placeOfService: "11" } })).status).toBe(428);
    const fixed = await call("PATCH", `/v1/claims/${id}`, {
      key,
      body: { placeOfService: "11", reason: "POS typo" },
      headers: { "if-match": '"1"' },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    // The one warning a claim carries while no NCCI PTP/MUE/add-on tables are imported (none ship).
    expect(fixed.body).toMatchObject({
      status: "ready",
      version: 2,
      edits: 1,
      findings: [expect.objectContaining({ ruleId: "edits.missing" })],
    });
    const stale = await call("PATCH", `/v1/claims/${id}`, {
      key,
      body: { placeOfService: "22" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    const history = (await call("GET", `/v1/claims/${id}/history`, { key })).body.items;
    expect(history.at(-1)).toMatchObject({ from: "needs_review", to: "ready" });
    expect(history.find((e: { kind: string }) => e.kind === "edit")).toMatchObject({
      fields: ["placeOfService"],
      reason: "POS typo",
    });
  });

  it("refuses illegal status moves and allows hold and release", async () => {
    const c = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: encounter({ serviceDate: daysAgo(12) }),
    });
    const id = c.body.claimId;
    expect((await call("POST", `/v1/claims/${id}/status`, { key, body: { to: "closed", reason: "x" } })).status).toBe(
      409,
    );
    expect((await call("POST", `/v1/claims/${id}/replacement`, { key, body: { reason: "x" } })).status).toBe(409);
    const held = await call("POST", `/v1/claims/${id}/status`, {
      key,
      body: { to: "on_hold", reason: "waiting for op note" },
    });
    expect(held.body.status).toBe("on_hold");
    const released = await call("POST", `/v1/claims/${id}/status`, {
      key,
      body: { to: "needs_review", reason: "op note in" },
    });
    expect(released.body.status).toBe("needs_review");
    const voided = await call("POST", `/v1/claims/${id}/status`, {
      key,
      body: { to: "voided", reason: "duplicate visit" },
    });
    expect(voided.body.status).toBe("voided");
    expect(
      (await call("POST", `/v1/claims/${id}/status`, { key, body: { to: "needs_review", reason: "x" } })).status,
    ).toBe(409);
    // A voided visit can be sent again.
    const resend = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: encounter({ serviceDate: daysAgo(12) }),
    });
    expect(resend.status).toBe(201);
  });

  it("lists by status across the tenant, by date range and age, and pages with a cursor", async () => {
    const ready = await call("GET", `/v1/claims?status=ready&limit=2`, { key });
    expect(ready.body.items).toHaveLength(2);
    expect(ready.body.nextCursor).toBeTruthy();
    const dates = ready.body.items.map((c: { serviceDate: string }) => c.serviceDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    const next = await call(
      "GET",
      `/v1/claims?status=ready&limit=2&cursor=${encodeURIComponent(ready.body.nextCursor)}`,
      { key },
    );
    expect(next.body.items[0].claimId).not.toBe(ready.body.items[0].claimId);
    const old = await call("GET", `/v1/claims?practiceId=${practiceId}&minAgeDays=9`, { key });
    expect(old.body.items.length).toBeGreaterThan(0);
    expect(old.body.items.every((c: { serviceDate: string }) => c.serviceDate <= daysAgo(9))).toBe(true);
    expect((await call("GET", "/v1/claims", { key })).status).toBe(422);
  });
});

describe("scrub rule settings", () => {
  it("lets an owner turn a rule into a warning so such claims become ready", async () => {
    const { ownerKey } = await newTenant();
    const prac = (await call("POST", "/v1/practices", { key: ownerKey, body: samples.practice })).body.practiceId;
    const prov = (await call("POST", `/v1/practices/${prac}/providers`, { key: ownerKey, body: samples.provider })).body
      .providerId;
    const pay = (await call("POST", "/v1/payers", { key: ownerKey, body: samples.payer })).body.payerId;
    const pat = (await call("POST", `/v1/practices/${prac}/patients`, { key: ownerKey, body: samples.patient(pay) }))
      .body.patientId;
    const body = {
      patientId: pat,
      renderingProviderId: prov,
      placeOfService: "11",
      serviceDate: daysAgo(2),
      diagnoses: ["I10"],
      lines: [
        { procedureCode: "99213", chargeCents: 10000, diagnosisPointers: [1] },
        { procedureCode: "99213", chargeCents: 10000, diagnosisPointers: [1] },
      ],
    };
    const rules = await call("GET", "/v1/scrub-rules", { key: ownerKey });
    expect(rules.body.items.length).toBeGreaterThanOrEqual(20);
    const biller = await newKey(ownerKey, "biller");
    expect((await call("PUT", "/v1/scrub-rules/dx.required", { key: biller, body: { setting: "off" } })).status).toBe(
      403,
    );
    const set = await call("PUT", "/v1/scrub-rules/line.charge", { key: ownerKey, body: { setting: "warning" } });
    expect(set.body).toMatchObject({ ruleId: "line.charge", setting: "warning" });
    const res = await call("POST", `/v1/practices/${prac}/encounters`, {
      key: ownerKey,
      body: { ...body, lines: [{ procedureCode: "99213", chargeCents: 0, diagnosisPointers: [1] }] },
    });
    expect(res.body.findings).toContainEqual(expect.objectContaining({ ruleId: "line.charge", severity: "warning" }));
    expect(
      (await call("PUT", "/v1/scrub-rules/no.such.rule", { key: ownerKey, body: { setting: "off" } })).status,
    ).toBe(404);
  });
});
