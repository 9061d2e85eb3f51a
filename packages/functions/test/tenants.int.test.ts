import { describe, expect, it } from "vitest";
import { ADMIN_KEY, call, newKey, newTenant, samples } from "./http.ts";

describe("tenants and API keys", () => {
  it("creates a tenant only with the platform admin key, and its owner key works once shown", async () => {
    expect((await call("POST", "/v1/tenants", { body: { name: "X Billing" } })).status).toBe(401);
    expect(
      (await call("POST", "/v1/tenants", { key: "not-the-admin-key-at-all", body: { name: "X Billing" } })).status,
    ).toBe(403);

    const res = await call("POST", "/v1/tenants", { key: ADMIN_KEY, body: { name: "Summit Billing Co" } });
    expect(res.status).toBe(201);
    expect(res.body.ownerKey.role).toBe("owner");
    const me = await call("GET", "/v1/tenant", { key: res.body.ownerKey.apiKey });
    expect(me.body).toMatchObject({ tenantId: res.body.tenant.tenantId, name: "Summit Billing Co", status: "active" });
  });

  it("lets the owner edit what invoices print, guarded by If-Match, and nobody else", async () => {
    const { ownerKey } = await newTenant("Edit Me Billing");
    const me = await call("GET", "/v1/tenant", { key: ownerKey });
    const ok = await call("PATCH", "/v1/tenant", {
      key: ownerKey,
      headers: { "if-match": me.headers.get("etag")! },
      body: { phone: "555-010-2000", paymentInstructions: "Check to PO Box 12" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await call("GET", "/v1/tenant", { key: ownerKey })).body).toMatchObject({
      name: "Edit Me Billing",
      phone: "555-010-2000",
      paymentInstructions: "Check to PO Box 12",
      version: 2,
    });
    expect(
      (
        await call("PATCH", "/v1/tenant", {
          key: ownerKey,
          headers: { "if-match": me.headers.get("etag")! },
          body: { phone: "555-010-3000" },
        })
      ).status,
    ).toBe(412);
    expect((await call("PATCH", "/v1/tenant", { key: ownerKey, body: { email: "not an email" } })).status).toBe(422);
    const biller = await newKey(ownerKey, "biller");
    expect((await call("PATCH", "/v1/tenant", { key: biller, body: { phone: "555-010-4000" } })).status).toBe(403);
  });

  it("lists keys without secrets and refuses a revoked key", async () => {
    const { ownerKey } = await newTenant();
    const created = await call("POST", "/v1/api-keys", {
      key: ownerKey,
      body: { name: "Dana (biller)", role: "biller" },
    });
    expect(created.status).toBe(201);
    const billerKey: string = created.body.apiKey;
    expect((await call("GET", "/v1/payers", { key: billerKey })).status).toBe(200);

    const list = await call("GET", "/v1/api-keys", { key: ownerKey });
    expect(list.body.items).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(billerKey.split(".")[2]);
    expect(list.body.items.every((k: Record<string, unknown>) => !("apiKey" in k) && !("secretHash" in k))).toBe(true);

    const revoked = await call("DELETE", `/v1/api-keys/${created.body.keyId}`, { key: ownerKey });
    expect(revoked.body.revokedAt).toBeTruthy();
    const after = await call("GET", "/v1/payers", { key: billerKey });
    expect(after.status).toBe(401);
    expect(after.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers 401 for a missing, malformed or forged key", async () => {
    const { ownerKey } = await newTenant();
    expect((await call("GET", "/v1/practices")).status).toBe(401);
    expect((await call("GET", "/v1/practices", { key: "garbage" })).status).toBe(401);
    const forged = ownerKey.replace(/\.[^.]+$/, ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect((await call("GET", "/v1/practices", { key: forged })).status).toBe(401);
  });

  it("lets only owners manage keys, and binds practice keys to an existing practice", async () => {
    const { ownerKey } = await newTenant();
    const biller = await newKey(ownerKey, "biller");
    expect((await call("POST", "/v1/api-keys", { key: biller, body: { name: "x", role: "owner" } })).status).toBe(403);
    expect((await call("GET", "/v1/api-keys", { key: biller })).status).toBe(403);

    const noPractice = await call("POST", "/v1/api-keys", { key: ownerKey, body: { name: "x", role: "practice" } });
    expect(noPractice.status).toBe(422);
    expect(noPractice.body.errors).toContainEqual({ path: "practiceId", message: "is required for a practice key" });
    const unknown = await call("POST", "/v1/api-keys", {
      key: ownerKey,
      body: { name: "x", role: "practice", practiceId: "prc_doesnotexist00" },
    });
    expect(unknown.status).toBe(422);
  });

  it("never lets one tenant's key touch another tenant's keys", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const bKeys = await call("GET", "/v1/api-keys", { key: b.ownerKey });
    const bKeyId = bKeys.body.items[0].keyId;
    expect((await call("DELETE", `/v1/api-keys/${bKeyId}`, { key: a.ownerKey })).status).toBe(404);
    expect((await call("GET", "/v1/payers", { key: b.ownerKey })).status).toBe(200);
    // A practice of tenant B cannot be bound to a key of tenant A.
    const bPractice = await call("POST", "/v1/practices", { key: b.ownerKey, body: samples.practice });
    const cross = await call("POST", "/v1/api-keys", {
      key: a.ownerKey,
      body: { name: "x", role: "practice", practiceId: bPractice.body.practiceId },
    });
    expect(cross.status).toBe(422);
  });
});
