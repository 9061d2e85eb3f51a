import { newSecret } from "../shared/ids.ts";
import { hashSecret, secretMatches } from "../tenant/index.ts";

/**
 * Session cookies, invitation links and password-reset links carry `<prefix><tenantId>.<id>.<secret>`,
 * like API keys: the tenant and record id find the stored item with one GetItem inside the tenant's
 * partition, and only the secret's SHA-256 is stored (256 random bits need no slow hash).
 */
export type TokenKind = "session" | "invitation" | "reset";
const PREFIX: Record<TokenKind, string> = { session: "cls_", invitation: "inv_", reset: "rst_" };
const ID: Record<TokenKind, RegExp> = {
  session: /^ses_[0-9a-z]+$/,
  invitation: /^ivt_[0-9a-z]+$/,
  reset: /^usr_[0-9a-z]+$/,
};

export interface Token {
  tenantId: string;
  id: string;
  secret: string;
}

export function newToken(kind: TokenKind, tenantId: string, id: string): { token: string; secretHash: string } {
  const secret = newSecret();
  return { token: `${PREFIX[kind]}${tenantId}.${id}.${secret}`, secretHash: hashToken(secret) };
}

export function parseToken(kind: TokenKind, raw: string | undefined): Token | undefined {
  if (!raw || !raw.startsWith(PREFIX[kind]) || raw.length > 200) return undefined;
  const [tenantId, id, secret, ...rest] = raw.slice(PREFIX[kind].length).split(".");
  if (rest.length || !tenantId || !id || !secret) return undefined;
  if (!/^tnt_[0-9a-z]+$/.test(tenantId) || !ID[kind].test(id) || secret.length < 32) return undefined;
  return { tenantId, id, secret };
}

/** SHA-256 of a token's secret, as API keys keep theirs. */
export const hashToken = hashSecret;

export function tokenMatches(secret: string, storedHash: string | undefined): boolean {
  return storedHash !== undefined && secretMatches(secret, storedHash);
}
