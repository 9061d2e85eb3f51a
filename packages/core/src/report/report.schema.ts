import { z } from "zod";
import type { arAging } from "./aging.ts";
import type { claimPerformance, collectionsByMonth } from "./report.service.ts";
import type { profitability } from "./profitability.ts";

/** The reports as the API shows them, each checked by the compiler against what its function returns. */
const cents = z.number().int();
const percent = z.number().nullable();
const practice = { practiceId: z.string(), name: z.string() };

const buckets = z.object({ "0-30": cents, "31-60": cents, "61-90": cents, "91-120": cents, "120+": cents });
const agingSide = z.object({
  insurance: z.object({
    buckets,
    totalCents: cents,
    denied: z
      .object({ buckets, totalCents: cents })
      .describe("Of the insurance A/R, what payers denied and nobody has resolved yet (in the totals, shown apart)"),
    byPayer: z.array(
      z.object({ payerId: z.string(), payerName: z.string(), buckets, totalCents: cents, deniedCents: cents }),
    ),
  }),
  patient: z.object({ buckets, totalCents: cents }),
});

export const arAgingView: z.ZodType<Awaited<ReturnType<typeof arAging>>> = z.object({
  asOf: z.string(),
  buckets: z
    .tuple([z.literal("0-30"), z.literal("31-60"), z.literal("61-90"), z.literal("91-120"), z.literal("120+")])
    .readonly(),
  practices: z.array(
    z.object({ ...practice, claims: z.number().int(), fromServiceDate: agingSide, fromSubmission: agingSide }),
  ),
});

export const collectionsReportView: z.ZodType<Awaited<ReturnType<typeof collectionsByMonth>>> = z.object({
  from: z.string(),
  to: z.string(),
  bases: z
    .object({
      charges: z.literal("date_of_service"),
      payments: z.literal("posting_month"),
      adjustments: z.literal("posting_month"),
      netCollectionRate: z.literal("date_of_service"),
      daysInAR: z.literal("date_of_service"),
    })
    .readonly(),
  practices: z.array(
    z.object({
      ...practice,
      months: z.array(
        z.object({
          month: z.string(),
          chargesCents: cents,
          insurancePaymentsCents: cents,
          patientPaymentsCents: cents,
          refundsCents: cents,
          recoupmentsCents: cents,
          contractualAdjustmentsCents: cents,
          denialAdjustmentsCents: cents,
          otherAdjustmentsCents: cents,
          deniedWrittenOffCents: cents,
          paymentsCents: cents,
          netCollectionRatePercent: percent,
          netCollectionRate: z.object({
            basis: z.literal("date_of_service"),
            chargesCents: cents,
            paymentsCents: cents,
            contractualAdjustmentsCents: cents,
            percent,
          }),
        }),
      ),
    }),
  ),
});

const count = z.number().int();
export const claimPerformanceView: z.ZodType<Awaited<ReturnType<typeof claimPerformance>>> = z.object({
  from: z.string(),
  to: z.string(),
  bases: z.object({ services: z.string(), daysInAR: z.string() }),
  practices: z.array(
    z.object({
      ...practice,
      claims: count,
      cleanClaimRatePercent: percent,
      firstPassResolutionRatePercent: percent,
      denialRatePercent: percent,
      denialsByPayer: z.array(
        z.object({
          payerId: z.string(),
          payerName: z.string(),
          adjudicated: count,
          denied: count,
          denialRatePercent: percent,
        }),
      ),
      denialsByReason: z.array(
        z.object({ group: z.string(), reason: z.string(), description: z.string(), claims: count, amountCents: cents }),
      ),
      arCents: cents,
      deniedOpenCents: cents,
      daysInAR: z.number().nullable(),
      averageDaysToPayment: z.number().nullable(),
      counts: z.object({
        answered: count,
        clean: count,
        adjudicated: count,
        paidFirstPass: count,
        denied: count,
        paid: count,
      }),
    }),
  ),
});

const workFigures = {
  feeCents: cents,
  claimsSent: count,
  resubmissions: count,
  denialsWorked: count,
  appeals: count,
  statements: count,
  tasksDone: count,
  paymentsPosted: count,
  touches: count,
  feePerClaimCents: cents.nullable(),
  feePerTouchCents: cents.nullable(),
  costCents: cents,
  marginCents: cents,
  paysForWork: z.boolean().nullable(),
};

export const profitabilityView: z.ZodType<Awaited<ReturnType<typeof profitability>>> = z.object({
  from: z.string(),
  to: z.string(),
  costPerTouchCents: cents,
  costPerTouchSource: z.enum(["default", "company"]),
  rule: z.string(),
  practices: z.array(
    z.object({
      ...practice,
      ...workFigures,
      months: z.array(
        z.object({
          month: z.string(),
          invoiceStatus: z.enum(["draft", "finalizing", "finalized", "sent", "paid", "void"]).nullable(),
          invoiceNumber: z.string().nullable(),
          collectedCents: cents,
          ...workFigures,
        }),
      ),
    }),
  ),
  notPayingForWork: z.array(z.string()),
});
