import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, lower case

/** A random id of `length` base32 characters (5 bits each) behind a type prefix, e.g. `prc_...`. */
export function newId(prefix: string, length = 14): string {
  const bytes = randomBytes(length);
  let out = `${prefix}_`;
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** A random secret of 32 bytes, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}
