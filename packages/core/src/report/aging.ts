import type { ClaimSummary as Claim } from "../claim/index.ts";
import { toCsv } from "../shared/csv.ts";
import type { Principal } from "../shared/context.ts";
import { balancesOf, openClaims, payerNames, scopePractices } from "./scope.ts";
import { daysBetween } from "../shared/dates.ts";

export const BUCKETS = ["0-30", "31-60", "61-90", "91-120", "120+"] as const;
type Buckets = Record<(typeof BUCKETS)[number], number>;
const emptyBuckets = (): Buckets => ({ "0-30": 0, "31-60": 0, "61-90": 0, "91-120": 0, "120+": 0 });
export function bucketOf(ageDays: number): (typeof BUCKETS)[number] {
  return ageDays <= 30
    ? "0-30"
    : ageDays <= 60
      ? "31-60"
      : ageDays <= 90
        ? "61-90"
        : ageDays <= 120
          ? "91-120"
          : "120+";
}

interface AgingSide {
  insurance: {
    buckets: Buckets;
    totalCents: number;
    /** Of the insurance A/R, what payers denied and nobody has resolved yet (in the totals, shown apart). */
    denied: { buckets: Buckets; totalCents: number };
    byPayer: { payerId: string; payerName: string; buckets: Buckets; totalCents: number; deniedCents: number }[];
  };
  patient: { buckets: Buckets; totalCents: number };
}

/**
 * A/R aging by practice and payer, from date of service and from first submission; insurance and
 * patient balances apart, open denials apart within insurance. A visit billed on to a secondary
 * payer counts once: the primary's share moved to the secondary claim, where it is owed.
 */
export async function arAging(p: Principal, q: { asOf?: string; practiceId?: string }) {
  const asOf = q.asOf ?? new Date().toISOString().slice(0, 10);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const claims = (await openClaims(p.tenantId, pr.practiceId)).filter((c) => c.serviceDate <= asOf);
    const side = (start: (c: Claim) => string | undefined): AgingSide => {
      const s: AgingSide = {
        insurance: {
          buckets: emptyBuckets(),
          totalCents: 0,
          denied: { buckets: emptyBuckets(), totalCents: 0 },
          byPayer: [],
        },
        patient: { buckets: emptyBuckets(), totalCents: 0 },
      };
      const byPayer = new Map<string, AgingSide["insurance"]["byPayer"][number]>();
      for (const c of claims) {
        const from = start(c) ?? (c.primaryClaimId ? c.createdAt : undefined);
        if (!from) continue;
        const b = bucketOf(Math.max(0, daysBetween(from, asOf)));
        const { insurance, denied, patient } = balancesOf(c);
        if (insurance) {
          s.insurance.buckets[b] += insurance;
          s.insurance.totalCents += insurance;
          const row = byPayer.get(c.payerId) ?? {
            payerId: c.payerId,
            payerName: names.get(c.payerId) ?? c.payerId,
            buckets: emptyBuckets(),
            totalCents: 0,
            deniedCents: 0,
          };
          row.buckets[b] += insurance;
          row.totalCents += insurance;
          row.deniedCents += denied;
          byPayer.set(c.payerId, row);
        }
        if (denied) {
          s.insurance.denied.buckets[b] += denied;
          s.insurance.denied.totalCents += denied;
        }
        if (patient) {
          s.patient.buckets[b] += patient;
          s.patient.totalCents += patient;
        }
      }
      s.insurance.byPayer = [...byPayer.values()].sort((a, b2) => b2.totalCents - a.totalCents);
      return s;
    };
    practices.push({
      ...pr,
      claims: claims.length,
      fromServiceDate: side((c) => c.serviceDate),
      fromSubmission: side((c) => c.firstSubmittedAt),
    });
  }
  return { asOf, buckets: BUCKETS, practices };
}

export function arAgingCsv(r: Awaited<ReturnType<typeof arAging>>): string {
  const rows = [
    [
      "practice_id",
      "practice",
      "basis",
      "balance",
      "payer_id",
      "payer",
      ...BUCKETS.map((b) => `days_${b}`),
      "total_cents",
    ],
  ];
  for (const pr of r.practices) {
    for (const [basis, side] of [
      ["service_date", pr.fromServiceDate],
      ["submission", pr.fromSubmission],
    ] as const) {
      for (const row of side.insurance.byPayer)
        rows.push([
          pr.practiceId,
          pr.name,
          basis,
          "insurance",
          row.payerId,
          row.payerName,
          ...BUCKETS.map((b) => String(row.buckets[b])),
          String(row.totalCents),
        ]);
      rows.push([
        pr.practiceId,
        pr.name,
        basis,
        "insurance_denied",
        "",
        "",
        ...BUCKETS.map((b) => String(side.insurance.denied.buckets[b])),
        String(side.insurance.denied.totalCents),
      ]);
      rows.push([
        pr.practiceId,
        pr.name,
        basis,
        "patient",
        "",
        "",
        ...BUCKETS.map((b) => String(side.patient.buckets[b])),
        String(side.patient.totalCents),
      ]);
    }
  }
  return toCsv(rows);
}
