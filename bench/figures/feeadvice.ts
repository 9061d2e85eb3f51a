/**
 * The payer-contract reports against history: `report.feeadvice` (GET /v1/reports/fee-advice)
 * and `report.payermix` (GET /v1/reports/payer-mix) over two years of a practice billing 50
 * claims a day, against the same report over its last three months. Both read by keys on the
 * date of service (fee advice: the adjudications posting keeps, a partition per month; payer mix:
 * the practice's claim index by date of service), so two years should cost about 8 times three
 * months (24 months / 3), never the whole table: the figure is the two-year run, the baseline
 * the three-month run, read units and milliseconds (ratio baseline / value; 0.125 is linear).
 *
 * The history is written straight to DynamoDB (claims cloned from real ones made through the API,
 * paid; one adjudication per claim, as posting writes it), with a payer contract and a fee
 * schedule set through the API. `--quick` bills 5 claims a day instead of 50.
 */
import { seedCompany, isoDaysAgo } from "../lib/company.ts";
import { templateClaims } from "../lib/claims.ts";
import { fig, median, seeded, timeRuns, type Figure, type FigureModule } from "../lib/figure.ts";

const DAYS = 730;

export const figure: FigureModule = {
  title: "Payer contract reports over two years against three months (fee advice, payer mix)",
  order: 37,
  async run(ctx) {
    const perDay = ctx.quick ? 5 : 50;
    const stack = await ctx.stack();
    const { readMeter, meterDelta } = await import("../../packages/core/src/shared/metering.ts");
    const { ClaimEntity } = await import("../../packages/core/src/claim/claim.entity.ts");
    const { AdjudicationEntity } = await import("../../packages/core/src/contract/underpayment.entity.ts");

    const company = await seedCompany(stack, seeded(3737), "Bench Fee Advice Billing", 6);
    const templates = await templateClaims(stack, company);
    const codes = [...new Set(templates.flatMap((t) => t.doc.lines.map((l: any) => l.procedureCode as string)))];
    // Made-up amounts (no real payer's or Medicare's): the contract allows 60% of each template charge.
    const charge = new Map<string, number>();
    for (const t of templates) for (const l of t.doc.lines) charge.set(l.procedureCode, l.chargeCents);
    await stack.call(company.ownerKey, "PUT", `/v1/practices/${company.practiceId}/fee-schedule`, {
      entries: codes.map((procedureCode) => ({ procedureCode, chargeCents: charge.get(procedureCode)! })),
    });
    await stack.call(
      company.ownerKey,
      "PUT",
      `/v1/practices/${company.practiceId}/payers/${company.payerId}/contract-schedules/2000-01-01`,
      {
        entries: codes.map((procedureCode) => ({
          procedureCode,
          allowedCents: Math.round(charge.get(procedureCode)! * 0.6),
        })),
      },
    );

    // Two years of paid claims, 50 a day, and their adjudications.
    const started = performance.now();
    let hot: any[] = [];
    let adj: any[] = [];
    const flush = async () => {
      const a = await ClaimEntity.put(hot).go({ concurrent: 4 });
      const b = await AdjudicationEntity.put(adj).go({ concurrent: 4 });
      if (a.unprocessed.length || b.unprocessed.length) throw new Error("history was not written");
      hot = [];
      adj = [];
    };
    let n = 0;
    for (let day = 1; day <= DAYS; day++) {
      const serviceDate = isoDaysAgo(day);
      for (let k = 0; k < perDay; k++, n++) {
        const t = templates[n % templates.length]!;
        const claimId = `FA${String(n).padStart(8, "0")}`;
        const { doc: _d, findings: _f, balances: _b, postedRemittances: _p, secondaryClaimId: _s, ...rest } = t;
        const paidDate = isoDaysAgo(Math.max(0, day - 20));
        const paid = Math.round(t.totalChargeCents * 0.55);
        hot.push({
          ...rest,
          claimId,
          serviceDate,
          status: "paid",
          fingerprint: `bench-${claimId}`,
          firstSubmittedAt: `${isoDaysAgo(Math.max(0, day - 1))}T12:00:00.000Z`,
          firstPaidDate: paidDate,
          balances: { c: t.totalChargeCents, ip: paid, ad: t.totalChargeCents - paid, r: 0, ib: 0 },
        });
        adj.push({
          tenantId: company.tenantId,
          practiceId: company.practiceId,
          month: serviceDate.slice(0, 7),
          serviceDate,
          claimId,
          payerId: company.payerId,
          remittanceId: "bench",
          depositDate: paidDate,
          submittedDate: isoDaysAgo(Math.max(0, day - 1)),
          lines: t.doc.lines.map((l: any, i: number) => {
            const cu = Math.round(l.chargeCents * 0.6);
            const al = (n + i) % 17 === 0 ? cu - 300 : Math.min(cu, l.chargeCents);
            return {
              c: l.procedureCode,
              u: l.units,
              ch: l.chargeCents,
              al,
              pd: al,
              ex: cu,
              cu,
              ...((n + i) % 23 === 0 ? { dn: 1 } : {}),
            };
          }),
        });
        if (hot.length >= 500) await flush();
      }
    }
    if (hot.length) await flush();
    ctx.log(
      `${n.toLocaleString()} paid claims over ${DAYS} days written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const today = isoDaysAgo(0);
    const months = (k: number) => {
      const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - k);
      return d.toISOString().slice(0, 7);
    };
    const q = (from: string, to: string) => `from=${from}&to=${to}&practiceId=${company.practiceId}`;
    const reports = {
      feeadvice: {
        long: `/v1/reports/fee-advice?${q(isoDaysAgo(DAYS - 1), today)}`,
        short: `/v1/reports/fee-advice?${q(isoDaysAgo(91), today)}`,
      },
      payermix: {
        // Whole months: the 24 before this one (the history begins on the first of the earliest) against the last 3.
        long: `/v1/reports/payer-mix?${q(months(24), months(1))}`,
        short: `/v1/reports/payer-mix?${q(months(3), months(1))}`,
      },
    };
    const runs = ctx.quick ? 2 : 3;
    const measure = async (path: string) => {
      const before = readMeter();
      await stack.call(company.ownerKey, "GET", path);
      const rru = meterDelta(readMeter(), before).dynamo.readUnits;
      const ms = median(await timeRuns(runs, () => stack.call(company.ownerKey, "GET", path)));
      return { rru, ms };
    };
    const out: Figure[] = [];
    for (const [name, r] of Object.entries(reports)) {
      const long = await measure(r.long);
      const short = await measure(r.short);
      ctx.log(
        `report.${name}: two years ${long.rru.toFixed(1)} RRU, ${long.ms.toFixed(0)} ms; three months ${short.rru.toFixed(1)} RRU, ${short.ms.toFixed(0)} ms`,
      );
      out.push(
        fig(`report.${name}.rru`, long.rru, "RRU", "the same report over the last three months", short.rru, "lower"),
        fig(`report.${name}.ms`, long.ms, "ms", "the same report over the last three months", short.ms, "lower"),
      );
      ctx.target({
        figure: `report.${name}`,
        target:
          "two years read at most 10x the units of three months (8x is linear in months): cost follows the period",
        met: long.rru <= 10 * short.rru,
        note: `${(long.rru / short.rru).toFixed(2)}x the units, ${(long.ms / short.ms).toFixed(2)}x the time`,
      });
    }
    return out;
  },
};
