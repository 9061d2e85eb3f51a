import { claimSummariesOfPracticeBetween, isCrossoverClaim, type ClaimSummary } from "../claim/index.ts";
import { nextMonth } from "../invoice/index.ts";
import type { Principal } from "../shared/context.ts";
import { addDays, daysBetween } from "../shared/dates.ts";
import { invalid } from "../shared/errors.ts";
import { toCsv } from "../shared/csv.ts";
import { mapLimit } from "../shared/pool.ts";
import { payerNames, rate, scopePractices } from "./scope.ts";

/**
 * Payer mix per practice and month of service: for each payer, the charges of the month's
 * services billed to it (primary claims: a secondary claim bills the same services again), what
 * it has paid on them to date, its share of all that was paid on them (insurance and patients),
 * and its average days from first submission to first payment. Patients are a row of their own.
 * Reads the practice's claims of the months asked (hot items only, by date of service).
 */

export const PATIENT_ROW = "patient";

function monthsOf(from: string, to: string): string[] {
  if (from > to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  const out = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  if (out.length > 24) throw invalid([{ path: "query.from", message: "at most 24 months at a time" }]);
  return out;
}

/** Months read at once, each its own range of the practice's claim index. */
const MONTHS_IN_FLIGHT = 4;

const live = (c: ClaimSummary) => c.frequencyCode !== "8" && c.status !== "voided" && c.status !== "corrected";

interface Row {
  payerId: string;
  payerName: string;
  claims: number;
  chargesCents: number;
  paymentsCents: number;
  sharePercent: number | null;
  averageDaysToPay: number | null;
  paidClaims: number;
}

export async function payerMix(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  const months = monthsOf(q.from, q.to);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const byMonth = await mapLimit(months, MONTHS_IN_FLIGHT, (month) =>
      claimSummariesOfPracticeBetween(
        p.tenantId,
        pr.practiceId,
        `${month}-01`,
        `${addDays(`${nextMonth(month)}-01`, -1)}~`,
      ),
    );
    const rows = [];
    for (const [i, month] of months.entries()) {
      const claims = byMonth[i]!.filter(live);
      const byPayer = new Map<string, Row & { days: number }>();
      const row = (payerId: string) => {
        let r = byPayer.get(payerId);
        if (!r) {
          r = {
            payerId,
            payerName: payerId === PATIENT_ROW ? "Patients" : (names.get(payerId) ?? payerId),
            claims: 0,
            chargesCents: 0,
            paymentsCents: 0,
            sharePercent: null,
            averageDaysToPay: null,
            paidClaims: 0,
            days: 0,
          };
          byPayer.set(payerId, r);
        }
        return r;
      };
      for (const c of claims) {
        const r = row(c.payerId);
        r.claims++;
        if (!isCrossoverClaim(c)) r.chargesCents += c.totalChargeCents;
        r.paymentsCents += c.balances?.insurancePaidCents ?? 0;
        if (c.firstSubmittedAt && c.firstPaidDate) {
          r.paidClaims++;
          r.days += Math.max(0, daysBetween(c.firstSubmittedAt, c.firstPaidDate));
        }
        const patientPaid = c.balances?.patientPaidCents ?? 0;
        if (patientPaid !== 0) row(PATIENT_ROW).paymentsCents += patientPaid;
      }
      const all = [...byPayer.values()];
      const total = all.reduce((s, r) => s + r.paymentsCents, 0);
      const payers = all
        .map(({ days, ...r }) => ({
          ...r,
          sharePercent: rate(r.paymentsCents, total),
          averageDaysToPay: r.paidClaims ? Math.round((days / r.paidClaims) * 10) / 10 : null,
        }))
        .sort((a, b) => b.paymentsCents - a.paymentsCents || a.payerName.localeCompare(b.payerName));
      rows.push({
        month,
        chargesCents: all.reduce((s, r) => s + r.chargesCents, 0),
        paymentsCents: total,
        payers,
      });
    }
    practices.push({ ...pr, months: rows });
  }
  return {
    from: q.from,
    to: q.to,
    bases: {
      month: "date_of_service",
      payments: "posted to date on the month's services",
      daysToPay: "first submission to first payment",
    },
    practices,
  };
}

export function payerMixCsv(r: Awaited<ReturnType<typeof payerMix>>): string {
  const rows = [
    [
      "practice_id",
      "practice",
      "month",
      "payer_id",
      "payer",
      "claims",
      "charges_cents",
      "payments_cents",
      "share_percent",
      "paid_claims",
      "average_days_to_pay",
    ],
  ];
  for (const pr of r.practices)
    for (const m of pr.months)
      for (const x of m.payers)
        rows.push([
          pr.practiceId,
          pr.name,
          m.month,
          x.payerId,
          x.payerName,
          String(x.claims),
          String(x.chargesCents),
          String(x.paymentsCents),
          x.sharePercent === null ? "" : String(x.sharePercent),
          String(x.paidClaims),
          x.averageDaysToPay === null ? "" : String(x.averageDaysToPay),
        ]);
  return toCsv(rows);
}
