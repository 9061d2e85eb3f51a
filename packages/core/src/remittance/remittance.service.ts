import {
  checkX12Stream,
  type ChunkSource,
  type Remittance835,
  type X12ErrorCode,
  type X12Issue,
} from "@claimledger/x12";
import { RemittanceEntity, RemittanceTraceEntity } from "./remittance.entity.ts";
import { suspenseItemPut } from "../suspense/index.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";
import { withOpenMonth, type Periods } from "../invoice/index.ts";
import { putOnce } from "./claim-posting.ts";
import { entryPut } from "../ledger/index.ts";
import { eventPut } from "../event/index.ts";
import type { PostSummary } from "./remittance.schema.ts";

const payerKeyOf = (r: Remittance835) =>
  (r.trace?.payerId || r.payer.id || r.payer.name).replace(/[^A-Za-z0-9]/g, "").toUpperCase();

/** The envelope and balance verdict of each 835 transaction set, by the index of its ST segment. */
export type Verdicts = Map<number, Verdict>;

/** The first read of a file: envelopes (ISA/GS/ST to SE/GE/IEA, counts, control numbers) and balance. */
export async function checkFile(open: () => Promise<ChunkSource>): Promise<Verdicts> {
  const verdicts: Verdicts = new Map();
  for (const t of (await checkX12Stream(await open())).transactions) {
    if (t.set === "835")
      verdicts.set(t.segmentIndex, {
        balance: t.balance,
        envelope: t.errors.filter((e) => ENVELOPE_ISSUES.has(e.code)),
      });
  }
  if (verdicts.size === 0) throw new Error("no 835 transaction in the file");
  return verdicts;
}

export type Beginning =
  | { status: "incomplete" | "unbalanced" | "duplicates" }
  | {
      status: "posting";
      posting: { remittanceId: string; depositDate: string; payerKey: string; rerun: boolean };
    };

/**
 * Records one payment (835 transaction set) of the file and says whether its claims post. An
 * incomplete or unbalanced payment posts nothing, nor does one already posted from another file
 * (payer + trace number); one that posts is marked `posting`.
 */
export async function beginRemittance(
  tenantId: string,
  sha256: string,
  index: number,
  r: Remittance835,
  verdicts: Verdicts,
): Promise<Beginning> {
  const remittanceId = `${sha256.slice(0, 16)}-${index + 1}`;
  const depositDate = r.payment.date ?? r.productionDate ?? now().slice(0, 10);
  const payerKey = payerKeyOf(r);
  const trace = r.trace?.number ?? remittanceId;
  const verdict = verdicts.get(r.segmentIndex);
  const base = {
    tenantId,
    remittanceId,
    sha256,
    payerName: r.payer.name,
    payerKey,
    trace,
    paymentCents: r.payment.amountCents,
    depositDate,
    receivedAt: now(),
  };
  // A transaction set cut short or miscounted posts nothing, as a 999 would reject it.
  if (!verdict || verdict.envelope.length > 0) {
    const problems = verdict?.envelope.map((e) => ({ claim: "", message: e.message })) ?? [
      { claim: "", message: "the transaction set was not found by the envelope check" },
    ];
    await RemittanceEntity.put({ ...base, status: "incomplete", problems: problems.slice(0, 50) }).go();
    return { status: "incomplete" };
  }
  if (!verdict.balance?.balanced) {
    await RemittanceEntity.put({
      ...base,
      status: "unbalanced",
      problems: (verdict.balance?.problems ?? []).slice(0, 50),
    }).go();
    return { status: "unbalanced" };
  }
  // The payment is claimed by a conditional write: of two files with it, processed at once, one posts.
  const owner = await claimTrace(tenantId, payerKey, trace, remittanceId);
  if (owner !== remittanceId) {
    await RemittanceEntity.put({
      ...base,
      status: "duplicate",
      problems: [{ claim: "", message: `payment ${trace} was already posted from remittance ${owner}` }],
    }).go();
    return { status: "duplicates" };
  }
  const rerun = await startPosting(base);
  return { status: "posting", posting: { remittanceId, depositDate, payerKey, rerun } };
}

/** Envelope problems: a transaction set with any of these is incomplete and posts nothing. */
const ENVELOPE_ISSUES = new Set<X12ErrorCode>([
  "missing-terminator",
  "missing-iea",
  "missing-gs",
  "missing-ge",
  "missing-st",
  "missing-se",
  "iea-count",
  "iea-control",
  "ge-count",
  "ge-control",
  "se-count",
  "se-control",
  "outside-envelope",
]);

interface Verdict {
  balance?: Remittance835["balance"];
  envelope: X12Issue[];
}

/** Which remittance owns the payment (payer + trace): this one when the conditional create wins. */
async function claimTrace(tenantId: string, payerKey: string, trace: string, remittanceId: string): Promise<string> {
  try {
    await RemittanceTraceEntity.create({ tenantId, payerKey, trace, remittanceId }).go();
    return remittanceId;
  } catch (err) {
    if (!/conditional request failed/i.test((err as Error).message)) throw err;
  }
  const { data } = await RemittanceTraceEntity.get({ tenantId, payerKey, trace }).go({ consistent: true });
  return data?.remittanceId ?? remittanceId;
}

