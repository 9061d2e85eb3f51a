import { z } from "zod";
import type { payerMix } from "./payer-mix.ts";
import type { reimbursementByCode, underpaidByPayer } from "./reimbursement.ts";
import type { feeAdvice } from "./fee-advice.ts";

/** The payer contract reports as the API shows them, each checked by the compiler against its function. */
const cents = z.number().int();
const percent = z.number().nullable();
const practice = { practiceId: z.string(), name: z.string() };

export const payerMixView: z.ZodType<Awaited<ReturnType<typeof payerMix>>> = z.object({
  from: z.string(),
  to: z.string(),
  bases: z.object({ month: z.literal("date_of_service"), payments: z.string(), daysToPay: z.string() }),
  practices: z.array(
    z.object({
      ...practice,
      months: z.array(
        z.object({
          month: z.string(),
          chargesCents: cents,
          paymentsCents: cents,
          payers: z.array(
            z.object({
              payerId: z.string().describe('A payer id, or "patient" for what patients paid'),
              payerName: z.string(),
              claims: z.number().int(),
              chargesCents: cents,
              paymentsCents: cents,
              sharePercent: percent,
              paidClaims: z.number().int(),
              averageDaysToPay: z.number().nullable(),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const reimbursementView: z.ZodType<Awaited<ReturnType<typeof reimbursementByCode>>> = z.object({
  from: z.string(),
  to: z.string(),
  bases: z.object({ services: z.string(), expected: z.string() }),
  practices: z.array(
    z.object({
      ...practice,
      rows: z.array(
        z.object({
          procedureCode: z.string(),
          payerId: z.string(),
          payerName: z.string(),
          lines: z.number().int(),
          units: z.number(),
          chargesCents: cents,
          averageChargeCents: cents,
          allowedCents: cents,
          averageAllowedCents: cents,
          paidCents: cents,
          averagePaidCents: cents,
          paidPercentOfCharge: percent,
          expectedCents: cents,
          paidPercentOfExpected: percent,
          allowedPercentOfExpected: percent,
          deniedLines: z.number().int(),
          denialRatePercent: percent,
          averageDaysToPay: z.number().nullable(),
        }),
      ),
    }),
  ),
});

const findings = z.enum(["charge_below_allowed", "charge_far_above_allowed", "denial_rate_high"]);
export const feeAdviceView: z.ZodType<Awaited<ReturnType<typeof feeAdvice>>> = z.object({
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  practices: z.array(
    z.object({
      ...practice,
      denialRatePercent: percent,
      codes: z.array(
        z.object({
          procedureCode: z.string(),
          chargeCents: cents,
          chargeSource: z.enum(["fee_schedule", "average_billed"]),
          lines: z.number().int(),
          deniedLines: z.number().int(),
          cappedLines: z.number().int(),
          leftOnTableCents: cents,
          payers: z.array(
            z.object({
              payerId: z.string(),
              payerName: z.string(),
              allowedCents: cents,
              source: z.enum(["contract", "observed"]),
            }),
          ),
          findings: z.array(findings),
          highestAllowedCents: cents.nullable(),
          highestPayer: z.string().nullable(),
          chargePercentOfHighest: percent,
          denialRatePercent: percent,
          suggestedFeeCents: cents,
          rule: z.string(),
        }),
      ),
    }),
  ),
});

export const underpaidView: z.ZodType<Awaited<ReturnType<typeof underpaidByPayer>>> = z.object({
  from: z.string(),
  to: z.string(),
  practices: z.array(
    z.object({
      ...practice,
      shortfallCents: cents,
      payers: z.array(
        z.object({
          payerId: z.string(),
          payerName: z.string(),
          lines: z.number().int(),
          expectedCents: cents,
          allowedCents: cents,
          shortfallCents: cents,
          openCents: cents,
          appealedCents: cents,
          recoveredCents: cents,
          writtenOffCents: cents,
        }),
      ),
    }),
  ),
});
