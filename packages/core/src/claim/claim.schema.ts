import { z } from "zod";
import { payerStatusView } from "./payer-status.ts";
import { address, isoDate, npi, personName, quantity, signedCents } from "../shared/schema.ts";
import {
  APPEAL_STATUSES,
  CLAIM_STATUSES,
  type AppealMark,
  type ClaimCoverage,
  type ClaimDocument,
  type ClaimLine,
  type ClaimPatient,
  type ClaimProvider,
  type ClaimSubscriber,
  type Finding,
  type PriorPayer,
} from "./claim.types.ts";
import type { Claim } from "./claim.store.ts";

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

/*
 * Views: a claim as the API shows it. Each is checked by the compiler against the claim's own types
 * (claim.types.ts, and Claim, which is derived from the claim entity), so the three cannot drift.
 */
const findingView: z.ZodType<Finding> = z.object({
  ruleId: z.string(),
  severity: z.enum(["error", "warning"]),
  path: z.string(),
  message: z.string(),
  fixHint: z.string(),
});

const providerView: z.ZodType<ClaimProvider> = z.object({
  providerId: z.string().optional(),
  kind: z.enum(["individual", "organization"]),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  organizationName: z.string().optional(),
  npi: z.string(),
  taxonomyCode: z.string().optional(),
  taxId: z.string().optional(),
  address: address.optional(),
});

const relationship = z.enum(["self", "spouse", "child", "other"]);
const subscriberView: z.ZodType<ClaimSubscriber> = z.object({
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  lastName: z.string().optional(),
  dateOfBirth: z.string().optional(),
  sex: z.enum(["M", "F", "U"]).optional(),
  address: address.partial().optional(),
});

const coverageView: z.ZodType<ClaimCoverage> = z.object({
  coverageId: z.string(),
  order: z.enum(["primary", "secondary", "tertiary"]),
  payerId: z.string(),
  payerName: z.string(),
  clearinghousePayerId: z.string(),
  claimFilingIndicator: z.string(),
  timelyFilingDays: z.number().int(),
  memberId: z.string(),
  groupNumber: z.string().optional(),
  relationship,
  subscriber: subscriberView.optional(),
  effectiveFrom: z.string().optional(),
  effectiveTo: z.string().optional(),
});

const patientView: z.ZodType<ClaimPatient> = z.object({
  patientId: z.string(),
  firstName: z.string(),
  middleName: z.string().optional(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  sex: z.enum(["M", "F", "U"]),
  address,
  accountNumber: z.string().optional(),
});

const lineView: z.ZodType<ClaimLine> = z.object({
  lineNumber: z.number().int(),
  lineId: z.string(),
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  units: z.number(),
  chargeCents: z.number().int(),
  diagnosisPointers: z.array(z.number().int()),
  serviceDate: z.string(),
  serviceDateTo: z.string().optional(),
  ndc: z.string().optional(),
  ndcQuantity: z.number().optional(),
  ndcUnit: z.string().optional(),
  chargeSource: z.enum(["encounter", "fee_schedule", "missing"]),
});

const cobAdjustmentView = z.object({ group: z.string(), reason: z.string(), amountCents: z.number().int() });
const priorPayerView: z.ZodType<PriorPayer> = z.object({
  order: z.enum(["primary", "secondary"]).optional(),
  payerName: z.string(),
  clearinghousePayerId: z.string(),
  claimFilingIndicator: z.string(),
  memberId: z.string(),
  groupNumber: z.string().optional(),
  relationship,
  subscriber: subscriberView.optional(),
  paidCents: z.number().int(),
  payerClaimControlNumber: z.string(),
  adjudicationDate: z.string(),
  claimAdjustments: z.array(cobAdjustmentView),
  lines: z.array(
    z.object({
      lineId: z.string(),
      procedureCode: z.string(),
      modifiers: z.array(z.string()),
      units: z.number(),
      paidCents: z.number().int(),
      adjustments: z.array(cobAdjustmentView),
    }),
  ),
});

/** The claim document: providers, patient, coverage, diagnoses, lines — what the 837P carries. */
export const claimDocumentView: z.ZodType<ClaimDocument> = z
  .object({
    claimId: z.string(),
    practiceId: z.string(),
    externalId: z.string().optional(),
    frequencyCode: z.enum(["1", "7", "8"]),
    payerClaimControlNumber: z.string().optional(),
    originalClaimId: z.string().optional(),
    billingProvider: providerView,
    renderingProvider: providerView,
    referringProvider: providerView.optional(),
    patient: patientView,
    coverage: coverageView,
    placeOfService: z.string(),
    serviceDate: z.string(),
    serviceDateTo: z.string().optional(),
    diagnoses: z.array(z.string()),
    lines: z.array(lineView),
    totalChargeCents: z.number().int(),
    submittedTotalCents: z.number().int().optional(),
    priorAuthorization: z.string().optional(),
    accident: z
      .object({
        autoAccident: z.boolean(),
        autoAccidentState: z.string().optional(),
        employment: z.boolean(),
        otherAccident: z.boolean(),
        date: z.string().optional(),
      })
      .optional(),
    priorPayer: priorPayerView.optional(),
    earlierPayers: z.array(priorPayerView).optional(),
    primaryClaimId: z.string().optional(),
    rebilledFromClaimId: z.string().optional(),
  })
  .describe("The claim document: providers, patient, coverage, diagnoses, lines — what the 837P carries");

/** An appeal as its claim lists it. */
export const appealMarkView: z.ZodType<AppealMark> = z.object({
  appealId: z.string(),
  seq: z.number().int(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  status: z.enum(APPEAL_STATUSES),
  amountCents: z.number().int(),
  expectedCents: z.number().int().optional(),
  deadline: z.string(),
  sentOn: z.string().optional(),
  decidedOn: z.string().optional(),
});

/** A claim as the API shows it. */
export const claimView = z.object({
  claimId: z.string(),
  practiceId: z.string(),
  patientId: z.string(),
  payerId: z.string(),
  status: z.enum(CLAIM_STATUSES),
  statusReason: z.string().optional(),
  serviceDate: z.string(),
  frequencyCode: z.enum(["1", "7", "8"]),
  totalChargeCents: z.number(),
  findings: z.array(findingView),
  doc: claimDocumentView,
  edits: z.number(),
  submissions: z.number(),
  lastSubmittedAt: z.string().optional().describe("When the claim last went to the payer"),
  payerClaimControlNumber: z.string().optional(),
  replacedBy: z.string().optional(),
  firstSubmittedAt: z.string().optional(),
  payerStatus: payerStatusView.optional(),
  rebilledTo: z.string().optional().describe("A denied claim rebilled to another payer: the claim that bills it now"),
  appeals: z.array(appealMarkView).optional().describe("The claim's appeals, oldest first (GET /v1/appeals/{id})"),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
}) satisfies z.ZodType<
  Pick<Claim, "claimId" | "practiceId" | "patientId" | "payerId" | "status" | "doc" | "findings" | "version">
>;
