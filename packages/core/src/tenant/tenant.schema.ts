import { z } from "zod";
import { address, cents, orgName } from "../shared/schema.ts";

export const tenantInput = z.strictObject({
  name: orgName,
  /** A name for the first owner key, e.g. the person who holds it. */
  ownerKeyName: z.string().trim().min(1).max(80).default("owner"),
  /** The company's first console user: invited by mail as its owner. */
  owner: z.strictObject({ email: z.email().max(254), name: z.string().trim().min(1).max(120) }).optional(),
});
export type TenantInput = z.infer<typeof tenantInput>;

/** What the company prints on its invoices: where it is, how to reach it, how to pay it. */
export const tenantPatch = z.strictObject({
  name: orgName.optional(),
  address: address.optional(),
  email: z.email().max(120).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9()+\-. ]{7,25}$/, "a phone number")
    .optional(),
  /** Printed on invoices, e.g. ACH details or a remit-to address. */
  paymentInstructions: z.string().trim().min(3).max(300).optional(),
  /**
   * A biller's write-off of a denial above this amount waits for an owner's approval (0: every
   * one does). Not set: none does.
   */
  writeOffApprovalCents: cents.optional(),
  /** What one unit of work on a practice costs the company (profitability report); not set: 200 ($2.00). */
  costPerTouchCents: cents.optional(),
});
export type TenantPatch = z.infer<typeof tenantPatch>;

export const tenantView = z.object({
  tenantId: z.string(),
  name: z.string(),
  status: z.enum(["active", "suspended"]),
  address: address.optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  paymentInstructions: z.string().optional(),
  writeOffApprovalCents: z.number().int().optional(),
  costPerTouchCents: z.number().int().optional(),
  createdAt: z.string(),
  version: z.number(),
});

export const apiKeyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    role: z.enum(["owner", "biller", "viewer", "practice"]),
    practiceId: z.string().min(1).max(40).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === "practice" && !v.practiceId) {
      ctx.addIssue({ code: "custom", path: ["practiceId"], message: "is required for a practice key" });
    }
    if (v.role !== "practice" && v.practiceId) {
      ctx.addIssue({ code: "custom", path: ["practiceId"], message: "only practice keys are bound to a practice" });
    }
  });
export type ApiKeyInput = z.infer<typeof apiKeyInput>;

export const apiKeyView = z.object({
  keyId: z.string(),
  name: z.string(),
  role: z.enum(["owner", "biller", "viewer", "practice"]),
  practiceId: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

/** The one response that carries a key's secret: creation. It is never shown again. */
export const createdApiKey = apiKeyView.extend({ apiKey: z.string() });
