import { z } from "zod";
import { ledgerOf } from "../ledger/index.ts";
import { nextMonth, readActivity } from "../invoice/index.ts";
import { placementsOf } from "../patientbilling/index.ts";
import type { Principal } from "../shared/context.ts";
import { invalid } from "../shared/errors.ts";
import { toCsv } from "../shared/csv.ts";
import { scopePractices } from "./scope.ts";

/**
 * Patient collections by month and practice: statements sent, what patients paid (desk, mail and
 * phone payments, held credit included when it was taken; refunds apart), what went to collection
 * agencies (accounts placed and their balances, by placement date), and what the agencies
 * recovered, gross, with their fees and what the practice kept (by recovery date).
 */
export interface PatientCollectionsMonth {
  month: string;
  statementsSent: number;
  patientPaymentsCents: number;
  refundsCents: number;
  placedAccounts: number;
  placedCents: number;
  recoveredCents: number;
  agencyFeesCents: number;
  netRecoveredCents: number;
}

/** One month's figures from its ledger entries, the practice's placements and its statement count. Pure. */
export function patientCollectionsMonth(
  month: string,
  entries: { kind: string; amountCents: number }[],
  placements: { placedOn: string; placedCents: number }[],
  statementsSent: number,
): PatientCollectionsMonth {
  const sum = (...kinds: string[]) =>
    entries.filter((e) => kinds.includes(e.kind)).reduce((s, e) => s + e.amountCents, 0);
  const placed = placements.filter((x) => x.placedOn.startsWith(month));
  const recoveredCents = sum("collection_recovery");
  const agencyFeesCents = -sum("collection_agency_fee");
  return {
    month,
    statementsSent,
    patientPaymentsCents: sum("patient_payment", "patient_deposit"),
    refundsCents: sum("refund", "credit_refund"),
    placedAccounts: placed.length,
    placedCents: placed.reduce((s, x) => s + x.placedCents, 0),
    recoveredCents,
    agencyFeesCents,
    netRecoveredCents: recoveredCents - agencyFeesCents,
  };
}

export async function patientCollections(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  if (q.from > q.to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  const months: string[] = [];
  for (let m = q.from; m <= q.to; m = nextMonth(m)) months.push(m);
  if (months.length > 24) throw invalid([{ path: "query.from", message: "at most 24 months at a time" }]);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const placements = await placementsOf(p.tenantId, pr.practiceId);
    const rows = [];
    for (const month of months) {
      const [entries, activity] = await Promise.all([
        ledgerOf(p.tenantId, pr.practiceId, month),
        readActivity(p.tenantId, pr.practiceId, month),
      ]);
      rows.push(patientCollectionsMonth(month, entries, placements, activity["statements-sent"]));
    }
    practices.push({ ...pr, months: rows });
  }
  return { from: q.from, to: q.to, practices };
}

const month = z.object({
  month: z.string(),
  statementsSent: z.number().int(),
  patientPaymentsCents: z.number().int(),
  refundsCents: z.number().int(),
  placedAccounts: z.number().int(),
  placedCents: z.number().int().describe("What the accounts placed with agencies in the month owed"),
  recoveredCents: z.number().int().describe("Gross recovered by agencies in the month"),
  agencyFeesCents: z.number().int(),
  netRecoveredCents: z.number().int().describe("Recovered less the agencies' fees: what the practice kept"),
}) satisfies z.ZodType<PatientCollectionsMonth>;
export const patientCollectionsView = z.object({
  from: z.string(),
  to: z.string(),
  practices: z.array(z.object({ practiceId: z.string(), name: z.string(), months: z.array(month) })),
});

export function patientCollectionsCsv(r: Awaited<ReturnType<typeof patientCollections>>): string {
  const cols = Object.keys(month.shape).filter((k) => k !== "month") as (keyof PatientCollectionsMonth)[];
  const rows = [
    ["practice_id", "practice", "month", ...cols.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`))],
  ];
  for (const pr of r.practices)
    for (const m of pr.months) rows.push([pr.practiceId, pr.name, m.month, ...cols.map((c) => String(m[c]))]);
  return toCsv(rows);
}
