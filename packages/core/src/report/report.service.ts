import { claimsOfPracticeBetween, type ClaimStatus } from "../claim/index.ts";
import { isDenialAdjustment, isCrossover } from "../remittance/index.ts";
import { describeCarc, type GroupCode } from "../codes/index.ts";
import { categoryOf, entriesOfClaim, ledgerOf } from "../ledger/index.ts";
import { nextMonth } from "../invoice/index.ts";
import type { Principal } from "../shared/context.ts";
import { invalid } from "../shared/errors.ts";
import { toCsv } from "../shared/csv.ts";
import { balancesOf, inAR, payerNames, rate, scopePractices } from "./scope.ts";
import { addDays, daysBetween } from "../shared/dates.ts";
import { BASES, claimCohort, cohortTotals, netCollectionRate } from "./kpi.ts";

/**
 * The reports owners run the business on. Each reads Queries over keys made for it: a practice's
 * claims by status (gsi3) or by date of service (gsi1), and its ledger partitions by month. Cost
 * grows with the practice's data in the period asked for, never with the table.
 */

function monthsBetween(from: string, to: string): string[] {
  if (from > to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  const out = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  if (out.length > 24) throw invalid([{ path: "query.from", message: "at most 24 months at a time" }]);
  return out;
}

const lastDay = (month: string) => addDays(`${nextMonth(month)}-01`, -1);

/**
 * Collections by month by practice. Charges are the services of the month (date of service; a
 * secondary claim re-bills the same services and is not a new charge); payments and adjustments
 * are what was posted in the month (the cash the invoice bills). The net collection rate is on
 * one basis, the services of the month: payments / (charges - contractual adjustments) on those
 * services, posted to date (HFMA MAP Keys), so it never mixes the two and never goes negative.
 */
export async function collectionsByMonth(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  const months = monthsBetween(q.from, q.to);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const claims = (
      await claimsOfPracticeBetween(p.tenantId, pr.practiceId, `${q.from}-01`, `${lastDay(q.to)}~`)
    ).filter((c) => c.frequencyCode !== "8" && c.status !== "voided" && c.status !== "corrected");
    const rows = [];
    for (const month of months) {
      const cohort = claims.filter((c) => c.serviceDate.startsWith(month));
      const charges = cohort.filter((c) => !isCrossover(c)).reduce((s, c) => s + c.totalChargeCents, 0);
      const ncr = { paymentsCents: 0, contractualAdjustmentsCents: 0 };
      for (const c of cohort) {
        const t = claimCohort(c.balances) ?? cohortTotals(await entriesOfClaim(p.tenantId, c.claimId));
        ncr.paymentsCents += t.paymentsCents;
        ncr.contractualAdjustmentsCents += t.contractualAdjustmentsCents;
      }
      const m = {
        insurancePaymentsCents: 0,
        patientPaymentsCents: 0,
        refundsCents: 0,
        recoupmentsCents: 0,
        contractualAdjustmentsCents: 0,
        denialAdjustmentsCents: 0,
        otherAdjustmentsCents: 0,
        deniedWrittenOffCents: 0,
      };
      for (const e of await ledgerOf(p.tenantId, pr.practiceId, month)) {
        // Money in and out by the invoice's categories (interest is not a collection here); then adjustments.
        const category = categoryOf(e);
        if (category) {
          if (category !== "interestCents") m[category] += e.amountCents;
        } else if (isDenialAdjustment(e)) m.denialAdjustmentsCents += e.amountCents;
        else if (e.kind === "contractual_adjustment") m.contractualAdjustmentsCents += e.amountCents;
        else if (e.kind === "other_adjustment") m.otherAdjustmentsCents += e.amountCents;
        else if (e.kind === "denial_write_off") m.deniedWrittenOffCents += e.amountCents;
      }
      const paymentsCents = m.insurancePaymentsCents + m.patientPaymentsCents + m.refundsCents + m.recoupmentsCents;
      const percent = netCollectionRate(ncr.paymentsCents, charges, ncr.contractualAdjustmentsCents);
      rows.push({
        month,
        chargesCents: charges,
        ...m,
        paymentsCents,
        netCollectionRatePercent: percent,
        netCollectionRate: { basis: BASES.netCollectionRate, chargesCents: charges, ...ncr, percent },
      });
    }
    practices.push({ ...pr, months: rows });
  }
  return { from: q.from, to: q.to, bases: BASES, practices };
}

