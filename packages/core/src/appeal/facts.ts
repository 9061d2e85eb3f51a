import { isDenialReason, type LedgerEntry } from "../ledger/index.ts";
import { describeCarc, describeRarc, type GroupCode } from "../codes/index.ts";
import type { AppealView } from "./appeal.schema.ts";

/**
 * What a claim's ledger says about its denial, pure: the denial adjustments (reasons the payer
 * refused money: not the contract, the patient's share or OA-23) on the lines appealed, summed by
 * reason and by line (reversals net), with the reasons in words and the date of the latest 835
 * that denied them.
 */
export interface DenialFacts {
  reasons: AppealView["reasons"];
  byLine: Map<string, number>;
  totalCents: number;
  deniedOn?: string;
}

const isDenial = (e: Pick<LedgerEntry, "kind" | "group" | "reason">) =>
  (e.kind === "contractual_adjustment" || e.kind === "other_adjustment") && isDenialReason(e.group, e.reason);

export function denialFacts(entries: LedgerEntry[], lineIds?: string[]): DenialFacts {
  const wanted = (e: LedgerEntry) => !lineIds || (e.lineId !== undefined && lineIds.includes(e.lineId));
  const denials = entries.filter((e) => isDenial(e) && wanted(e));
  const byReason = new Map<string, { group: string; reason: string; amountCents: number; remarks: Set<string> }>();
  const byLine = new Map<string, number>();
  let deniedOn: string | undefined;
  for (const e of denials) {
    const key = `${e.group}-${e.reason}`;
    const r = byReason.get(key) ?? { group: e.group!, reason: e.reason!, amountCents: 0, remarks: new Set<string>() };
    r.amountCents += e.amountCents;
    for (const m of e.remarks ?? []) r.remarks.add(m);
    byReason.set(key, r);
    if (e.lineId) byLine.set(e.lineId, (byLine.get(e.lineId) ?? 0) + e.amountCents);
    if (e.amountCents > 0 && (!deniedOn || e.depositDate > deniedOn)) deniedOn = e.depositDate;
  }
  const reasons = [...byReason.values()]
    .filter((r) => r.amountCents > 0)
    .sort((a, b) => b.amountCents - a.amountCents)
    .map((r) => ({
      group: r.group,
      reason: r.reason,
      description: describeCarc(r.reason, r.group as GroupCode).description,
      amountCents: r.amountCents,
      remarks: [...r.remarks].map((code) => ({ code, description: describeRarc(code).description })),
    }));
  return { reasons, byLine, totalCents: reasons.reduce((s, r) => s + r.amountCents, 0), deniedOn };
}
