import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signatures (https://github.com/standard-webhooks/standard-webhooks,
 * spec/standard-webhooks.md, "Signature scheme" and "Webhook headers"): the secret is
 * `whsec_<base64 of 24+ random bytes>`; the signed content is `<webhook-id>.<webhook-timestamp>.<body>`;
 * `webhook-signature` is `v1,<base64 HMAC-SHA256>` (space-separated when several secrets sign).
 */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ""), "base64");

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The headers of one delivery attempt. */
export function signedHeaders(secret: string, id: string, body: string, at = Date.now()): Record<string, string> {
  const timestamp = Math.floor(at / 1000);
  return {
    "content-type": "application/json",
    "user-agent": "ClaimLedger-Webhooks/1",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, id, timestamp, body),
  };
}

/**
 * What a receiver runs (the README shows the same few lines): the signature must match and the
 * timestamp be within `toleranceSeconds` of now (a replayed old request is refused).
 */
export function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  toleranceSeconds = 300,
  nowMs = Date.now(),
): boolean {
  const id = String(headers["webhook-id"] ?? "");
  const ts = Number(headers["webhook-timestamp"]);
  if (!id || !Number.isInteger(ts) || Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, id, ts, body).slice(3), "base64");
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((s) => {
      const [version, sig] = s.split(",");
      const got = Buffer.from(sig ?? "", "base64");
      return version === "v1" && got.length === expected.length && timingSafeEqual(got, expected);
    });
}
