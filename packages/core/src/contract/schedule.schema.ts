import { z } from "zod";
import { cents, isoDate } from "../shared/schema.ts";

/** The most entries one schedule holds (a packed item stays far below DynamoDB's 400 KB). */
export const MAX_SCHEDULE_ENTRIES = 5000;

export const procedureCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{5}$/, "must be a 5-character CPT/HCPCS code");
export const modifier = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2}$/, "must be a 2-character modifier");

export const contractEntry = z.strictObject({
  procedureCode,
  modifier: modifier.optional(),
  allowedCents: cents.min(1, "must be positive"),
});
export type ContractEntry = z.infer<typeof contractEntry>;

/** Entries with no code + modifier listed twice. */
const uniqueEntries = z
  .array(contractEntry)
  .max(MAX_SCHEDULE_ENTRIES)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const k = entryKey(e.procedureCode, e.modifier);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: `${k} is listed twice` });
      seen.add(k);
    });
  });

export const contractScheduleInput = z.strictObject({
  /** The last date of service the schedule covers (inclusive); open-ended when absent or null. */
  effectiveTo: isoDate.nullable().optional(),
  entries: uniqueEntries,
});
export type ContractScheduleInput = z.infer<typeof contractScheduleInput>;

export const scheduleBasis = z.object({
  kind: z.enum(["entered", "imported", "medicare_percent"]),
  /** For medicare_percent: the contract's percent of the Medicare rate, in basis points (11500 = 115%). */
  percentBps: z.number().int().optional(),
  /** For medicare_percent: the Medicare locality the rates are of, as the operator named it (MAC-locality for CMS's files). */
  locality: z.string().optional(),
  /** For medicare_percent from CMS's files: the fee schedule year, the setting priced and the locality's name. */
  mpfsYear: z.number().int().optional(),
  setting: z.enum(["non_facility", "facility"]).optional(),
  localityName: z.string().optional(),
});
export type ScheduleBasis = z.infer<typeof scheduleBasis>;

export const contractScheduleView = z.object({
  practiceId: z.string(),
  payerId: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  basis: scheduleBasis,
  entries: z.array(contractEntry),
  version: z.number(),
  updatedAt: z.string(),
});
export type ContractScheduleView = z.infer<typeof contractScheduleView>;

/** A period in a list: without its entries (fetch one to read them). */
export const contractPeriodView = contractScheduleView.omit({ entries: true }).extend({ entryCount: z.number() });

/** Derivation query: `allowed = percent x Medicare rate`, from a CSV of code, modifier, rate (of one locality). */
export const deriveQuery = z.strictObject({
  percentBps: z.coerce
    .number()
    .int("must be whole basis points")
    .min(1, "must be positive")
    .max(100_000, "must be at most 100000 (1000%)"),
  locality: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9 ._-]+$/, "may hold letters, digits, spaces and . _ - only"),
  effectiveTo: isoDate.optional(),
});
export type DeriveQuery = z.infer<typeof deriveQuery>;

/**
 * Derivation from CMS's own fee schedule files (imported by the operator with `npm run import-mpfs`):
 * allowed = percent x the locality's Medicare fee, for the codes the practice charges (its fee
 * schedule) or those listed.
 */
export const mpfsDeriveInput = z.strictObject({
  year: z.number().int().min(1992).max(2100),
  /** MAC and locality number as CMS's GPCI file gives them: "04412-31" (Austin, TX). */
  locality: z
    .string()
    .trim()
    .regex(/^\d{5}-\d{2}$/, 'must be the MAC and locality number, e.g. "04412-31"'),
  percentBps: deriveQuery.shape.percentBps,
  /** Which practice expense CMS prices: non_facility (the office, the default) or facility. */
  setting: z.enum(["non_facility", "facility"]).default("non_facility"),
  /** The codes to price; default every code (and modifier) on the practice's fee schedule. */
  codes: z
    .array(z.strictObject({ procedureCode, modifier: modifier.optional() }))
    .min(1)
    .max(MAX_SCHEDULE_ENTRIES)
    .optional(),
  effectiveTo: isoDate.optional(),
});
export type MpfsDeriveInput = z.infer<typeof mpfsDeriveInput>;

export const mpfsSkip = z.object({
  procedureCode: z.string(),
  modifier: z.string().optional(),
  reason: z.enum(["not_in_file", "not_payable", "not_priced_in_setting", "no_rvus"]),
  /** CMS's status code for the code, when it is in the file. */
  status: z.string().optional(),
});
export type MpfsSkip = z.infer<typeof mpfsSkip>;
export const mpfsDerivedView = z.object({
  schedule: contractScheduleView,
  /** Codes asked for that CMS does not price this way, and why: none of them is in the schedule. */
  skipped: z.array(mpfsSkip),
  /** CMS's files the figures came from. */
  sources: z.array(z.object({ file: z.string(), sha256: z.string() })),
});

/** How an entry is packed in the stored map: `99214` or `99214-25`. */
export const entryKey = (code: string, mod?: string) => (mod ? `${code}-${mod}` : code);