export function collectionsCsv(r: Awaited<ReturnType<typeof collectionsByMonth>>): string {
  const cols = [
    "chargesCents",
    "insurancePaymentsCents",
    "patientPaymentsCents",
    "refundsCents",
    "recoupmentsCents",
    "paymentsCents",
    "contractualAdjustmentsCents",
    "denialAdjustmentsCents",
    "otherAdjustmentsCents",
    "deniedWrittenOffCents",
    "netCollectionRatePercent",
  ] as const;
  const rows = [
    ["practice_id", "practice", "month", ...cols.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`))],
  ];
  for (const pr of r.practices)
    for (const m of pr.months) rows.push([pr.practiceId, pr.name, m.month, ...cols.map((c) => String(m[c] ?? ""))]);
  return toCsv(rows);
}

const ADJUDICATED: ClaimStatus[] = ["paid", "partially_paid", "denied", "closed"];

/**
 * Claim performance for services in [from, to]: clean claim rate (answered on the first
 * submission, never edited, not rejected), first-pass resolution (paid on the first submission),
 * denial rate by payer and by reason code, days in A/R and average days from submission to payment.
 */
export async function claimPerformance(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  if (q.from > q.to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  if (daysBetween(q.from, q.to) > 731) throw invalid([{ path: "query.from", message: "at most two years at a time" }]);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const claims = (await claimsOfPracticeBetween(p.tenantId, pr.practiceId, q.from, `${q.to}~`)).filter(
      (c) => c.frequencyCode !== "8" && c.status !== "voided",
    );
    const answered = claims.filter((c) => c.submissions > 0 && c.status !== "submitted" && c.status !== "queued");
    const clean = answered.filter((c) => c.submissions === 1 && c.edits === 0 && c.status !== "rejected");
    const adjudicated = claims.filter((c) => ADJUDICATED.includes(c.status));
    const paidFirstPass = adjudicated.filter(
      (c) => c.submissions === 1 && c.status !== "denied" && (c.balances?.insurancePaidCents ?? 0) > 0,
    );
    const denied = adjudicated.filter((c) => c.status === "denied");

    const byPayer = new Map<string, { payerId: string; payerName: string; adjudicated: number; denied: number }>();
    for (const c of adjudicated) {
      const row = byPayer.get(c.payerId) ?? {
        payerId: c.payerId,
        payerName: names.get(c.payerId) ?? c.payerId,
        adjudicated: 0,
        denied: 0,
      };
      row.adjudicated++;
      if (c.status === "denied") row.denied++;
      byPayer.set(c.payerId, row);
    }
    const byReason = new Map<
      string,
      { group: string; reason: string; description: string; claims: number; amountCents: number }
    >();
    for (const c of denied) {
      const entries = await entriesOfClaim(p.tenantId, c.claimId);
      const seen = new Set<string>();
      for (const e of entries.filter(isDenialAdjustment)) {
        const key = `${e.group}-${e.reason}`;
        const row = byReason.get(key) ?? {
          group: e.group ?? "",
          reason: e.reason ?? "",
          description: describeCarc(e.reason ?? "", (e.group ?? "CO") as GroupCode).description,
          claims: 0,
          amountCents: 0,
        };
        row.amountCents += e.amountCents;
        if (!seen.has(key)) row.claims++;
        seen.add(key);
        byReason.set(key, row);
      }
    }
    const toPay = claims
      .filter((c) => c.firstSubmittedAt && c.firstPaidDate)
      .map((c) => Math.max(0, daysBetween(c.firstSubmittedAt!, c.firstPaidDate!)));
    // A secondary claim bills the primary's services again: not a new charge. Its open share is A/R.
    const chargesCents = claims.filter((c) => !isCrossover(c)).reduce((s, c) => s + c.totalChargeCents, 0);
    const open = claims.filter(inAR);
    const arCents = open.reduce((s, c) => s + balancesOf(c).insurance + balancesOf(c).patient, 0);
    const deniedOpenCents = open.reduce((s, c) => s + balancesOf(c).denied, 0);
    const dailyCharges = chargesCents / (daysBetween(q.from, q.to) + 1);
    practices.push({
      ...pr,
      claims: claims.length,
      cleanClaimRatePercent: rate(clean.length, answered.length),
      firstPassResolutionRatePercent: rate(paidFirstPass.length, adjudicated.length),
      denialRatePercent: rate(denied.length, adjudicated.length),
      denialsByPayer: [...byPayer.values()]
        .map((r) => ({ ...r, denialRatePercent: rate(r.denied, r.adjudicated) }))
        .sort(
          (a, b) => (b.denialRatePercent ?? 0) - (a.denialRatePercent ?? 0) || a.payerName.localeCompare(b.payerName),
        ),
      denialsByReason: [...byReason.values()].sort((a, b) => b.amountCents - a.amountCents),
      arCents,
      deniedOpenCents,
      daysInAR: dailyCharges === 0 ? null : Math.round((arCents / dailyCharges) * 10) / 10,
      averageDaysToPayment: toPay.length
        ? Math.round((toPay.reduce((s, d) => s + d, 0) / toPay.length) * 10) / 10
        : null,
      counts: {
        answered: answered.length,
        clean: clean.length,
        adjudicated: adjudicated.length,
        paidFirstPass: paidFirstPass.length,
        denied: denied.length,
        paid: toPay.length,
      },
    });
  }
  return {
    from: q.from,
    to: q.to,
    bases: {
      services: "date_of_service",
      daysInAR: "open balances of the range's services / their average daily charges",
    },
    practices,
  };
}
