import { adjudicationsOfPractice, underpaymentsOfPractice, type Adjudication } from "../contract/index.ts";
import type { Principal } from "../shared/context.ts";
import { daysBetween } from "../shared/dates.ts";
import { invalid } from "../shared/errors.ts";
import { toCsv } from "../shared/csv.ts";
import { payerNames, rate, scopePractices } from "./scope.ts";
import { divHalfUp } from "./fee-rules.ts";

/**
 * What each payer really pays, code by code (fee advice, drawn from it, is fee-advice.ts). Both read the
 * adjudications posting keeps (one small item per primary claim, in a partition per practice and
 * month of service), so their cost follows the months asked; fee advice adds the practice's fee
 * schedule and each payer's contract in force on the last day asked.
 */

export function checkRange(q: { from: string; to: string }) {
  if (q.from > q.to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  if (daysBetween(q.from, q.to) > 731) throw invalid([{ path: "query.from", message: "at most two years at a time" }]);
}

type Line = Adjudication["lines"][number];
interface Acc {
  lines: number;
  units: number;
  chargesCents: number;
  allowedCents: number;
  paidCents: number;
  expectedCents: number;
  paidOnExpectedCents: number;
  allowedOnExpectedCents: number;
  deniedLines: number;
  paidLines: number;
  days: number;
}
const acc = (): Acc => ({
  lines: 0,
  units: 0,
  chargesCents: 0,
  allowedCents: 0,
  paidCents: 0,
  expectedCents: 0,
  paidOnExpectedCents: 0,
  allowedOnExpectedCents: 0,
  deniedLines: 0,
  paidLines: 0,
  days: 0,
});
function add(a: Acc, l: Line, adj: Adjudication) {
  a.lines++;
  a.units += l.units;
  a.chargesCents += l.chargeCents;
  a.allowedCents += l.allowedCents;
  a.paidCents += l.paidCents;
  // A denied line is counted in the denial rate, not against the contract's price.
  if (l.expectedCents !== null && !l.denied) {
    a.expectedCents += l.expectedCents;
    a.paidOnExpectedCents += l.paidCents;
    a.allowedOnExpectedCents += l.allowedCents;
  }
  if (l.denied) a.deniedLines++;
  if (l.paidCents > 0 && adj.submittedDate) {
    a.paidLines++;
    a.days += Math.max(0, daysBetween(adj.submittedDate, adj.depositDate));
  }
}
const figures = (a: Acc) => ({
  lines: a.lines,
  units: Math.round(a.units * 1000) / 1000,
  chargesCents: a.chargesCents,
  averageChargeCents: a.lines ? divHalfUp(a.chargesCents, a.lines) : 0,
  allowedCents: a.allowedCents,
  averageAllowedCents: a.lines ? divHalfUp(a.allowedCents, a.lines) : 0,
  paidCents: a.paidCents,
  averagePaidCents: a.lines ? divHalfUp(a.paidCents, a.lines) : 0,
  paidPercentOfCharge: rate(a.paidCents, a.chargesCents),
  expectedCents: a.expectedCents,
  paidPercentOfExpected: rate(a.paidOnExpectedCents, a.expectedCents),
  allowedPercentOfExpected: rate(a.allowedOnExpectedCents, a.expectedCents),
  deniedLines: a.deniedLines,
  denialRatePercent: rate(a.deniedLines, a.lines),
  averageDaysToPay: a.paidLines ? Math.round((a.days / a.paidLines) * 10) / 10 : null,
});

/**
 * Reimbursement by code and payer for services in [from, to]: volume (lines, units), average
 * charge, allowed and paid per line, paid as a percent of charge and of expected (the contract's
 * amount, on lines that have one and were not denied), denial rate, average days from first submission to payment.
 */
export async function reimbursementByCode(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  checkRange(q);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const rows = new Map<string, { procedureCode: string; payerId: string; a: Acc }>();
    for (const adj of await adjudicationsOfPractice(p.tenantId, pr.practiceId, q.from, q.to))
      for (const l of adj.lines) {
        const k = `${l.procedureCode}|${adj.payerId}`;
        const r = rows.get(k) ?? { procedureCode: l.procedureCode, payerId: adj.payerId, a: acc() };
        add(r.a, l, adj);
        rows.set(k, r);
      }
    practices.push({
      ...pr,
      rows: [...rows.values()]
        .map((r) => ({
          procedureCode: r.procedureCode,
          payerId: r.payerId,
          payerName: names.get(r.payerId) ?? r.payerId,
          ...figures(r.a),
        }))
        .sort((a, b) => a.procedureCode.localeCompare(b.procedureCode) || a.payerName.localeCompare(b.payerName)),
    });
  }
  return {
    from: q.from,
    to: q.to,
    bases: {
      services: "date_of_service",
      expected: "contract in force on each line's date of service, capped at its charge",
    },
    practices,
  };
}

