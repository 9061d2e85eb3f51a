import { afterAll, expect, it } from "vitest";
import { setFaults } from "@claimledger/core/shared/faults.ts";
import { call, newTenant, samples } from "./http.ts";

afterAll(() => setFaults({ conflict: 0, throttle: 0 }));

it("a change DynamoDB keeps cancelling for contention answers 503 with Retry-After, not 500, and writes nothing", async () => {
  const { ownerKey } = await newTenant();
  setFaults({ conflict: 1, throttle: 0 }); // every transaction cancelled, as under heavy contention
  const res = await call("POST", "/v1/practices", { key: ownerKey, body: samples.practice });
  setFaults({ conflict: 0, throttle: 0 });
  expect(res.status).toBe(503);
  expect(res.body.type).toBe("urn:claimledger:problem:busy");
  expect(res.headers.get("retry-after")).toBe("1");
  expect((await call("GET", "/v1/practices", { key: ownerKey })).body.items).toEqual([]);
});
