import type { Get } from "../../api/types";

/** Company-wide figures from the per-practice reports; money stays integer cents. */
export interface Kpis {
  cleanClaimRate: number | null;
  denialRate: number | null;
  daysInAR: number | null;
  netCollectionRate: number | null;
  arCents: number;
  over90Cents: number;
  aging: { bucket: string; cents: number }[];
}

type Aging = Get<"/v1/reports/ar-aging">;
type Collections = Get<"/v1/reports/collections">;
type Claims = Get<"/v1/reports/claims">;

/** The last n months on this computer's calendar, oldest first, "YYYY-MM". */
export function monthsBack(n: number, now = new Date()): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--)
    out.push(new Date(Date.UTC(now.getFullYear(), now.getMonth() - i, 1)).toISOString().slice(0, 7));
  return out;
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b) * 100 : null);

/** Open A/R per bucket, insurance and patient together, all practices. */
export function agingTotals(aging: Aging, side: "fromServiceDate" | "fromSubmission" = "fromServiceDate") {
  return aging.buckets.map((bucket) => ({
    bucket,
    cents: aging.practices.reduce((t, p) => t + p[side].insurance.buckets[bucket] + p[side].patient.buckets[bucket], 0),
  }));
}

export function companyKpis(d: { aging: Aging; collections: Collections; claims: Claims }): Kpis {
  const c = d.claims.practices.reduce(
    (t, p) => ({
      answered: t.answered + p.counts.answered,
      clean: t.clean + p.counts.clean,
      adjudicated: t.adjudicated + p.counts.adjudicated,
      denied: t.denied + p.counts.denied,
      ar: t.ar + (p.daysInAR === null ? 0 : p.arCents),
      arDays: t.arDays + (p.daysInAR === null ? 0 : p.daysInAR * p.arCents),
    }),
    { answered: 0, clean: 0, adjudicated: 0, denied: 0, ar: 0, arDays: 0 },
  );
  const ncr = d.collections.practices
    .flatMap((p) => p.months)
    .reduce(
      (t, m) => ({
        paid: t.paid + m.netCollectionRate.paymentsCents,
        collectible: t.collectible + m.netCollectionRate.chargesCents - m.netCollectionRate.contractualAdjustmentsCents,
      }),
      { paid: 0, collectible: 0 },
    );
  const aging = agingTotals(d.aging);
  const arCents = aging.reduce((t, b) => t + b.cents, 0);
  const over90Cents = aging
    .filter((b) => b.bucket === "91-120" || b.bucket === "120+")
    .reduce((t, b) => t + b.cents, 0);
  return {
    cleanClaimRate: ratio(c.clean, c.answered),
    denialRate: ratio(c.denied, c.adjudicated),
    daysInAR: c.ar > 0 ? c.arDays / c.ar : null,
    netCollectionRate: ratio(ncr.paid, ncr.collectible),
    arCents,
    over90Cents,
    aging,
  };
}

/** Charges and payments by month, all practices. */
export function trend(col: Collections) {
  const months = [...new Set(col.practices.flatMap((p) => p.months.map((m) => m.month)))].sort();
  const sum = (month: string, f: (m: Collections["practices"][number]["months"][number]) => number) =>
    col.practices.reduce((t, p) => t + p.months.filter((m) => m.month === month).reduce((x, m) => x + f(m), 0), 0);
  return {
    months,
    payments: months.map((m) => sum(m, (x) => x.paymentsCents)),
    charges: months.map((m) => sum(m, (x) => x.chargesCents)),
  };
}
