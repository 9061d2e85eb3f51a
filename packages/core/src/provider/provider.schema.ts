import { z } from "zod";
import { address, ein, npi, orgName, personName, status, taxonomyCode } from "../shared/schema.ts";

export const PROVIDER_ROLES = ["rendering", "billing", "referring"] as const;

const base = {
  /** `individual`: a physician (type-1 NPI); `organization`: a group (type-2 NPI). */
  kind: z.enum(["individual", "organization"]),
  firstName: personName.optional(),
  middleName: personName.optional(),
  lastName: personName.optional(),
  organizationName: orgName.optional(),
  credential: z
    .string()
    .max(10)
    .regex(/^[A-Za-z.]+$/)
    .optional(),
  npi,
  taxonomyCode,
  taxId: ein.optional(),
  roles: z.array(z.enum(PROVIDER_ROLES)).min(1).max(3),
  address: address.optional(),
  status: status.default("active"),
};

/** The names a provider of each kind must have; used on create and on the merged record of a patch. */
export function providerNameIssues(v: {
  kind?: string;
  firstName?: string;
  lastName?: string;
  organizationName?: string;
}) {
  const issues: { path: string; message: string }[] = [];
  if (v.kind === "individual") {
    if (!v.firstName) issues.push({ path: "firstName", message: "is required for an individual" });
    if (!v.lastName) issues.push({ path: "lastName", message: "is required for an individual" });
  }
  if (v.kind === "organization" && !v.organizationName) {
    issues.push({ path: "organizationName", message: "is required for an organization" });
  }
  return issues;
}

export const providerInput = z.strictObject(base).superRefine((v, ctx) => {
  for (const i of providerNameIssues(v)) ctx.addIssue({ code: "custom", path: [i.path], message: i.message });
});
export type ProviderInput = z.infer<typeof providerInput>;

export const providerPatch = z
  .strictObject({
    ...base,
    kind: base.kind.optional(),
    npi: npi.optional(),
    taxonomyCode: taxonomyCode.optional(),
    roles: base.roles.optional(),
    status: status.optional(),
  })
  .partial();
export type ProviderPatch = z.infer<typeof providerPatch>;

export const providerView = z.object({
  providerId: z.string(),
  practiceId: z.string(),
  ...base,
  taxId: z.string().optional(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Provider = z.infer<typeof providerView>;
