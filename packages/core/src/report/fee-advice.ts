import { adjudicationsOfPractice, contractedAmount, scheduleInForce } from "../contract/index.ts";
import { feeScheduleOfPractice } from "../feeschedule/index.ts";
import { payersForSystem } from "../payer/index.ts";
import type { Principal } from "../shared/context.ts";
import { toCsv } from "../shared/csv.ts";
import { rate, scopePractices } from "./scope.ts";
import { adviseCode, type CodeFacts, type PayerAllowed } from "./fee-rules.ts";
import { checkRange } from "./reimbursement.ts";

/**
 * Fee advice per code for services in [from, to]: the practice's charge (its fee schedule, else
 * the average billed per unit) against each payer's allowed amount per unit (its contract in force
 * on `to`, else its average allowed per unit of the period's paid lines), with the findings and
 * the suggested fee of `adviseCode` and its rule in words.
 */
export async function feeAdvice(p: Principal, q: { from: string; to: string; practiceId?: string }) {
  checkRange(q);
  const payers = await payersForSystem(p.tenantId);
  const practices = [];
  for (const pr of await scopePractices(p, q.practiceId)) {
    const [adjs, fees, schedules] = await Promise.all([
      adjudicationsOfPractice(p.tenantId, pr.practiceId, q.from, q.to),
      feeScheduleOfPractice(p, pr.practiceId),
      Promise.all(payers.map((y) => scheduleInForce(p.tenantId, pr.practiceId, y.payerId, q.to))),
    ]);
    const byCode = new Map<
      string,
      {
        lines: number;
        denied: number;
        capped: number;
        left: number;
        charges: number;
        units: number;
        observed: Map<string, { allowed: number; units: number }>;
      }
    >();
    let allLines = 0;
    let allDenied = 0;
    for (const adj of adjs)
      for (const l of adj.lines) {
        const c = byCode.get(l.procedureCode) ?? {
          lines: 0,
          denied: 0,
          capped: 0,
          left: 0,
          charges: 0,
          units: 0,
          observed: new Map(),
        };
        c.lines++;
        c.charges += l.chargeCents;
        c.units += l.units;
        allLines++;
        if (l.denied) {
          c.denied++;
          allDenied++;
        } else {
          if (l.allowedCents >= l.chargeCents && l.chargeCents > 0) c.capped++;
          const o = c.observed.get(adj.payerId) ?? { allowed: 0, units: 0 };
          o.allowed += l.allowedCents;
          o.units += l.units;
          c.observed.set(adj.payerId, o);
        }
        if (l.contractedUnitCents !== null && !l.denied) {
          const contract = Math.floor((l.contractedUnitCents * Math.round(l.units * 1000) + 500) / 1000);
          if (contract > l.chargeCents) c.left += contract - l.chargeCents;
        }
        byCode.set(l.procedureCode, c);
      }
    // Codes on a contract but not billed in the period are advised too: a fee schedule is set for them.
    for (const s of schedules)
      for (const code of Object.keys(s?.amounts ?? {}).map((k) => k.split("-")[0]!))
        if (!byCode.has(code) && fees.entries.some((e) => e.procedureCode === code && !e.modifier))
          byCode.set(code, { lines: 0, denied: 0, capped: 0, left: 0, charges: 0, units: 0, observed: new Map() });
    const practiceRate = rate(allDenied, allLines);
    const codes = [...byCode.entries()]
      .map(([code, c]) => {
        const listed = fees.entries.find((e) => e.procedureCode === code && !e.modifier)?.chargeCents;
        const chargeCents =
          listed ??
          (c.units > 0
            ? Math.floor((c.charges * 1000 + Math.round(c.units * 1000) / 2) / Math.round(c.units * 1000))
            : 0);
        const allowed: PayerAllowed[] = [];
        payers.forEach((y, i) => {
          const s = schedules[i];
          const contract = s && contractedAmount(s, code, []);
          if (contract !== undefined)
            allowed.push({ payerId: y.payerId, payerName: y.name, allowedCents: contract, source: "contract" });
          else {
            const o = c.observed.get(y.payerId);
            if (o && o.units > 0 && o.allowed > 0)
              allowed.push({
                payerId: y.payerId,
                payerName: y.name,
                allowedCents: Math.floor(
                  (o.allowed * 1000 + Math.round(o.units * 1000) / 2) / Math.round(o.units * 1000),
                ),
                source: "observed",
              });
          }
        });
        const facts: CodeFacts = {
          procedureCode: code,
          chargeCents,
          chargeSource: listed !== undefined ? "fee_schedule" : "average_billed",
          payers: allowed,
          lines: c.lines,
          deniedLines: c.denied,
          cappedLines: c.capped,
          leftOnTableCents: c.left,
        };
        const advice = adviseCode(facts, practiceRate, q.to);
        return {
          procedureCode: code,
          chargeCents,
          chargeSource: facts.chargeSource,
          lines: c.lines,
          deniedLines: c.denied,
          cappedLines: c.capped,
          leftOnTableCents: c.left,
          payers: allowed.sort((a, b) => b.allowedCents - a.allowedCents || a.payerName.localeCompare(b.payerName)),
          ...advice,
        };
      })
      .sort((a, b) => b.leftOnTableCents - a.leftOnTableCents || a.procedureCode.localeCompare(b.procedureCode));
    practices.push({ ...pr, denialRatePercent: practiceRate, codes });
  }
  return { from: q.from, to: q.to, asOf: q.to, practices };
}

export function feeAdviceCsv(r: Awaited<ReturnType<typeof feeAdvice>>): string {
  const rows = [
    [
      "practice_id",
      "practice",
      "procedure_code",
      "charge_cents",
      "charge_source",
      "highest_allowed_cents",
      "highest_payer_id",
      "charge_percent_of_highest",
      "lines",
      "denied_lines",
      "denial_rate_percent",
      "capped_lines",
      "left_on_table_cents",
      "findings",
      "suggested_fee_cents",
      "rule",
    ],
  ];
  const s = (v: number | string | null) => (v === null ? "" : String(v));
  for (const pr of r.practices)
    for (const x of pr.codes)
      rows.push([
        pr.practiceId,
        pr.name,
        x.procedureCode,
        s(x.chargeCents),
        x.chargeSource,
        s(x.highestAllowedCents),
        s(x.highestPayer),
        s(x.chargePercentOfHighest),
        s(x.lines),
        s(x.deniedLines),
        s(x.denialRatePercent),
        s(x.cappedLines),
        s(x.leftOnTableCents),
        x.findings.join(" "),
        s(x.suggestedFeeCents),
        x.rule,
      ]);
  return toCsv(rows);
}
