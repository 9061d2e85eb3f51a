import { ClaimEntity } from "../claim/claim.entity.ts";
import type { Claim } from "../claim/claim.service.ts";
import type { ClaimStatus } from "../claim/claim.types.ts";
import { LedgerEntryEntity } from "../remittance/remittance.entity.ts";
import { isDenialAdjustment } from "../remittance/denials.service.ts";
import { PracticeEntity } from "../practice/practice.entity.ts";
import { PayerEntity } from "../payer/payer.entity.ts";
import { describeCarc, type GroupCode } from "../codes/carc.ts";
import { categoryOf, ledgerOf } from "../invoice/invoice.service.ts";
import { nextMonth } from "../invoice/period.ts";
import { requireRole, type Principal } from "../shared/context.ts";
import { invalid } from "../shared/errors.ts";
import { toCsv } from "../shared/csv.ts";

/**
 * The reports owners run the business on. Each reads Queries over keys made for it: a practice's
 * claims by status (gsi3) or by date of service (gsi1), and its ledger partitions by month. Cost
 * grows with the practice's data in the period asked for, never with the table.
 */

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.floor((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY);
const rate = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 100);

export const BUCKETS = ["0-30", "31-60", "61-90", "91-120", "120+"] as const;
type Buckets = Record<(typeof BUCKETS)[number], number>;
const emptyBuckets = (): Buckets => ({ "0-30": 0, "31-60": 0, "61-90": 0, "91-120": 0, "120+": 0 });
export function bucketOf(ageDays: number): (typeof BUCKETS)[number] {
  return ageDays <= 30 ? "0-30" : ageDays <= 60 ? "31-60" : ageDays <= 90 ? "61-90" : ageDays <= 120 ? "91-120" : "120+";
}

/** Claims with money still owed on them: sent to the payer and not closed, voided or replaced. */
const AR_STATUSES: ClaimStatus[] = ["submitted", "accepted", "rejected", "denied", "partially_paid", "paid"];

async function scopePractices(p: Principal, practiceId?: string): Promise<{ practiceId: string; name: string }[]> {
  requireRole(p, "owner", "biller", "viewer", "practice");
  const only = p.practiceId ?? practiceId;
  const { data } = only
    ? { data: [(await PracticeEntity.get({ tenantId: p.tenantId, practiceId: only }).go()).data].filter((x) => x !== null) }
    : await PracticeEntity.query.byId({ tenantId: p.tenantId }).go({ pages: "all" });
  return data.map((x) => ({ practiceId: x.practiceId, name: x.legalName }));
}

async function payerNames(tenantId: string): Promise<Map<string, string>> {
  const { data } = await PayerEntity.query.byId({ tenantId }).go({ pages: "all", attributes: ["payerId", "name"] });
  return new Map(data.map((x) => [x.payerId, x.name]));
}

const balancesOf = (c: Claim) => ({
  insurance: c.balances?.insuranceBalanceCents ?? c.totalChargeCents,
  patient: c.balances?.patientBalanceCents ?? c.balances?.patientResponsibilityCents ?? 0,
});

async function openClaims(tenantId: string, practiceId: string): Promise<Claim[]> {
  const out: Claim[] = [];
  for (const status of AR_STATUSES) {
    const { data } = await ClaimEntity.query.byPracticeStatus({ tenantId, practiceId, status }).go({ pages: "all" });
    out.push(...(data as unknown as Claim[]));
  }
  return out;
}

interface AgingSide {
  insurance: { buckets: Buckets; totalCents: number; byPayer: { payerId: string; payerName: string; buckets: Buckets; totalCents: number }[] };
  patient: { buckets: Buckets; totalCents: number };
}

