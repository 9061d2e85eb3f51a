import { Secret, TOTP } from "otpauth";

/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), as every
 * authenticator app reads them. otpauth does the RFC and the otpauth:// URI; we keep the step a code
 * was accepted in, so one code never signs in twice.
 */
const ISSUER = "ClaimLedger";

function totp(secret: string, label = "user"): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/**
 * The time step the code belongs to (the current one, or one either side for clock drift), or
 * undefined when it is not valid now. A step at or before `lastStep` was already used.
 */
export function acceptTotp(
  secret: string,
  code: string,
  lastStep: number | undefined,
  at = Date.now(),
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secret).validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(at / 30_000) + delta;
  return lastStep !== undefined && step <= lastStep ? undefined : step;
}

/** The code an authenticator shows at `at` (tests, and the demo's printed sign-in). */
export function totpCode(secret: string, at = Date.now()): string {
  return totp(secret).generate({ timestamp: at });
}
