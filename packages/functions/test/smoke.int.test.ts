import { expect, it } from "vitest";
import { call, newTenant, samples } from "./http.ts";

it("creates a tenant and a practice", async () => {
  const { ownerKey } = await newTenant();
  const res = await call("POST", "/v1/practices", { key: ownerKey, body: samples.practice });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
