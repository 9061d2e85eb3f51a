import { z } from "zod";
import { isValidNpi, normalizeEin } from "../codes/index.ts";

/** Building blocks shared by the aggregates' schemas. */

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "is not a calendar date");

/** A month, YYYY-MM: invoice periods, ledger months, report ranges. */
export const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month, YYYY-MM");

export const npi = z.string().refine(isValidNpi, "must be a 10-digit NPI with a valid check digit");

export const ein = z
  .string()
  .refine((s) => normalizeEin(s) !== undefined, "must be an EIN: nine digits, NN-NNNNNNN")
  .transform((s) => normalizeEin(s)!);

export const taxonomyCode = z
  .string()
  .regex(/^\d{3}[0-9A-Z]{6}X$/, "must be a 10-character NUCC taxonomy code, e.g. 207Q00000X");

export const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
}, "must be an IANA time zone, e.g. America/Chicago");

export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
  "AS",
  "GU",
  "MP",
  "PR",
  "VI",
] as const;

export const address = z.strictObject({
  line1: z.string().min(1).max(55),
  line2: z.string().min(1).max(55).optional(),
  city: z.string().min(2).max(30),
  state: z.enum(US_STATES, "must be a two-letter US state or territory code"),
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/, "must be a 5- or 9-digit ZIP code, digits only"),
});
export type Address = z.infer<typeof address>;

/**
 * A person's name: letters (accented Latin letters too, as the statements' fonts print them: José
 * Muñoz, Zoë Brontë), digits, spaces and a few punctuation marks. X12 gets it without its accents
 * (shared/text.ts). A decomposed accent (e + combining acute) is composed first.
 */
export const personName = z
  .string()
  .trim()
  .overwrite((s) => s.normalize("NFC"))
  .min(1)
  .max(60)
  .regex(
    /^[A-Za-z0-9 .,'&\-\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E]+$/,
    "may hold letters (accented Latin letters too), digits, spaces and . , ' & - only",
  );

export const orgName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9 .,'&()/-]+$/, "may hold letters, digits, spaces and . , ' & ( ) / - only");

export const status = z.enum(["active", "inactive"]);

/** The largest amount we take, $99,999,999.99: far above any claim, well inside X12's 18 digits and exact in a double. */
export const MAX_CENTS = 9_999_999_999;

/** Integer cents, never floats. */
export const cents = z.number().int("must be integer cents").min(0).max(MAX_CENTS, "must be at most 9999999999 cents");

/** Integer cents that may be negative (the scrubber judges the sign), bounded either way. */
export const signedCents = z
  .number()
  .int("must be integer cents")
  .min(-MAX_CENTS, "must be at least -9999999999 cents")
  .max(MAX_CENTS, "must be at most 9999999999 cents");

/**
 * A positive decimal quantity with at most `places` decimals (X12 quantities are decimals such as
 * 0.5 or 12.125), from 10^-places to `max`: 1e-300 and 1e308 are refused, not stored.
 */
export function quantity(max: number, places = 3) {
  const step = 10 ** places;
  return z
    .number()
    .min(1 / step, `must be at least ${1 / step}`)
    .max(max, `must be at most ${max}`)
    .refine((v) => Math.abs(v * step - Math.round(v * step)) < 1e-6, `may have at most ${places} decimals`);
}

/** List query parameters: `?limit=&cursor=`. */
export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
