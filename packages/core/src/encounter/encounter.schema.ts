import { z } from "zod";
import { isoDate, signedCents } from "../shared/schema.ts";
import { coverages, patientInput } from "../patient/index.ts";
import { referringProvider, serviceLine } from "../claim/index.ts";

/**
 * What a practice sends after a visit. Shapes are checked here (a malformed encounter is refused
 * with a 422); whether the codes are right for the payer is the scrubber's job, which stores its
 * findings on the claim instead of refusing it.
 */
/** A patient sent with the encounter: the patient record's fields, with at least one coverage. */
export const inlinePatient = patientInput
  .pick({
    firstName: true,
    middleName: true,
    lastName: true,
    dateOfBirth: true,
    sex: true,
    address: true,
    accountNumber: true,
  })
  .extend({ coverages: coverages.min(1) });
export type InlinePatient = z.infer<typeof inlinePatient>;

export const encounterInput = z
  .strictObject({
    /** The practice's own id for the visit, echoed back in results. */
    externalId: z.string().trim().min(1).max(50).optional(),
    patientId: z.string().min(1).max(40).optional(),
    patient: inlinePatient.optional(),
    renderingProviderId: z.string().min(1).max(40),
    /** Billing provider; omitted -> the practice itself (its group NPI and EIN). */
    billingProviderId: z.string().min(1).max(40).optional(),
    referringProvider: referringProvider.optional(),
    placeOfService: z.string().regex(/^\d{2}$/, "must be a two-digit CMS place-of-service code"),
    serviceDate: isoDate,
    serviceDateTo: isoDate.optional(),
    /** ICD-10-CM codes in order; the first is the principal diagnosis. */
    diagnoses: z
      .array(z.string().trim().toUpperCase().min(3).max(8))
      .max(12, "a professional claim holds at most 12 diagnoses"),
    lines: z
      .array(serviceLine)
      .min(1, "at least one service line")
      .max(50, "a professional claim holds at most 50 lines"),
    priorAuthorization: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,50}$/)
      .optional(),
    accident: z
      .strictObject({
        autoAccident: z.boolean().default(false),
        autoAccidentState: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        employment: z.boolean().default(false),
        otherAccident: z.boolean().default(false),
        date: isoDate.optional(),
      })
      .optional(),
    /** Total charge as the practice computed it; the scrubber checks it equals the lines' sum. */
    totalChargeCents: signedCents.optional(),
  })
  .superRefine((e, ctx) => {
    if (!e.patientId === !e.patient) {
      ctx.addIssue({
        code: "custom",
        path: ["patientId"],
        message: "send either patientId or an inline patient, not both or neither",
      });
    }
    if (e.serviceDateTo && e.serviceDateTo < e.serviceDate) {
      ctx.addIssue({ code: "custom", path: ["serviceDateTo"], message: "must not be before serviceDate" });
    }
    if (e.accident?.autoAccident && !e.accident.autoAccidentState) {
      ctx.addIssue({
        code: "custom",
        path: ["accident", "autoAccidentState"],
        message: "is required for an auto accident",
      });
    }
  });
export type EncounterInput = z.infer<typeof encounterInput>;

/** One encounter, or `{ encounters: [...] }` with up to 500. */
export const encounterBatch = z.strictObject({
  encounters: z.array(z.unknown()).min(1).max(500, "at most 500 encounters per request"),
});
