import { describe, expect, it } from "vitest";
import { hashPassword, passwordMatches } from "./password.ts";
import { acceptTotp, totpCode, totpUri } from "./totp.ts";
import { newToken, parseToken, tokenMatches } from "./tokens.ts";

describe("passwords", () => {
  it("are stored as salted scrypt: the same password hashes differently, matches only itself", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await passwordMatches("correct horse battery staple", a)).toBe(true);
    expect(await passwordMatches("correct horse battery stapl", a)).toBe(false);
    expect(await passwordMatches("correct horse battery staple", a.replace("scrypt$", "bcrypt$"))).toBe(false);
  });
});

describe("TOTP", () => {
  // RFC 4226 Appendix D's HOTP values for the secret "12345678901234567890" (base32
  // GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ): counter 1 -> 287082, counter 2 -> 359152. TOTP's counter is
  // seconds / 30 (RFC 6238), so 59 s is counter 1 and 60 s is counter 2.
  const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  it("gives the RFC's codes", () => {
    expect(totpCode(rfcSecret, 59_000)).toBe("287082");
    expect(totpCode(rfcSecret, 60_000)).toBe("359152");
  });

  it("accepts the code of this step or one either side, once", () => {
    expect(acceptTotp(rfcSecret, "359152", undefined, 61_000)).toBe(2);
    expect(acceptTotp(rfcSecret, "287082", undefined, 61_000)).toBe(1); // 30 s of clock drift
    expect(acceptTotp(rfcSecret, "287082", undefined, 125_000)).toBeUndefined(); // step 4 now: too old
    expect(acceptTotp(rfcSecret, "359152", 2, 61_000)).toBeUndefined(); // used already
    expect(acceptTotp(rfcSecret, "35915", undefined, 61_000)).toBeUndefined();
  });

  it("writes the otpauth URI an authenticator app scans", () => {
    expect(totpUri(rfcSecret, "bea@example.com")).toBe(
      "otpauth://totp/ClaimLedger:bea%40example.com?issuer=ClaimLedger&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30",
    );
  });
});

describe("tokens", () => {
  it("carry tenant and record id, match only their own secret, and are not interchangeable between kinds", () => {
    const { token, secretHash } = newToken("session", "tnt_abc123", "ses_def456");
    const t = parseToken("session", token)!;
    expect(t).toMatchObject({ tenantId: "tnt_abc123", id: "ses_def456" });
    expect(tokenMatches(t.secret, secretHash)).toBe(true);
    expect(tokenMatches(`${t.secret.slice(0, -1)}x`, secretHash)).toBe(false);
    expect(parseToken("invitation", token)).toBeUndefined();
    expect(parseToken("session", token.replace("tnt_abc123", "tnt_ABC"))).toBeUndefined();
    expect(parseToken("session", `${token}.extra`)).toBeUndefined();
  });
});