/** A/R aging by practice and payer, from date of service and from first submission; insurance and patient balances apart. */
export async function arAging(p: Principal, q: { asOf?: string; practiceId?: string }) {
  const asOf = q.asOf ?? new Date().toISOString().slice(0, 10);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const claims = (await openClaims(p.tenantId, pr.practiceId)).filter((c) => c.serviceDate <= asOf);
    const side = (start: (c: Claim) => string | undefined): AgingSide => {
      const s: AgingSide = { insurance: { buckets: emptyBuckets(), totalCents: 0, byPayer: [] }, patient: { buckets: emptyBuckets(), totalCents: 0 } };
      const byPayer = new Map<string, AgingSide["insurance"]["byPayer"][number]>();
      for (const c of claims) {
        const from = start(c);
        if (!from) continue;
        const b = bucketOf(Math.max(0, days(from, asOf)));
        const { insurance, patient } = balancesOf(c);
        if (insurance) {
          s.insurance.buckets[b] += insurance;
          s.insurance.totalCents += insurance;
          const row = byPayer.get(c.payerId) ?? { payerId: c.payerId, payerName: names.get(c.payerId) ?? c.payerId, buckets: emptyBuckets(), totalCents: 0 };
          row.buckets[b] += insurance;
          row.totalCents += insurance;
          byPayer.set(c.payerId, row);
        }
        if (patient) {
          s.patient.buckets[b] += patient;
          s.patient.totalCents += patient;
        }
      }
      s.insurance.byPayer = [...byPayer.values()].sort((a, b2) => b2.totalCents - a.totalCents);
      return s;
    };
    practices.push({ ...pr, claims: claims.length, fromServiceDate: side((c) => c.serviceDate), fromSubmission: side((c) => c.firstSubmittedAt) });
  }
  return { asOf, buckets: BUCKETS, practices };
}

export function arAgingCsv(r: Awaited<ReturnType<typeof arAging>>): string {
  const rows = [["practice_id", "practice", "basis", "balance", "payer_id", "payer", ...BUCKETS.map((b) => `days_${b}`), "total_cents"]];
  for (const pr of r.practices) {
    for (const [basis, side] of [["service_date", pr.fromServiceDate], ["submission", pr.fromSubmission]] as const) {
      for (const row of side.insurance.byPayer) rows.push([pr.practiceId, pr.name, basis, "insurance", row.payerId, row.payerName, ...BUCKETS.map((b) => String(row.buckets[b])), String(row.totalCents)]);
      rows.push([pr.practiceId, pr.name, basis, "patient", "", "", ...BUCKETS.map((b) => String(side.patient.buckets[b])), String(side.patient.totalCents)]);
    }
  }
  return toCsv(rows);
}

function monthsBetween(from: string, to: string): string[] {
  if (from > to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  const out = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  if (out.length > 24) throw invalid([{ path: "query.from", message: "at most 24 months at a time" }]);
  return out;
}

const lastDay = (month: string) => new Date(Date.parse(`${nextMonth(month)}-01`) - DAY).toISOString().slice(0, 10);

/**
 * Collections by month by practice: charges billed for services in the month, payments booked
 * into it (insurance, patient, less refunds and recoupments), adjustments (contractual, denials,
 * other), and the net collection rate: payments / (charges - contractual adjustments).
 */
export async function collectionsByMonth(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  const months = monthsBetween(q.from, q.to);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const { data } = await ClaimEntity.query.byPractice({ tenantId: p.tenantId, practiceId: pr.practiceId }).between({ serviceDate: `${q.from}-01` }, { serviceDate: `${lastDay(q.to)}~` }).go({ pages: "all" });
    const claims = (data as unknown as Claim[]).filter((c) => c.frequencyCode !== "8" && c.status !== "voided" && c.status !== "corrected");
    const rows = [];
    for (const month of months) {
      const charges = claims.filter((c) => c.serviceDate.startsWith(month)).reduce((s, c) => s + c.totalChargeCents, 0);
      const m = { insurancePaymentsCents: 0, patientPaymentsCents: 0, refundsCents: 0, recoupmentsCents: 0, contractualAdjustmentsCents: 0, denialAdjustmentsCents: 0, otherAdjustmentsCents: 0 };
      for (const e of await ledgerOf(p.tenantId, pr.practiceId, month)) {
        // Money in and out by the invoice's categories (interest is not a collection here); then adjustments.
        const category = categoryOf(e);
        if (category) {
          if (category !== "interestCents") m[category] += e.amountCents;
        } else if (isDenialAdjustment(e)) m.denialAdjustmentsCents += e.amountCents;
        else if (e.kind === "contractual_adjustment") m.contractualAdjustmentsCents += e.amountCents;
        else if (e.kind === "other_adjustment") m.otherAdjustmentsCents += e.amountCents;
      }
      const paymentsCents = m.insurancePaymentsCents + m.patientPaymentsCents + m.refundsCents + m.recoupmentsCents;
      rows.push({ month, chargesCents: charges, ...m, paymentsCents, netCollectionRatePercent: rate(paymentsCents, charges - m.contractualAdjustmentsCents) });
    }
    practices.push({ ...pr, months: rows });
  }
  return { from: q.from, to: q.to, practices };
}

