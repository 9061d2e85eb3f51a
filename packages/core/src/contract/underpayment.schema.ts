import { z } from "zod";
import { cents, isoDate } from "../shared/schema.ts";

export const UNDERPAYMENT_STATUSES = ["open", "appealed", "recovered", "written_off"] as const;
export type UnderpaymentStatus = (typeof UNDERPAYMENT_STATUSES)[number];

export const underpaymentView = z.object({
  underpaymentId: z.string(),
  practiceId: z.string(),
  payerId: z.string(),
  claimId: z.string(),
  lineId: z.string().optional(),
  lineNumber: z.number().optional(),
  procedureCode: z.string(),
  modifiers: z.array(z.string()),
  units: z.number(),
  serviceDate: z.string(),
  chargeCents: z.number(),
  contractedUnitCents: z.number(),
  expectedCents: z.number(),
  allowedCents: z.number(),
  paidCents: z.number(),
  shortfallCents: z.number(),
  toleranceCents: z.number(),
  scheduleFrom: z.string(),
  remittanceId: z.string(),
  payerClaimControlNumber: z.string().optional(),
  depositDate: z.string(),
  status: z.enum(UNDERPAYMENT_STATUSES),
  /** The follow-up task ("Call the payer") the claim's underpaid lines of this 835 share. */
  taskId: z.string().optional(),
  note: z.string().optional(),
  statusBy: z.string().optional(),
  statusAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type UnderpaymentView = z.infer<typeof underpaymentView>;

export const underpaymentListQuery = z.strictObject({
  practiceId: z.string().max(40).optional(),
  payerId: z.string().max(40).optional(),
  status: z.enum(UNDERPAYMENT_STATUSES).optional(),
  serviceDateFrom: isoDate.optional(),
  serviceDateTo: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(2048).optional(),
});
export type UnderpaymentListQuery = z.infer<typeof underpaymentListQuery>;

export const underpaymentStatusInput = z.strictObject({
  status: z.enum(UNDERPAYMENT_STATUSES),
  note: z.string().trim().min(1).max(500).optional(),
});
export type UnderpaymentStatusInput = z.infer<typeof underpaymentStatusInput>;

export const underpaymentSettingsInput = z.strictObject({
  /** A line is an underpayment when it is allowed more than this below its contract. */
  toleranceCents: cents,
  /** A payer's own tolerance, instead of the company's. */
  payerTolerances: z.record(z.string().max(40), cents).default({}),
});
export type UnderpaymentSettingsInput = z.infer<typeof underpaymentSettingsInput>;

export const underpaymentSettingsView = z.object({
  toleranceCents: z.number(),
  payerTolerances: z.record(z.string(), z.number()),
  version: z.number(),
  updatedAt: z.string().optional(),
});
