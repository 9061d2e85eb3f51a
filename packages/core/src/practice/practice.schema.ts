import { z } from "zod";
import { address, cents, ein, isoDate, npi, orgName, status, taxonomyCode, timeZone } from "../shared/schema.ts";

/** One effective-dated term of the contract the billing company invoices the practice on. */
export const contractTerm = z
  .strictObject({
    effectiveFrom: isoDate,
    effectiveTo: isoDate.optional(),
    /** Fee as a percent of collections, in basis points: 650 = 6.5%. Omitted with a flat monthlyFeeCents: 0. */
    percentBps: z.number().int().min(0).max(10000).optional(),
    /** Monthly minimum fee in cents, charged when the percentage falls short. */
    monthlyMinimumCents: cents.optional(),
    /** A flat monthly fee in cents (a retainer), alone or beside the percentage. */
    monthlyFeeCents: cents.optional(),
    /** Tiered rates instead of percentBps, e.g. 7% up to $50,000 collected in the month, 6% above. */
    tiers: z
      .array(
        z.strictObject({
          upToCents: cents.min(1, "must be positive").optional(),
          percentBps: z.number().int().min(0).max(10000),
        }),
      )
      .min(2)
      .max(10)
      .optional(),
    perClaimSubmittedCents: cents.optional(),
    perStatementCents: cents.optional(),
    oneOffSetupCents: cents.optional(),
    /** Which collections count; default: insurance and patient payments, refunds net, interest excluded. */
    counts: z.strictObject({ insurance: z.boolean(), patient: z.boolean(), interest: z.boolean() }).optional(),
  })
  .refine((t) => t.percentBps !== undefined || t.tiers !== undefined || t.monthlyFeeCents !== undefined, {
    path: ["percentBps"],
    message: "give a percentage (percentBps or tiers), a flat monthlyFeeCents, or both",
  })
  .refine((t) => !t.effectiveTo || t.effectiveTo >= t.effectiveFrom, {
    path: ["effectiveTo"],
    message: "must not be before effectiveFrom",
  })
  .refine(
    (t) =>
      !t.tiers ||
      t.tiers.every((x, i, all) =>
        i === all.length - 1
          ? x.upToCents === undefined
          : x.upToCents !== undefined && (i === 0 || x.upToCents > all[i - 1]!.upToCents!),
      ),
    { path: ["tiers"], message: "tiers need rising upToCents limits, and only the last tier is open-ended" },
  );
export type ContractTerm = z.infer<typeof contractTerm>;

const contracts = z
  .array(contractTerm)
  .max(50)
  .superRefine((terms, ctx) => {
    const sorted = terms.map((t, i) => ({ t, i })).sort((a, b) => a.t.effectiveFrom.localeCompare(b.t.effectiveFrom));
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1]!;
      const cur = sorted[k]!;
      if (!prev.t.effectiveTo || prev.t.effectiveTo >= cur.t.effectiveFrom) {
        ctx.addIssue({ code: "custom", path: [cur.i, "effectiveFrom"], message: "overlaps another contract term" });
      }
    }
  });

/** The number patients call about their bills: printed on statements as the practice's contact. */
const phone = z
  .string()
  .regex(/^\d{10}$/, "must be 10 digits")
  .describe("Billing phone, 10 digits: printed on patient statements");

export const practiceInput = z.strictObject({
  legalName: orgName,
  npi,
  taxId: ein,
  taxonomyCode,
  address,
  phone: phone.optional(),
  timeZone,
  status: status.default("active"),
  contracts: contracts.default([]),
});
export type PracticeInput = z.infer<typeof practiceInput>;

export const practicePatch = z.strictObject({
  legalName: orgName.optional(),
  npi: npi.optional(),
  taxId: ein.optional(),
  taxonomyCode: taxonomyCode.optional(),
  address: address.optional(),
  phone: phone.optional(),
  timeZone: timeZone.optional(),
  status: status.optional(),
  contracts: contracts.optional(),
});
export type PracticePatch = z.infer<typeof practicePatch>;

export const practiceView = z.object({
  practiceId: z.string(),
  legalName: z.string(),
  npi: z.string(),
  taxId: z.string(),
  taxonomyCode: z.string(),
  address,
  phone: z.string().optional(),
  timeZone: z.string(),
  status,
  contracts: z.array(contractTerm),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Practice = z.infer<typeof practiceView>;
