import { z } from "zod";
import { invoicesOfPeriod, nextMonth, readActivity } from "../invoice/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { workOfMonth, noWork, type WorkCounts } from "../shared/work.ts";
import type { Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid } from "../shared/errors.ts";
import { toCsv } from "../shared/csv.ts";
import { usd } from "../shared/money.ts";
import { scopePractices } from "./scope.ts";

/** What one touch costs the company when the owner has not set `costPerTouchCents`: $2.00. */
export const DEFAULT_COST_PER_TOUCH_CENTS = 200;

/** The work units of a practice-month; a touch is one of any of them. */
export interface Work extends WorkCounts {
  claimsSent: number;
  statements: number;
  paymentsPosted: number;
}
const WORK_KEYS = [
  "claimsSent",
  "resubmissions",
  "denialsWorked",
  "appeals",
  "statements",
  "tasksDone",
  "paymentsPosted",
] as const satisfies readonly (keyof Work)[];

/** Integer division of cents rounded half-up (fees are never negative here; a negative rounds toward +inf at .5). */
const per = (cents: number, n: number) => (n > 0 ? Math.floor(cents / n + 0.5) : null);

/**
 * The figures of one practice over some months (pure): touches are the sum of the work units;
 * fee per claim is the fee over claims sent, fee per touch the fee over touches, each rounded
 * half-up to the cent. The practice does not pay for its work when it took work (touches > 0)
 * and its fee per touch is below what a touch costs the company.
 */
export function profitabilityOf(feeCents: number, work: Work, costPerTouchCents: number) {
  const touches = WORK_KEYS.reduce((s, k) => s + work[k], 0);
  const feePerTouchCents = per(feeCents, touches);
  return {
    feeCents,
    ...work,
    touches,
    feePerClaimCents: per(feeCents, work.claimsSent),
    feePerTouchCents,
    costCents: touches * costPerTouchCents,
    marginCents: feeCents - touches * costPerTouchCents,
    paysForWork: feePerTouchCents === null ? null : feePerTouchCents >= costPerTouchCents,
  };
}

const emptyWork = (): Work => ({ ...noWork(), claimsSent: 0, statements: 0, paymentsPosted: 0 });

export const profitabilityQuery = z.object({
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  practiceId: z.string().max(40).optional(),
});

/**
 * Profitability for the billing company, per practice and month: the fee its invoices earned
 * against the work it took. Reads one Query of invoices and one of work counters per month for
 * the whole company (plus, for a practice-month with no invoice yet, its claims-sent and
 * statement counts), never the claims or the ledger. Owners only.
 */
export async function profitability(p: Principal, q: z.infer<typeof profitabilityQuery>) {
  authorize(p, "profitability.read");
  if (q.from > q.to) throw invalid([{ path: "query.from", message: "must not be after to" }]);
  const months: string[] = [];
  for (let m = q.from; m <= q.to; m = nextMonth(m)) months.push(m);
  if (months.length > 24) throw invalid([{ path: "query.from", message: "at most 24 months at a time" }]);
  const [practices, tenant] = await Promise.all([scopePractices(p, q.practiceId), tenantForSystem(p.tenantId)]);
  const costPerTouchCents = tenant?.costPerTouchCents ?? DEFAULT_COST_PER_TOUCH_CENTS;
  const perMonth = await Promise.all(
    months.map(async (month) => {
      const [invoices, work] = await Promise.all([invoicesOfPeriod(p.tenantId, month), workOfMonth(p.tenantId, month)]);
      return { month, invoices: new Map(invoices.map((i) => [i.practiceId, i])), work };
    }),
  );
  const rows = [];
  for (const pr of practices) {
    const total = emptyWork();
    let feeCents = 0;
    const monthRows = [];
    for (const m of perMonth) {
      const inv = m.invoices.get(pr.practiceId);
      const counted = inv?.activity ?? (await liveActivity(p.tenantId, pr.practiceId, m.month));
      const work: Work = {
        ...(m.work.get(pr.practiceId) ?? noWork()),
        claimsSent: counted.claimsSubmitted,
        statements: counted.statementsSent,
        paymentsPosted: counted.paymentsPosted ?? 0,
      };
      const fee = inv && inv.status !== "void" ? inv.totalCents : 0;
      feeCents += fee;
      for (const k of WORK_KEYS) total[k] += work[k];
      monthRows.push({
        month: m.month,
        invoiceStatus: inv?.status ?? null,
        invoiceNumber: inv?.number ?? null,
        collectedCents: inv?.collectedCents ?? 0,
        ...profitabilityOf(fee, work, costPerTouchCents),
      });
    }
    rows.push({ ...pr, ...profitabilityOf(feeCents, total, costPerTouchCents), months: monthRows });
  }
  return {
    from: q.from,
    to: q.to,
    costPerTouchCents,
    costPerTouchSource: tenant?.costPerTouchCents === undefined ? ("default" as const) : ("company" as const),
    rule: `A practice does not pay for its work when its fee per touch over the period (invoice totals / touches, a touch being one claim sent, resubmission, denial worked, appeal, statement, task done or payment posted) is below the company's cost per touch (${usd(costPerTouchCents)}).`,
    practices: rows,
    notPayingForWork: rows.filter((r) => r.paysForWork === false).map((r) => r.practiceId),
  };
}

/** Claims sent and statements of a month not invoiced yet (payments posted are counted at month close). */
async function liveActivity(tenantId: string, practiceId: string, month: string) {
  const a = await readActivity(tenantId, practiceId, month);
  return { claimsSubmitted: a["claims-submitted"], statementsSent: a["statements-sent"], paymentsPosted: 0 };
}

export function profitabilityCsv(r: Awaited<ReturnType<typeof profitability>>): string {
  const cols = [
    "feeCents",
    ...WORK_KEYS,
    "touches",
    "feePerClaimCents",
    "feePerTouchCents",
    "costCents",
    "marginCents",
    "paysForWork",
  ] as const;
  const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
  const rows = [["practice_id", "practice", "month", "invoice_status", ...cols.map(snake)]];
  const cell = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  for (const pr of r.practices) {
    for (const m of pr.months)
      rows.push([pr.practiceId, pr.name, m.month, cell(m.invoiceStatus), ...cols.map((c) => cell(m[c]))]);
    rows.push([pr.practiceId, pr.name, `${r.from}..${r.to}`, "total", ...cols.map((c) => cell(pr[c]))]);
  }
  return toCsv(rows);
}
