/**
 * National Provider Identifier: 10 digits, the last a Luhn check digit computed over
 * the prefix 80840 + the first nine digits (CMS NPI standard).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  return npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** The Luhn check digit for a nine-digit NPI body. */
export function npiCheckDigit(body: string): number {
  // Constant 24 is the contribution of the 80840 prefix to the Luhn sum.
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    let d = Number(body[8 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** An Employer Identification Number: nine digits, written NN-NNNNNNN or bare. */
export function normalizeEin(ein: string): string | undefined {
  const m = /^(\d{2})-?(\d{7})$/.exec(ein.trim());
  if (!m) return undefined;
  const prefix = m[1]!;
  // Prefixes 00, 07-09, 17-19, 28-29, 49, 69-70, 78-79, 89, 96-97 are never assigned by the IRS.
  if (/^(00|0[789]|1[789]|2[89]|49|69|70|7[89]|89|9[67])$/.test(prefix)) return undefined;
  return `${prefix}${m[2]}`;
}