export function collectionsCsv(r: Awaited<ReturnType<typeof collectionsByMonth>>): string {
  const cols = ["chargesCents", "insurancePaymentsCents", "patientPaymentsCents", "refundsCents", "recoupmentsCents", "paymentsCents", "contractualAdjustmentsCents", "denialAdjustmentsCents", "otherAdjustmentsCents", "netCollectionRatePercent"] as const;
  const rows = [["practice_id", "practice", "month", ...cols.map((c) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`))]];
  for (const pr of r.practices) for (const m of pr.months) rows.push([pr.practiceId, pr.name, m.month, ...cols.map((c) => String(m[c] ?? ""))]);
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
  if (days(q.from, q.to) > 731) throw invalid([{ path: "query.from", message: "at most two years at a time" }]);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const { data } = await ClaimEntity.query.byPractice({ tenantId: p.tenantId, practiceId: pr.practiceId }).between({ serviceDate: q.from }, { serviceDate: `${q.to}~` }).go({ pages: "all" });
    const claims = (data as unknown as Claim[]).filter((c) => c.frequencyCode !== "8" && c.status !== "voided");
    const answered = claims.filter((c) => c.submissions > 0 && c.status !== "submitted" && c.status !== "queued");
    const clean = answered.filter((c) => c.submissions === 1 && c.edits === 0 && c.status !== "rejected");
    const adjudicated = claims.filter((c) => ADJUDICATED.includes(c.status));
    const paidFirstPass = adjudicated.filter((c) => c.submissions === 1 && c.status !== "denied" && (c.balances?.insurancePaidCents ?? 0) > 0);
    const denied = adjudicated.filter((c) => c.status === "denied");

    const byPayer = new Map<string, { payerId: string; payerName: string; adjudicated: number; denied: number }>();
    for (const c of adjudicated) {
      const row = byPayer.get(c.payerId) ?? { payerId: c.payerId, payerName: names.get(c.payerId) ?? c.payerId, adjudicated: 0, denied: 0 };
      row.adjudicated++;
      if (c.status === "denied") row.denied++;
      byPayer.set(c.payerId, row);
    }
    const byReason = new Map<string, { group: string; reason: string; description: string; claims: number; amountCents: number }>();
    for (const c of denied) {
      const { data: entries } = await LedgerEntryEntity.query.byClaim({ tenantId: p.tenantId, claimId: c.claimId }).go({ pages: "all" });
      const seen = new Set<string>();
      for (const e of entries.filter(isDenialAdjustment)) {
        const key = `${e.group}-${e.reason}`;
        const row = byReason.get(key) ?? { group: e.group ?? "", reason: e.reason ?? "", description: describeCarc(e.reason ?? "", (e.group ?? "CO") as GroupCode).description, claims: 0, amountCents: 0 };
        row.amountCents += e.amountCents;
        if (!seen.has(key)) row.claims++;
        seen.add(key);
        byReason.set(key, row);
      }
    }
    const toPay = claims.filter((c) => c.firstSubmittedAt && c.firstPaidDate).map((c) => Math.max(0, days(c.firstSubmittedAt!, c.firstPaidDate!)));
    const chargesCents = claims.reduce((s, c) => s + c.totalChargeCents, 0);
    const arCents = claims.filter((c) => AR_STATUSES.includes(c.status)).reduce((s, c) => s + balancesOf(c).insurance + balancesOf(c).patient, 0);
    const dailyCharges = chargesCents / (days(q.from, q.to) + 1);
    practices.push({
      ...pr,
      claims: claims.length,
      cleanClaimRatePercent: rate(clean.length, answered.length),
      firstPassResolutionRatePercent: rate(paidFirstPass.length, adjudicated.length),
      denialRatePercent: rate(denied.length, adjudicated.length),
      denialsByPayer: [...byPayer.values()].map((r) => ({ ...r, denialRatePercent: rate(r.denied, r.adjudicated) })).sort((a, b) => (b.denialRatePercent ?? 0) - (a.denialRatePercent ?? 0) || a.payerName.localeCompare(b.payerName)),
      denialsByReason: [...byReason.values()].sort((a, b) => b.amountCents - a.amountCents),
      arCents,
      daysInAR: dailyCharges === 0 ? null : Math.round((arCents / dailyCharges) * 10) / 10,
      averageDaysToPayment: toPay.length ? Math.round((toPay.reduce((s, d) => s + d, 0) / toPay.length) * 10) / 10 : null,
      counts: { answered: answered.length, clean: clean.length, adjudicated: adjudicated.length, paidFirstPass: paidFirstPass.length, denied: denied.length, paid: toPay.length },
    });
  }
  return { from: q.from, to: q.to, practices };
}
