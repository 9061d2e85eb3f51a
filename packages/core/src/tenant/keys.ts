import { createHash, timingSafeEqual } from "node:crypto";

/**
 * API key format: `clk_<tenantId>.<keyId>.<secret>`. Tenant and key id are the lookup prefix
 * (so the stored item is found with one GetItem inside the tenant's partition); only the SHA-256
 * of the secret is stored. The secret is 256 random bits, so a fast hash is the right one.
 */
export const KEY_PREFIX = "clk_";

export interface ParsedKey {
  tenantId: string;
  keyId: string;
  secret: string;
}

export function formatKey(k: ParsedKey): string {
  return `${KEY_PREFIX}${k.tenantId}.${k.keyId}.${k.secret}`;
}

export function parseKey(raw: string): ParsedKey | undefined {
  if (!raw.startsWith(KEY_PREFIX) || raw.length > 200) return undefined;
  const parts = raw.slice(KEY_PREFIX.length).split(".");
  if (parts.length !== 3) return undefined;
  const [tenantId, keyId, secret] = parts as [string, string, string];
  if (!/^tnt_[0-9a-z]+$/.test(tenantId) || !/^key_[0-9a-z]+$/.test(keyId) || secret.length < 32) {
    return undefined;
  }
  return { tenantId, keyId, secret };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