export function reimbursementCsv(r: Awaited<ReturnType<typeof reimbursementByCode>>): string {
  const cols = [
    "lines",
    "units",
    "chargesCents",
    "averageChargeCents",
    "allowedCents",
    "averageAllowedCents",
    "paidCents",
    "averagePaidCents",
    "paidPercentOfCharge",
    "expectedCents",
    "paidPercentOfExpected",
    "allowedPercentOfExpected",
    "deniedLines",
    "denialRatePercent",
    "averageDaysToPay",
  ] as const;
  const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
  const rows = [["practice_id", "practice", "procedure_code", "payer_id", "payer", ...cols.map(snake)]];
  for (const pr of r.practices)
    for (const x of pr.rows)
      rows.push([
        pr.practiceId,
        pr.name,
        x.procedureCode,
        x.payerId,
        x.payerName,
        ...cols.map((c) => String(x[c] ?? "")),
      ]);
  return toCsv(rows);
}

/** Underpaid money per practice and payer for services in [from, to], by status of the work on it. */
export async function underpaidByPayer(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  checkRange(q);
  const names = await payerNames(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const rows = new Map<string, ReturnType<typeof emptyRow>>();
    const emptyRow = (payerId: string) => ({
      payerId,
      payerName: names.get(payerId) ?? payerId,
      lines: 0,
      expectedCents: 0,
      allowedCents: 0,
      shortfallCents: 0,
      openCents: 0,
      appealedCents: 0,
      recoveredCents: 0,
      writtenOffCents: 0,
    });
    for (const u of await underpaymentsOfPractice(p.tenantId, pr.practiceId, q.from, q.to)) {
      const r = rows.get(u.payerId) ?? emptyRow(u.payerId);
      r.lines++;
      r.expectedCents += u.expectedCents;
      r.allowedCents += u.allowedCents;
      r.shortfallCents += u.shortfallCents;
      if (u.status === "open") r.openCents += u.shortfallCents;
      else if (u.status === "appealed") r.appealedCents += u.shortfallCents;
      else if (u.status === "recovered") r.recoveredCents += u.shortfallCents;
      else r.writtenOffCents += u.shortfallCents;
      rows.set(u.payerId, r);
    }
    const payersRows = [...rows.values()].sort(
      (a, b) => b.shortfallCents - a.shortfallCents || a.payerName.localeCompare(b.payerName),
    );
    practices.push({ ...pr, shortfallCents: payersRows.reduce((s, r) => s + r.shortfallCents, 0), payers: payersRows });
  }
  return { from: q.from, to: q.to, practices };
}

export function underpaidCsv(r: Awaited<ReturnType<typeof underpaidByPayer>>): string {
  const cols = [
    "lines",
    "expectedCents",
    "allowedCents",
    "shortfallCents",
    "openCents",
    "appealedCents",
    "recoveredCents",
    "writtenOffCents",
  ] as const;
  const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
  const rows = [["practice_id", "practice", "payer_id", "payer", ...cols.map(snake)]];
  for (const pr of r.practices)
    for (const x of pr.payers)
      rows.push([pr.practiceId, pr.name, x.payerId, x.payerName, ...cols.map((c) => String(x[c]))]);
  return toCsv(rows);
}
