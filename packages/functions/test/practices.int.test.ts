import { describe, expect, it } from "vitest";
import { call, newKey, newTenant, samples } from "./http.ts";

describe("practices", () => {
  it("creates, reads, lists, updates with If-Match and records an audit trail", async () => {
    const { ownerKey } = await newTenant();
    const created = await call("POST", "/v1/practices", {
      key: ownerKey,
      body: {
        ...samples.practice,
        contracts: [{ effectiveFrom: "2026-01-01", percentBps: 650, monthlyMinimumCents: 60000 }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      legalName: "Lakeside Family Medicine PC",
      taxId: "123456789",
      status: "active",
      version: 1,
    });
    expect(created.headers.get("etag")).toBe('"1"');
    const id = created.body.practiceId;

    const got = await call("GET", `/v1/practices/${id}`, { key: ownerKey });
    expect(got.body.contracts).toEqual([{ effectiveFrom: "2026-01-01", percentBps: 650, monthlyMinimumCents: 60000 }]);

    const patched = await call("PATCH", `/v1/practices/${id}`, {
      key: ownerKey,
      body: { legalName: "Lakeside Medicine PC" },
      headers: { "if-match": '"1"' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ legalName: "Lakeside Medicine PC", version: 2 });

    const stale = await call("PATCH", `/v1/practices/${id}`, {
      key: ownerKey,
      body: { legalName: "Other Name" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect((await call("GET", `/v1/practices/${id}`, { key: ownerKey })).body.legalName).toBe("Lakeside Medicine PC");

    const trail = await call("GET", `/v1/audit-events?subject=practice:${id}`, { key: ownerKey });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(["updated", "created"]);
    expect(trail.body.items[0].fields).toEqual(["legalName"]);
  });

  it("keeps tiered, minimum and flat-fee contract terms, and refuses tiers that do not rise", async () => {
    const { ownerKey } = await newTenant();
    const term = {
      effectiveFrom: "2026-01-01",
      percentBps: 700,
      tiers: [{ upToCents: 5_000_000, percentBps: 700 }, { percentBps: 600 }],
      monthlyMinimumCents: 60_000,
      perClaimSubmittedCents: 350,
      counts: { insurance: true, patient: false, interest: false },
    };
    const ok = await call("POST", "/v1/practices", { key: ownerKey, body: { ...samples.practice, contracts: [term] } });
    expect(ok.status).toBe(201);
    expect(ok.body.contracts).toEqual([term]);
    const bad = await call("POST", "/v1/practices", {
      key: ownerKey,
      body: {
        ...samples.practice,
        contracts: [
          {
            ...term,
            tiers: [
              { upToCents: 5_000_000, percentBps: 700 },
              { upToCents: 100, percentBps: 600 },
            ],
          },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("contracts.0.tiers");
  });

  it("rejects bad input with a 422 naming every path, and writes nothing", async () => {
    const { ownerKey } = await newTenant();
    const res = await call("POST", "/v1/practices", {
      key: ownerKey,
      body: {
        ...samples.practice,
        npi: "1234567890",
        taxId: "12-34",
        address: { ...samples.practice.address, state: "XX" },
        timeZone: "Mars/Olympus",
        contracts: [
          { effectiveFrom: "2026-01-01", effectiveTo: "2026-06-30", percentBps: 600 },
          { effectiveFrom: "2026-06-01", percentBps: 12000 },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "npi",
        "taxId",
        "address.state",
        "timeZone",
        "contracts.1.percentBps",
        "contracts.1.effectiveFrom",
      ]),
    );
    expect(res.body.errors.find((e: { path: string }) => e.path === "npi").message).toMatch(/check digit/);
    expect((await call("GET", "/v1/practices", { key: ownerKey })).body.items).toEqual([]);
  });

  it("answers malformed JSON, wrong content type, unknown fields and oversize bodies with 4xx problems", async () => {
    const { ownerKey } = await newTenant();
    const malformed = await call("POST", "/v1/practices", {
      key: ownerKey,
      raw: '{"legalName": ',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe("urn:claimledger:problem:bad-request");

    const text = await call("POST", "/v1/practices", {
      key: ownerKey,
      raw: "legalName=x",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);

    const unknown = await call("POST", "/v1/practices", {
      key: ownerKey,
      body: { ...samples.practice, favouriteColour: "blue" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].message).toMatch(/favouriteColour/);

    const huge = await call("POST", "/v1/practices", {
      key: ownerKey,
      raw: JSON.stringify({ legalName: "x".repeat(7 * 1024 * 1024) }),
      headers: { "content-type": "application/json" },
    });
    expect(huge.status).toBe(413);

    const badCursor = await call("GET", "/v1/practices?cursor=bm90LWEtY3Vyc29y", { key: ownerKey });
    expect(badCursor.status).toBe(400);
    expect((await call("GET", "/v1/practices?limit=0", { key: ownerKey })).status).toBe(422);
  });

  it("paginates with a cursor until every practice is seen once", async () => {
    const { ownerKey } = await newTenant();
    for (let i = 0; i < 5; i++)
      await call("POST", "/v1/practices", { key: ownerKey, body: { ...samples.practice, legalName: `Practice ${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { legalName: string }[]; nextCursor: string | null } } = await call(
        "GET",
        `/v1/practices?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        { key: ownerKey },
      );
      seen.push(...res.body.items.map((p) => p.legalName));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual(["Practice 0", "Practice 1", "Practice 2", "Practice 3", "Practice 4"]);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("keeps contracts to owners, writes away from viewers, and a retried create makes one practice", async () => {
    const { ownerKey } = await newTenant();
    const biller = await newKey(ownerKey, "biller");
    const viewer = await newKey(ownerKey, "viewer");
    const withContract = { ...samples.practice, contracts: [{ effectiveFrom: "2026-01-01", percentBps: 500 }] };
    expect((await call("POST", "/v1/practices", { key: biller, body: withContract })).status).toBe(403);
    expect((await call("POST", "/v1/practices", { key: viewer, body: samples.practice })).status).toBe(403);

    const headers = { "idempotency-key": "onboard-lakeside-1" };
    const first = await call("POST", "/v1/practices", { key: biller, body: samples.practice, headers });
    const retry = await call("POST", "/v1/practices", { key: biller, body: samples.practice, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.practiceId).toBe(first.body.practiceId);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const reused = await call("POST", "/v1/practices", {
      key: biller,
      body: { ...samples.practice, legalName: "Other PC" },
      headers,
    });
    expect(reused.status).toBe(422);
    expect((await call("GET", "/v1/practices", { key: viewer })).body.items).toHaveLength(1);
  });
});
