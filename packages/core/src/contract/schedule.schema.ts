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
  /** For medicare_percent: the Medicare locality the rates are of, as the operator named it. */
  locality: z.string().optional(),
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

/** How an entry is packed in the stored map: `99214` or `99214-25`. */
export const entryKey = (code: string, mod?: string) => (mod ? `${code}-${mod}` : code);
