import { createHash } from "node:crypto";
import type { Claim835 } from "@claimledger/x12";
import type { Claim, ClaimLine } from "../claim/index.ts";
import { eventPut } from "../event/index.ts";
import { now } from "../shared/db.ts";
import { tx, type TxItem } from "../shared/transact.ts";
import { AdjudicationEntity, UnderpaymentEntity, UnderpaymentSettingsEntity } from "./underpayment.entity.ts";
import { DEFAULT_TOLERANCE_CENTS, lineOutcome, shortfallOf, type LineOutcome } from "./detect.ts";
import { contractedAmount, scheduleInForce, type ScheduleInForce } from "./schedule.service.ts";

/** How the posting matches an 835 line to ours (its own rule, passed in so the two never differ). */
export type LineMatcher = (
  lines: ClaimLine[],
  svc: Claim835["lines"][number],
  used: Set<string>,
) => ClaimLine | undefined;

export interface PostingRef {
  remittanceId: string;
  /** The CLP's place in the file (`<remittance>-C00001`): names the underpayments it finds. */
  itemBase: string;
  depositDate: string;
}

/** The company's tolerance for a payer: the payer's own, else the company's, else $1.00 a line. */
export async function toleranceFor(tenantId: string, payerId: string): Promise<number> {
  const { data } = await UnderpaymentSettingsEntity.get({ tenantId }).go();
  const own = (data?.payerTolerances as Record<string, number> | undefined)?.[payerId];
  return own ?? data?.toleranceCents ?? DEFAULT_TOLERANCE_CENTS;
}

const packLine = (o: LineOutcome) => ({
  c: o.procedureCode,
  ...(o.modifiers.length ? { m: o.modifiers } : {}),
  u: o.units,
  ch: o.chargeCents,
  al: o.allowedCents,
  pd: o.paidCents,
  ex: o.expectedCents ?? -1,
  cu: o.contractedUnitCents ?? -1,
  ...(o.denied ? { dn: 1 } : {}),
});

/**
 * A posting's contract writes, and its events made last (`events(at)` after the claim's own, so
 * `underpayment.found` lists after the `claim.paid` of the same 835, event ids being in order).
 */
export interface ContractPosting {
  items: TxItem[];
  events: (at: string) => TxItem[];
}

/** The follow-up task of a claim's lines underpaid on one 835 (its CLP's place in the file): tsk_<claim>_up<8 hex>. */
export const underpaymentTaskId = (claimId: string, itemBase: string) =>
  `tsk_${claimId}_up${createHash("sha256").update(itemBase).digest("hex").slice(0, 8)}`;

/**
 * What posting one CLP adds to its transaction for contracts and reports: the claim's
 * adjudication (line by line: charge, allowed, paid, expected; the reports read it), each line
 * allowed below its contract by more than the tolerance as an open underpayment, and one
 * `underpayment.found` event naming them (made by `events`, when the caller's own are made). A
 * secondary or tertiary claim restates earlier payers and is not compared. Reads: the schedule in
 * force (one Query per date of service), and the tolerance only when some line fell short.
 * Underpayments are created with the posting's `entry` label: one that exists means this CLP was
 * posted already, as its ledger item does.
 */
export async function contractPostingItems(
  tenantId: string,
  claim: Claim,
  clp: Claim835,
  ref: PostingRef,
  match: LineMatcher,
): Promise<ContractPosting> {
  const none = () => [];
  if (claim.primaryClaimId || claim.doc.primaryClaimId) return { items: [], events: none };
  const at = now();
  const base = {
    tenantId,
    practiceId: claim.practiceId,
    month: claim.serviceDate.slice(0, 7),
    serviceDate: claim.serviceDate,
    claimId: claim.claimId,
    payerId: claim.payerId,
    remittanceId: ref.remittanceId,
    depositDate: ref.depositDate,
    ...(claim.firstSubmittedAt ? { submittedDate: claim.firstSubmittedAt.slice(0, 10) } : {}),
  };
  if (clp.status === "22")
    return { items: [tx.put(AdjudicationEntity.put({ ...base, reversed: true, lines: [] }).params())], events: none };

  const schedules = new Map<string, ScheduleInForce | undefined>();
  const used = new Set<string>();
  const outcomes: { outcome: LineOutcome; date: string; schedule?: ScheduleInForce }[] = [];
  for (const svc of clp.lines) {
    const ours = match(claim.doc.lines, svc, used);
    if (ours) used.add(ours.lineId);
    const date = ours?.serviceDate ?? svc.serviceDate ?? claim.serviceDate;
    if (!schedules.has(date))
      schedules.set(date, await scheduleInForce(tenantId, claim.practiceId, claim.payerId, date));
    const schedule = schedules.get(date);
    const code = ours?.procedureCode ?? (svc.originalProcedure ?? svc.procedure).code;
    const contracted = schedule && contractedAmount(schedule, code, ours?.modifiers ?? svc.procedure.modifiers);
    outcomes.push({ outcome: lineOutcome(clp, svc, ours, contracted), date, schedule });
  }
  const items: TxItem[] = [
    tx.put(AdjudicationEntity.put({ ...base, lines: outcomes.map((o) => packLine(o.outcome)) }).params()),
  ];
  const short = outcomes.filter((o) => shortfallOf(o.outcome, 0) !== undefined);
  if (short.length === 0) return { items, events: none };
  const tolerance = await toleranceFor(tenantId, claim.payerId);
  const found = short.flatMap(({ outcome: o, date, schedule }, i) => {
    const shortfall = shortfallOf(o, tolerance);
    // Ids are <prefix>_<letters, digits, underscores>: the CLP's place in the file and the line.
    const underpaymentId = `up_${ref.itemBase.replace(/-/g, "_")}_${o.lineNumber ?? `X${i + 1}`}`;
    return shortfall === undefined ? [] : [{ o, date, schedule: schedule!, shortfall, underpaymentId }];
  });
  const ids = found.map((f) => f.underpaymentId);
  const taskId = underpaymentTaskId(claim.claimId, ref.itemBase);
  for (const { o, date, schedule, shortfall, underpaymentId } of found)
    items.push(
      tx.put(
        UnderpaymentEntity.create({
          tenantId,
          underpaymentId,
          practiceId: claim.practiceId,
          payerId: claim.payerId,
          claimId: claim.claimId,
          ...(o.lineId ? { lineId: o.lineId, lineNumber: o.lineNumber } : {}),
          procedureCode: o.procedureCode,
          modifiers: o.modifiers,
          units: o.units,
          serviceDate: date,
          chargeCents: o.chargeCents,
          contractedUnitCents: o.contractedUnitCents!,
          expectedCents: o.expectedCents!,
          allowedCents: o.allowedCents,
          paidCents: o.paidCents,
          shortfallCents: shortfall,
          toleranceCents: tolerance,
          scheduleFrom: schedule.effectiveFrom,
          remittanceId: ref.remittanceId,
          ...(clp.payerClaimControlNumber ? { payerClaimControlNumber: clp.payerClaimControlNumber } : {}),
          depositDate: ref.depositDate,
          status: "open",
          taskId,
          groupIds: ids,
          createdAt: at,
          updatedAt: at,
          version: 1,
        }).params(),
        "entry",
      ),
    );
  return {
    items,
    events: (eventAt) =>
      ids.length
        ? [
            eventPut(
              tenantId,
              {
                type: "underpayment.found",
                practiceId: claim.practiceId,
                ids: { claimId: claim.claimId, remittanceId: ref.remittanceId, underpaymentIds: ids, taskId },
                status: "open",
              },
              eventAt,
            ),
          ]
        : [],
  };
}
