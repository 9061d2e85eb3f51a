import { z } from "zod";

const role = z.enum(["owner", "biller", "viewer", "practice"]);
const email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());
/** NIST SP 800-63B: length, not composition rules; 12 is the floor, 200 keeps scrypt's input sane. */
export const password = z.string().min(12, "must be at least 12 characters").max(200);

function practiceBinding(v: { role?: string; practiceId?: string }, ctx: z.RefinementCtx) {
  if (v.role === "practice" && !v.practiceId)
    ctx.addIssue({ code: "custom", path: ["practiceId"], message: "is required for a practice user" });
  if (v.role !== undefined && v.role !== "practice" && v.practiceId)
    ctx.addIssue({ code: "custom", path: ["practiceId"], message: "only practice users are bound to a practice" });
}

export const invitationInput = z
  .strictObject({
    email,
    name: z.string().trim().min(1).max(120),
    role,
    practiceId: z.string().min(1).max(40).optional(),
  })
  .superRefine(practiceBinding);
export type InvitationInput = z.infer<typeof invitationInput>;

export const invitationView = z.object({
  invitationId: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  practiceId: z.string().optional(),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const userView = z.object({
  userId: z.string(),
  tenantId: z.string(),
  companyName: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  practiceId: z.string().optional(),
  status: z.enum(["active", "disabled"]),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().optional(),
});
export type UserView = z.infer<typeof userView>;

export const userPatch = z
  .strictObject({
    role: role.optional(),
    practiceId: z.string().min(1).max(40).optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .superRefine(practiceBinding);
export type UserPatch = z.infer<typeof userPatch>;

export const signInInput = z.strictObject({
  email,
  password: z.string().min(1).max(200),
  totpCode: z.string().trim().max(10).optional(),
  /** Only when one email signs in to two companies: which one. */
  tenantId: z.string().max(40).optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

export const sessionView = z.object({
  /** When the session ends however active it is (ISO). */
  expiresAt: z.string(),
  /** When it ends without activity (automatic log-off). */
  idleExpiresAt: z.string(),
  idleTimeoutSeconds: z.number(),
  /** Send as `X-CSRF-Token` on every request that changes something. */
  csrfToken: z.string(),
});
export const signedIn = z.object({ user: userView, session: sessionView });
export type SignedIn = z.infer<typeof signedIn>;

export const acceptInput = z.strictObject({ token: z.string().min(1).max(200), password });
export const resetRequest = z.strictObject({ email });
export const resetComplete = z.strictObject({ token: z.string().min(1).max(200), password });
export const totpCodeInput = z.strictObject({ code: z.string().trim().min(6).max(10) });
export const totpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string() });