/**
 * PLB: a positive amount reduces the payment (interest L6 is negative, i.e. money in). A
 * remittance's provider-level entries post together, once: the remittance records it in the same
 * transaction, so a re-run posts nothing even when the month has closed meanwhile.
 */
export async function postProviderAdjustments(
  tenantId: string,
  periods: Periods,
  cur: { remittanceId: string; depositDate: string; payerKey: string; practiceId?: string },
  adjustments: Remittance835["providerAdjustments"],
) {
  const { remittanceId, depositDate, payerKey, practiceId } = cur;
  if (adjustments.length === 0) return;
  if (!practiceId) {
    for (const [pi, plb] of adjustments.entries()) {
      await putOnce(
        suspenseItemPut({
          tenantId,
          itemId: `${remittanceId}-P${pi + 1}`,
          remittanceId,
          kind: "provider_adjustment",
          payerKey,
          paidCents: -plb.amountCents,
          reason: `PLB ${plb.reason} with no matched claim to place it with a practice`,
          depositDate,
          receivedAt: now(),
        }),
      );
    }
    return;
  }
  if (adjustments.length > 98)
    throw new Error(`remittance ${remittanceId} has more provider adjustments than one transaction can post`);
  // Posted by an earlier run, whatever month it booked into: the marker is on the remittance, not in a month.
  const { data: seen } = await RemittanceEntity.get({ tenantId, remittanceId }).go({
    attributes: ["providerAdjustmentsPostedAt"],
    consistent: true,
  });
  if (seen?.providerAdjustmentsPostedAt) return;
  await withOpenMonth(periods, practiceId, depositDate, async (month, fence) => {
    const at = now();
    const items = [
      ...adjustments.map((plb, pi) =>
        entryPut({
          tenantId,
          practiceId,
          month,
          entryId: `${remittanceId}-P${pi + 1}`,
          claimId: `PLB-${remittanceId}`,
          kind: plb.reason === "L6" ? "interest" : "provider_adjustment",
          reason: plb.reason,
          amountCents: -plb.amountCents,
          remittanceId,
          payerId: payerKey,
          depositDate,
          postedAt: at,
        }),
      ),
      tx.update(
        RemittanceEntity.patch({ tenantId, remittanceId })
          .set({ providerAdjustmentsPostedAt: at })
          .where((a, op) => op.notExists(a.providerAdjustmentsPostedAt))
          .params(),
        "plb-marker",
      ),
    ];
    try {
      await transactWrite(items, fence);
    } catch (err) {
      // Posted by an earlier run of this file.
      if (err instanceof TransactionConflict && err.failed("plb-marker")) return;
      throw err;
    }
  });
}

/**
 * Marks a remittance as being posted. A re-run of the same file finds the item the earlier run
 * wrote: it changes only the status and keeps everything that run recorded (the PLB marker, when
 * it was received, what it posted), so a re-run never fails on, nor posts again, what was posted
 * before. Answers whether an earlier run had finished posting it.
 */
async function startPosting(base: Omit<Parameters<typeof RemittanceEntity.create>[0], "status">): Promise<boolean> {
  try {
    await RemittanceEntity.create({ ...base, status: "posting" }).go();
    return false;
  } catch (err) {
    const e = err as { message?: string; cause?: { name?: string } };
    if (e.cause?.name !== "ConditionalCheckFailedException" && !/conditional request failed/i.test(e.message ?? ""))
      throw err;
    const { data } = await RemittanceEntity.get({ tenantId: base.tenantId, remittanceId: base.remittanceId }).go({
      attributes: ["status"],
      consistent: true,
    });
    await RemittanceEntity.patch({ tenantId: base.tenantId, remittanceId: base.remittanceId })
      .set({ status: "posting" })
      .go();
    return data?.status === "posted";
  }
}

/** Posted. The first complete run's summary stays; a re-run's (which posts nothing new) is kept beside it. */
export async function finishRemittance(
  tenantId: string,
  remittanceId: string,
  rerun: boolean,
  summary: PostSummary,
  practiceId?: string,
) {
  const at = now();
  const patch = () =>
    RemittanceEntity.patch({ tenantId, remittanceId }).set({
      status: "posted",
      ...(rerun ? { lastRun: { ...summary, at } } : { summary: { ...summary } }),
    });
  // The first time it is posted, with its event; finishing it again (a rerun, two last chunks at
  // once) only updates the counts.
  try {
    await transactWrite([
      tx.update(
        patch()
          .where((a, op) => op.ne(a.status, "posted"))
          .params(),
        "remittance",
      ),
      eventPut(tenantId, { type: "remittance.posted", practiceId, ids: { remittanceId }, status: "posted" }, at),
    ]);
  } catch (err) {
    if (!(err instanceof TransactionConflict && err.failed("remittance"))) throw err;
    await patch().go();
  }
}
