import { Entity } from "electrodb";
import { z } from "zod";
import { SERVICE, entityConfig, now } from "../shared/db.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { getPractice } from "../practice/index.ts";
import { transactWrite, tx } from "../shared/transact.ts";
import { auditPut } from "../audit/index.ts";
import { cents } from "../shared/schema.ts";
import { printable } from "../shared/pdf.ts";

/** A practice's fee schedule: what it charges per code (+ modifier). One item per practice. */
export const FeeScheduleEntity = new Entity(
  {
    model: { entity: "feeSchedule", version: "1", service: SERVICE },
    attributes: {
      tenantId: { type: "string", required: true, readOnly: true },
      practiceId: { type: "string", required: true, readOnly: true },
      entries: { type: "any", required: true },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byPractice: {
        pk: { field: "pk", composite: ["tenantId", "practiceId"], casing: "none" },
        sk: { field: "sk", composite: [] },
      },
    },
  },
  entityConfig(),
);

export const feeEntry = z.strictObject({
  procedureCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{5}$/, "must be a 5-character CPT/HCPCS code"),
  modifier: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2}$/, "must be a 2-character modifier")
    .optional(),
  chargeCents: cents.min(1, "must be positive"),
  /**
   * The practice's own plain-language words for the service, printed on patient statements ("Office
   * visit, established patient"). CPT's descriptions are the AMA's and are never shipped or printed.
   */
  description: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine(
      printable,
      "may hold only characters a statement prints (letters, accented Latin letters, digits, punctuation)",
    )
    .optional(),
});
export const feeScheduleInput = z.strictObject({ entries: z.array(feeEntry).max(5000) }).superRefine((v, ctx) => {
  const seen = new Set<string>();
  v.entries.forEach((e, i) => {
    const k = `${e.procedureCode}:${e.modifier ?? ""}`;
    if (seen.has(k))
      ctx.addIssue({ code: "custom", path: ["entries", i], message: `${k.replace(/:$/, "")} is listed twice` });
    seen.add(k);
  });
});
export type FeeEntry = z.infer<typeof feeEntry>;

/** A practice's fee schedule as the API shows it (updatedAt null before one is saved). */
export const feeView = z.object({
  practiceId: z.string(),
  entries: feeScheduleInput.shape.entries,
  updatedAt: z.string().nullable(),
});

export async function putFeeSchedule(p: Principal, practiceId: string, entries: FeeEntry[]) {
  authorize(p, "feeSchedule.write");
  await getPractice(p, practiceId);
  const updatedAt = now();
  await transactWrite([
    tx.put(FeeScheduleEntity.put({ tenantId: p.tenantId, practiceId, entries, updatedAt }).params()),
    tx.put(auditPut(p, `feeSchedule:${practiceId}`, "replaced", { practiceId, note: `${entries.length} entries` })),
  ]);
  return { practiceId, entries, updatedAt };
}

export async function getFeeSchedule(p: Principal, practiceId: string) {
  await getPractice(p, practiceId);
  return feeScheduleOfPractice(p, practiceId);
}

/** The fee schedule, for a caller that has already checked the practice (one read instead of two). */
export async function feeScheduleOfPractice(p: Principal, practiceId: string) {
  const { data } = await FeeScheduleEntity.get({ tenantId: p.tenantId, practiceId }).go();
  return { practiceId, entries: (data?.entries ?? []) as FeeEntry[], updatedAt: data?.updatedAt ?? null };
}

/** Charge for a code: the entry with its first modifier, else the code alone. */
export function feeFor(entries: FeeEntry[], code: string, modifiers: string[]): number | undefined {
  const withMod = modifiers[0] && entries.find((e) => e.procedureCode === code && e.modifier === modifiers[0]);
  return (withMod || entries.find((e) => e.procedureCode === code && !e.modifier))?.chargeCents;
}
