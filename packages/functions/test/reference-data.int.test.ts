import { beforeAll, describe, expect, it } from "vitest";
import { call, newKey, newTenant, samples } from "./http.ts";

/** Two tenants; tenant A has two practices, each with a provider and a patient. */
let a: { ownerKey: string; practice1: string; practice2: string; payer: string; practiceKey1: string; viewer: string };
let b: { ownerKey: string; practice: string; payer: string; provider: string; patient: string };

async function practiceWithData(key: string, payerId: string) {
  const practice = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  const provider = (await call("POST", `/v1/practices/${practice}/providers`, { key, body: samples.provider })).body
    .providerId;
  const patient = (await call("POST", `/v1/practices/${practice}/patients`, { key, body: samples.patient(payerId) }))
    .body.patientId;
  return { practice, provider, patient };
}

beforeAll(async () => {
  const ta = await newTenant("Alpha Billing");
  const payerA = (await call("POST", "/v1/payers", { key: ta.ownerKey, body: samples.payer })).body.payerId;
  const p1 = await practiceWithData(ta.ownerKey, payerA);
  const p2 = await practiceWithData(ta.ownerKey, payerA);
  a = {
    ownerKey: ta.ownerKey,
    practice1: p1.practice,
    practice2: p2.practice,
    payer: payerA,
    practiceKey1: await newKey(ta.ownerKey, "practice", p1.practice),
    viewer: await newKey(ta.ownerKey, "viewer"),
  };
  const tb = await newTenant("Beta Billing");
  const payerB = (await call("POST", "/v1/payers", { key: tb.ownerKey, body: samples.payer })).body.payerId;
  const pb = await practiceWithData(tb.ownerKey, payerB);
  b = { ownerKey: tb.ownerKey, payer: payerB, ...pb };
});

describe("providers", () => {
  it("creates, lists, gets and updates a provider under a practice", async () => {
    const created = await call("POST", `/v1/practices/${a.practice1}/providers`, {
      key: a.ownerKey,
      body: {
        kind: "organization",
        organizationName: "Lakeside Group",
        npi: "1245319599",
        taxonomyCode: "261QP2300X",
        taxId: "98-7654321",
        roles: ["billing"],
      },
    });
    expect(created.status).toBe(201);
    const list = await call("GET", `/v1/practices/${a.practice1}/providers`, { key: a.ownerKey });
    expect(list.body.items.map((p: { providerId: string }) => p.providerId)).toContain(created.body.providerId);
    const patched = await call("PATCH", `/v1/practices/${a.practice1}/providers/${created.body.providerId}`, {
      key: a.ownerKey,
      body: { roles: ["billing", "rendering"] },
    });
    expect(patched.body.roles).toEqual(["billing", "rendering"]);
    const made = await call("GET", `/v1/practices/${a.practice1}/providers/${created.body.providerId}`, {
      key: a.ownerKey,
    });
    expect(made.body).toMatchObject({ version: 2, taxId: "987654321" });
  });

  it("requires names by kind and a valid NPI", async () => {
    const res = await call("POST", `/v1/practices/${a.practice1}/providers`, {
      key: a.ownerKey,
      body: { ...samples.provider, firstName: undefined, npi: "1679576721" },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["firstName", "npi"]);
  });
});

describe("payers", () => {
  it("creates and lists payers, and validates the filing indicator and limit", async () => {
    const list = await call("GET", "/v1/payers", { key: a.ownerKey });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ clearinghousePayerId: "BPH01", timelyFilingDays: 180 });
    const bad = await call("POST", "/v1/payers", {
      key: a.ownerKey,
      body: { ...samples.payer, claimFilingIndicator: "XX", timelyFilingDays: 0 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "claimFilingIndicator",
      "timelyFilingDays",
    ]);
  });
});

describe("patients", () => {
  it("registers a dependant with a complete subscriber, and names what is missing otherwise", async () => {
    const dependant = {
      ...samples.patient(a.payer),
      coverages: [
        {
          payerId: a.payer,
          memberId: "XJH999",
          order: "primary",
          relationship: "child",
          subscriber: {
            firstName: "Sam",
            lastName: "Lee",
            dateOfBirth: "1960-02-03",
            sex: "M",
            address: { line1: "12 Oak Ave", city: "Springfield", state: "IL", postalCode: "62702" },
          },
        },
      ],
    };
    const ok = await call("POST", `/v1/practices/${a.practice1}/patients`, { key: a.ownerKey, body: dependant });
    expect(ok.status).toBe(201);
    expect(ok.body.coverages[0].coverageId).toMatch(/^cov_/);

    const missing = structuredClone(dependant);
    delete (missing.coverages[0]!.subscriber as Record<string, unknown>).dateOfBirth;
    delete (missing.coverages[0]!.subscriber as Record<string, unknown>).address;
    const bad = await call("POST", `/v1/practices/${a.practice1}/patients`, { key: a.ownerKey, body: missing });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "coverages.0.subscriber.address",
      "coverages.0.subscriber.dateOfBirth",
    ]);
    expect(bad.body.errors[0].message).toMatch(/subscriber incomplete/);

    const none = { ...dependant, coverages: [{ ...dependant.coverages[0], subscriber: undefined }] };
    const noSub = await call("POST", `/v1/practices/${a.practice1}/patients`, { key: a.ownerKey, body: none });
    expect(noSub.body.errors[0]).toMatchObject({ path: "coverages.0.subscriber" });
    expect(noSub.body.errors[0].message).toMatch(/child/);
  });

  it("refuses a coverage naming another tenant's payer, and keeps coverage ids across edits", async () => {
    const foreign = await call("POST", `/v1/practices/${a.practice1}/patients`, {
      key: a.ownerKey,
      body: samples.patient(b.payer),
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ path: "coverages.0.payerId", message: "no such payer" }]);

    const pat = await call("POST", `/v1/practices/${a.practice1}/patients`, {
      key: a.ownerKey,
      body: samples.patient(a.payer),
    });
    const covId = pat.body.coverages[0].coverageId;
    const upd = await call("PATCH", `/v1/practices/${a.practice1}/patients/${pat.body.patientId}`, {
      key: a.ownerKey,
      body: { phone: "2175550100", coverages: [{ ...samples.patient(a.payer).coverages[0], groupNumber: "G200" }] },
    });
    expect(upd.status).toBe(200);
    expect(upd.body.coverages[0]).toMatchObject({ coverageId: covId, groupNumber: "G200" });
  });
});

