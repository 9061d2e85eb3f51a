import { z } from "zod";
import { isoDate } from "../shared/schema.ts";

const serviceType = z.string().regex(/^[A-Z0-9]{1,2}$/, "must be an X12 service type code (EQ01), e.g. 30 or 98");
const coverageOrder = z.enum(["primary", "secondary", "tertiary"]);

export const eligibilityCheckInput = z.strictObject({
  practiceId: z.string().min(1),
  patientId: z.string().min(1),
  /** Which coverage: its id, or its order (default the primary). */
  coverageId: z.string().min(1).optional(),
  coverage: coverageOrder.optional(),
  /** The date of the visit asked about (default today where the practice is). */
  serviceDate: isoDate.optional(),
  /** EQ01 service types, default 30 (health benefit plan coverage). */
  serviceTypes: z.array(serviceType).min(1).max(10).optional(),
});
export type EligibilityCheckInput = z.infer<typeof eligibilityCheckInput>;

export const eligibilityVisit = z.strictObject({
  patientId: z.string().min(1),
  coverageId: z.string().min(1).optional(),
  coverage: coverageOrder.optional(),
  serviceDate: isoDate,
});
export const MAX_BATCH_VISITS = 2000;
export const eligibilityBatchInput = z.strictObject({
  practiceId: z.string().min(1),
  visits: z.array(eligibilityVisit).min(1).max(MAX_BATCH_VISITS),
});
export type EligibilityBatchInput = z.infer<typeof eligibilityBatchInput>;

const money = z.number().int();
const codeWords = z.object({ code: z.string(), description: z.string() });

export const benefitView = z.object({
  code: z.string(),
  description: z.string(),
  coverageLevel: z.string().optional(),
  serviceTypes: z.array(codeWords),
  insuranceType: z.string().optional(),
  planDescription: z.string().optional(),
  timePeriod: codeWords.optional(),
  amountCents: money.optional(),
  /** A fraction, e.g. 0.2 for 20% coinsurance. */
  percent: z.number().optional(),
  quantity: z.object({ qualifier: z.string(), value: z.number() }).optional(),
  authorizationRequired: z.boolean().optional(),
  network: z.enum(["in", "out", "both"]).optional(),
  messages: z.array(z.string()),
});
export type BenefitView = z.infer<typeof benefitView>;

const person = z.object({
  memberId: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  dateOfBirth: z.string().optional(),
});

export const officeVisitEstimate = z.object({
  copayCents: money.optional(),
  /** Whole percent, e.g. 20. */
  coinsurancePercent: z.number().optional(),
  deductibleRemainingCents: money.optional(),
  outOfPocketRemainingCents: money.optional(),
  /** The charge the figure is worked from (the practice's fee for an established-patient visit). */
  visitChargeCents: money.optional(),
  /** What the patient will likely owe for an office visit, when it can be worked out. */
  likelyOwesCents: money.optional(),
  /** How the figure was worked out, in words. */
  basis: z.string(),
});
export type OfficeVisitEstimate = z.infer<typeof officeVisitEstimate>;

export const eligibilityResult = z.object({
  status: z.enum(["active", "inactive", "rejected", "unknown"]),
  payer: z.object({ name: z.string().optional(), id: z.string().optional() }),
  /** The subscriber (and dependent) as the payer has them. */
  subscriber: person,
  dependent: person.optional(),
  plan: z.object({ name: z.string().optional(), groupNumber: z.string().optional(), groupName: z.string().optional() }),
  coverageDates: z.object({
    planBegin: z.string().optional(),
    planEnd: z.string().optional(),
    eligibilityBegin: z.string().optional(),
    eligibilityEnd: z.string().optional(),
  }),
  rejections: z.array(
    z.object({
      level: z.string(),
      code: z.string(),
      description: z.string(),
      followUp: z.string().optional(),
      followUpDescription: z.string().optional(),
    }),
  ),
  benefits: z.array(benefitView),
  /** What differs between what we sent and what the payer has (member id, name, date of birth). */
  mismatches: z.array(z.string()),
  officeVisit: officeVisitEstimate,
});
export type EligibilityResult = z.infer<typeof eligibilityResult>;

export const eligibilityCheckView = z.object({
  checkId: z.string(),
  practiceId: z.string(),
  patientId: z.string(),
  coverageId: z.string(),
  payerId: z.string(),
  serviceDate: z.string(),
  serviceTypes: z.array(z.string()),
  status: z.enum(["queued", "sent", "answered", "failed"]),
  mode: z.enum(["realtime", "batch"]).optional(),
  batchId: z.string().optional(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  sentAt: z.string().optional(),
  answeredAt: z.string().optional(),
  result: eligibilityResult.optional(),
  error: z.string().optional(),
});
export type EligibilityCheckView = z.infer<typeof eligibilityCheckView>;

const asked = z.object({
  memberId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().optional(),
  dependent: z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().optional() }).optional(),
});

/** The latest answer for a coverage, as the scrubber and the patient page read it. */
export const latestEligibility = z.object({
  checkId: z.string(),
  answeredAt: z.string(),
  serviceDate: z.string(),
  /** What was asked (member id, names, birth dates), to tell whether the answer is about the claim's details. */
  asked,
  subscriber: person,
  dependent: person.optional(),
  status: eligibilityResult.shape.status,
  coverageDates: eligibilityResult.shape.coverageDates,
  rejections: eligibilityResult.shape.rejections,
  mismatches: z.array(z.string()),
  officeVisit: officeVisitEstimate,
});
export type LatestEligibility = z.infer<typeof latestEligibility>;

export const patientEligibilityView = z.object({
  patientId: z.string(),
  coverages: z.array(
    z.object({
      coverageId: z.string(),
      order: coverageOrder,
      payerId: z.string(),
      memberId: z.string(),
      latest: latestEligibility.optional(),
    }),
  ),
  checks: z.array(eligibilityCheckView),
});

export const eligibilityBatchView = z.object({
  batchId: z.string(),
  practiceId: z.string(),
  total: z.number(),
  answered: z.number(),
  active: z.number(),
  inactive: z.number(),
  rejected: z.number(),
  failed: z.number(),
  status: z.enum(["running", "done"]),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  checks: z.array(eligibilityCheckView).optional(),
});
export type EligibilityBatchView = z.infer<typeof eligibilityBatchView>;
