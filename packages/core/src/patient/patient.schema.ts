import { z } from "zod";
import { address, isoDate, personName, status } from "../shared/schema.ts";
import { foldToAscii } from "../shared/text.ts";

export const RELATIONSHIPS = ["self", "spouse", "child", "other"] as const;
export const COVERAGE_ORDERS = ["primary", "secondary", "tertiary"] as const;
export const sex = z.enum(["M", "F", "U"], "must be M, F or U");

/** The policy holder when the patient is not: everything a 2010BA subscriber loop needs. */
export const subscriber = z.strictObject({
  firstName: personName,
  middleName: personName.optional(),
  lastName: personName,
  dateOfBirth: isoDate,
  sex,
  address,
});

export const coverageInput = z
  .strictObject({
    /** Our payer id (`pyr_...`). */
    payerId: z.string().min(1).max(40),
    memberId: z.string().regex(/^[A-Za-z0-9-]{2,80}$/, "must be 2-80 letters, digits or hyphens"),
    groupNumber: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,50}$/, "must be 1-50 letters, digits or hyphens")
      .optional(),
    order: z.enum(COVERAGE_ORDERS),
    relationship: z.enum(RELATIONSHIPS),
    subscriber: z.looseObject({}).optional(),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.relationship === "self") {
      if (c.subscriber)
        ctx.addIssue({
          code: "custom",
          path: ["subscriber"],
          message: "must be omitted when the patient is the subscriber",
        });
      return;
    }
    if (!c.subscriber) {
      ctx.addIssue({
        code: "custom",
        path: ["subscriber"],
        message: `is required when the patient is the subscriber's ${c.relationship}: firstName, lastName, dateOfBirth, sex and address`,
      });
      return;
    }
    const r = subscriber.safeParse(c.subscriber);
    if (!r.success) {
      for (const i of r.error.issues) {
        ctx.addIssue({
          code: "custom",
          path: ["subscriber", ...i.path.map(String)],
          message: `subscriber incomplete: ${i.message}`,
        });
      }
    }
    if (c.effectiveFrom && c.effectiveTo && c.effectiveTo < c.effectiveFrom) {
      ctx.addIssue({ code: "custom", path: ["effectiveTo"], message: "must not be before effectiveFrom" });
    }
  });
export type CoverageInput = z.infer<typeof coverageInput>;

/** A patient's coverages: at most one of each order. */
export const coverages = z
  .array(coverageInput)
  .max(3)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.order))
        ctx.addIssue({ code: "custom", path: [i, "order"], message: `there is already a ${c.order} coverage` });
      seen.add(c.order);
    });
  });

const base = {
  firstName: personName,
  middleName: personName.optional(),
  lastName: personName,
  dateOfBirth: isoDate,
  sex,
  address,
  phone: z
    .string()
    .regex(/^\d{10}$/, "must be 10 digits")
    .optional(),
  /** The practice's own account / MRN number for the patient. */
  accountNumber: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,30}$/)
    .optional(),
  coverages: coverages.default([]),
  status: status.default("active"),
};

export const patientInput = z.strictObject(base);
export type PatientInput = z.infer<typeof patientInput>;

export const patientPatch = z
  .strictObject({ ...base, coverages: coverages.optional(), status: status.optional() })
  .partial();
export type PatientPatch = z.infer<typeof patientPatch>;

export const coverageView = z.object({
  coverageId: z.string(),
  payerId: z.string(),
  memberId: z.string(),
  groupNumber: z.string().optional(),
  order: z.enum(COVERAGE_ORDERS),
  relationship: z.enum(RELATIONSHIPS),
  subscriber: subscriber.optional(),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
});
export type Coverage = z.infer<typeof coverageView>;

export const patientView = z.object({
  patientId: z.string(),
  practiceId: z.string(),
  ...base,
  coverages: z.array(coverageView),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Patient = z.infer<typeof patientView>;

/** Normalised identity used to recognise the same person sent twice (name + birth date). */
export function matchKey(p: { lastName: string; firstName: string; dateOfBirth: string }): string {
  // Accents off first, so José sent once as Jose is still the same person.
  const norm = (s: string) =>
    foldToAscii(s)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "");
  return `${norm(p.lastName)}|${norm(p.firstName)}|${p.dateOfBirth}`;
}