describe("isolation", () => {
  it("answers 404 for every id of another tenant", async () => {
    const k = a.ownerKey;
    for (const path of [
      `/v1/practices/${b.practice}`,
      `/v1/practices/${b.practice}/providers`,
      `/v1/practices/${b.practice}/providers/${b.provider}`,
      `/v1/practices/${b.practice}/patients`,
      `/v1/practices/${b.practice}/patients/${b.patient}`,
      `/v1/payers/${b.payer}`,
    ]) {
      const res = await call("GET", path, { key: k });
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Lee");
    }
    expect((await call("PATCH", `/v1/practices/${b.practice}`, { key: k, body: { legalName: "Hijack" } })).status).toBe(
      404,
    );
    expect((await call("PATCH", `/v1/payers/${b.payer}`, { key: k, body: { name: "Hijack" } })).status).toBe(404);
    expect(
      (await call("POST", `/v1/practices/${b.practice}/patients`, { key: k, body: samples.patient(a.payer) })).status,
    ).toBe(404);
    expect((await call("GET", `/v1/practices/${b.practice}`, { key: b.ownerKey })).body.legalName).toBe(
      samples.practice.legalName,
    );
    const lists = await call("GET", "/v1/practices", { key: k });
    expect(lists.body.items.map((p: { practiceId: string }) => p.practiceId)).not.toContain(b.practice);
  });

  it("keeps a practice key inside its practice", async () => {
    const k = a.practiceKey1;
    const own = await call("GET", "/v1/practices", { key: k });
    expect(own.body.items.map((p: { practiceId: string }) => p.practiceId)).toEqual([a.practice1]);
    expect((await call("GET", `/v1/practices/${a.practice2}`, { key: k })).status).toBe(404);
    expect((await call("GET", `/v1/practices/${a.practice2}/patients`, { key: k })).status).toBe(404);
    expect((await call("GET", `/v1/practices/${a.practice2}/providers`, { key: k })).status).toBe(404);
    expect(
      (await call("POST", `/v1/practices/${a.practice2}/patients`, { key: k, body: samples.patient(a.payer) })).status,
    ).toBe(404);
    // Inside its own practice it may register patients but not change the practice or its providers.
    expect(
      (await call("POST", `/v1/practices/${a.practice1}/patients`, { key: k, body: samples.patient(a.payer) })).status,
    ).toBe(201);
    expect((await call("PATCH", `/v1/practices/${a.practice1}`, { key: k, body: { legalName: "Mine" } })).status).toBe(
      403,
    );
    expect(
      (await call("POST", `/v1/practices/${a.practice1}/providers`, { key: k, body: samples.provider })).status,
    ).toBe(403);
    expect((await call("GET", `/v1/audit-events?subject=practice:${a.practice1}`, { key: k })).status).toBe(403);
  });

  it("lets a viewer read but never write", async () => {
    const k = a.viewer;
    expect((await call("GET", `/v1/practices/${a.practice1}/patients`, { key: k })).status).toBe(200);
    expect((await call("POST", "/v1/payers", { key: k, body: samples.payer })).status).toBe(403);
    expect(
      (await call("POST", `/v1/practices/${a.practice1}/patients`, { key: k, body: samples.patient(a.payer) })).status,
    ).toBe(403);
    expect((await call("PATCH", `/v1/practices/${a.practice1}`, { key: k, body: { legalName: "View" } })).status).toBe(
      403,
    );
  });
});

describe("API description", () => {
  it("serves OpenAPI 3.1 generated from the schemas, and readable docs", async () => {
    const doc = await call("GET", "/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(["/v1/practices", "/v1/practices/{practiceId}/patients", "/v1/payers", "/v1/api-keys"]),
    );
    const body = doc.body.paths["/v1/practices"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["legalName", "npi", "taxId"]));
    const html = await call("GET", "/docs");
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.body).toContain("/v1/practices/{practiceId}/patients");
  });
});
