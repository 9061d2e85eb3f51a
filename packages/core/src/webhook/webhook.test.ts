import { describe, expect, it } from "vitest";
import { newSigningSecret, sign, signedHeaders, verify } from "./sign.ts";
import { post, refusedAddress, urlProblem } from "./outbound.ts";
import { eventTime, newEventId } from "../event/event.service.ts";

describe("Standard Webhooks signatures", () => {
  it("signs id.timestamp.body with the secret's bytes and verifies only what was signed", () => {
    // The spec's own example secret and content (standard-webhooks spec, "Signature scheme").
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const body = '{"test": 2432232314}';
    expect(sign(secret, id, 1614265330, body)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    const headers = signedHeaders(secret, id, body, 1614265330_000);
    expect(verify(secret, headers, body, 300, 1614265330_000)).toBe(true);
    expect(verify(secret, headers, `${body} `, 300, 1614265330_000)).toBe(false);
    expect(verify(newSigningSecret(), headers, body, 300, 1614265330_000)).toBe(false);
    expect(verify(secret, headers, body, 300, 1614265330_000 + 301_000)).toBe(false);
    expect(
      verify(
        secret,
        { ...headers, "webhook-signature": `v1,bad v1a,x ${headers["webhook-signature"]}` },
        body,
        300,
        1614265330_000,
      ),
    ).toBe(true);
  });
});

describe("outbound requests", () => {
  it("refuses private, loopback, link-local and reserved addresses (v4, v6 and v4-mapped)", () => {
    for (const a of [
      "10.0.0.1",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.169.254",
      "127.0.0.1",
      "0.0.0.0",
      "100.64.0.1",
      "::1",
      "fe80::1",
      "fd12::1",
      "::ffff:10.0.0.1",
      "::ffff:127.0.0.1",
      "224.0.0.1",
    ])
      expect(refusedAddress(a), a).toBeDefined();
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700::1111"]) expect(refusedAddress(a), a).toBeUndefined();
    expect(urlProblem("http://example.com/")).toBe("must be an https URL");
    expect(urlProblem("https://user:pw@example.com/")).toBe("must not carry credentials");
    expect(urlProblem("https://169.254.169.254/")).toMatch(/link-local/);
    expect(urlProblem("https://example.com/hook")).toBeUndefined();
  });

  it("checks the addresses a name resolves to before connecting", async () => {
    // localhost is a name (so it passes the URL check) that resolves to loopback: refused at connect.
    const r = await post("https://localhost:9/hook", {}, "{}");
    expect(r.code).toBeUndefined();
    expect(r.error).toMatch(/^refused: localhost resolves to a loopback address/);
  });
});

describe("event ids", () => {
  it("sort by time and tell it", () => {
    const a = newEventId(1_764_000_000_000);
    const b = newEventId(1_764_000_000_001);
    expect(a < b).toBe(true);
    expect(eventTime(a)).toBe(1_764_000_000_000);
    expect(a).toMatch(/^ev_[0-9a-z]{17}$/);
  });

  it("made in the same millisecond, follow each other in the order made", () => {
    const ids = Array.from({ length: 50 }, () => newEventId(1_764_000_000_500));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
    expect(ids.every((id) => eventTime(id) === 1_764_000_000_500)).toBe(true);
  });
});
