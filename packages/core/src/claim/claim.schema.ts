import { z } from "zod";
import { isoDate, npi, personName, quantity, signedCents } from "../shared/schema.ts";

/** A claim's service line and referring provider as a practice sends them (with the encounter, or in a claim edit). */
export const serviceLine = z.strictObject({
  /** CPT or HCPCS Level II code. */
  procedureCode: z.string().trim().toUpperCase().min(1).max(8),
  modifiers: z.array(z.string().trim().toUpperCase().min(1).max(4)).max(4, "at most 4 modifiers").default([]),
  units: quantity(9999).default(1),
  /** Line charge in cents; omitted -> taken from the practice fee schedule. */
  chargeCents: signedCents.optional(),
  /** 1-based pointers into `diagnoses`, most important first. */
  diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4),
  /** Line date of service when it differs from the encounter's. */
  serviceDate: isoDate.optional(),
  serviceDateTo: isoDate.optional(),
  /** National Drug Code for drug lines (11 digits 5-4-2, hyphens allowed). */
  ndc: z.string().trim().max(13).optional(),
  ndcQuantity: quantity(9_999_999).optional(),
  ndcUnit: z.enum(["F2", "GR", "ME", "ML", "UN"]).optional(),
});
export type ServiceLineInput = z.infer<typeof serviceLine>;

export const referringProvider = z.strictObject({
  firstName: personName,
  lastName: personName,
  npi,
});
