import {
  checkX12Stream,
  stream835,
  type ChunkSource,
  type Remittance835,
  type X12ErrorCode,
  type X12Issue,
} from "@claimledger/x12";
import { RemittanceEntity, RemittanceTraceEntity, SuspenseEntity } from "./remittance.entity.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";
import { Periods, withOpenMonth } from "../invoice/index.ts";
import { postClaim, putOnce } from "./claim-posting.ts";
import { entryPut } from "../ledger/index.ts";
import type { PostSummary } from "./remittance.schema.ts";

const payerKeyOf = (r: Remittance835) =>
  (r.trace?.payerId || r.payer.id || r.payer.name).replace(/[^A-Za-z0-9]/g, "").toUpperCase();

/**
 * Posts an 835 file, streamed twice so memory stays bounded whatever its size: the first pass
 * takes each transaction's (each payment's) balance verdict, the second posts claim by claim.
 * An unbalanced payment is flagged and posts nothing; the same payment again (payer + trace
 * number) posts nothing; each CLP is posted to its claim in one transaction with its ledger
 * entries, whose ids derive from the file so a retried file never posts an entry twice.
 */
export async function post835(
  tenantId: string,
  sha256: string,
  open: () => Promise<ChunkSource>,
): Promise<PostSummary> {
  const summary: PostSummary = {
    remittances: 0,
    incomplete: 0,
    posted: 0,
    unmatched: 0,
    skipped: 0,
    unbalanced: 0,
    duplicates: 0,
    providerAdjustments: 0,
  };
  // The first pass checks envelopes (ISA/GS/ST to SE/GE/IEA, counts, control numbers) and balance.
  const verdicts = new Map<number, Verdict>();
  for (const t of (await checkX12Stream(await open())).transactions) {
    if (t.set === "835")
      verdicts.set(t.segmentIndex, {
        balance: t.balance,
        envelope: t.errors.filter((e) => ENVELOPE_ISSUES.has(e.code)),
      });
  }
  if (verdicts.size === 0) throw new Error("no 835 transaction in the file");

  let index = 0;
  const periods = new Periods(tenantId);
  let current:
    | {
        remittanceId: string;
        depositDate: string;
        payerKey: string;
        post: boolean;
        rerun?: boolean;
        practiceId?: string;
        claim: number;
      }
    | undefined;
  const begin = async (r: Remittance835) => {
    summary.remittances++;
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
    current = { remittanceId, depositDate, payerKey, post: false, claim: 0 };
    // A transaction set cut short or miscounted posts nothing, as a 999 would reject it.
    if (!verdict || verdict.envelope.length > 0) {
      const problems = verdict?.envelope.map((e) => ({ claim: "", message: e.message })) ?? [
        { claim: "", message: "the transaction set was not found by the envelope check" },
      ];
      await RemittanceEntity.put({ ...base, status: "incomplete", problems: problems.slice(0, 50) }).go();
      summary.incomplete++;
      return;
    }
    if (!verdict.balance?.balanced) {
      await RemittanceEntity.put({
        ...base,
        status: "unbalanced",
        problems: (verdict.balance?.problems ?? []).slice(0, 50),
      }).go();
      summary.unbalanced++;
      return;
    }
    // The payment is claimed by a conditional write: of two files with it, processed at once, one posts.
    const owner = await claimTrace(tenantId, payerKey, trace, remittanceId);
    if (owner !== remittanceId) {
      await RemittanceEntity.put({
        ...base,
        status: "duplicate",
        problems: [{ claim: "", message: `payment ${trace} was already posted from remittance ${owner}` }],
      }).go();
      summary.duplicates++;
      return;
    }
    current.rerun = await startPosting(base);
    current.post = true;
  };

  for await (const e of stream835(await open())) {
    if (!current) await begin(e.remittance);
    const cur = current!;
    if (e.type === "claim") {
      if (cur.post) {
        const outcome = await postClaim(
          tenantId,
          periods,
          cur.remittanceId,
          cur.claim,
          e.claim,
          cur.depositDate,
          cur.payerKey,
        );
        summary[outcome.result]++;
        cur.practiceId ??= outcome.practiceId;
      }
      cur.claim++;
      continue;
    }
    if (cur.post) {
      await postProviderAdjustments(tenantId, periods, cur, e.remittance);
      summary.providerAdjustments += e.remittance.providerAdjustments.length;
      await finishPosting(tenantId, cur, summary);
    }
    current = undefined;
    index++;
  }
  return summary;
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
async function postProviderAdjustments(
  tenantId: string,
  periods: Periods,
  cur: { remittanceId: string; depositDate: string; payerKey: string; practiceId?: string },
  r: Remittance835,
) {
  const { remittanceId, depositDate, payerKey, practiceId } = cur;
  if (r.providerAdjustments.length === 0) return;
  if (!practiceId) {
    for (const [pi, plb] of r.providerAdjustments.entries()) {
      await putOnce(
        SuspenseEntity.create({
          tenantId,
          itemId: `${remittanceId}-P${pi + 1}`,
          remittanceId,
          kind: "provider_adjustment",
          paidCents: -plb.amountCents,
          reason: `PLB ${plb.reason} with no matched claim to place it with a practice`,
          depositDate,
          receivedAt: now(),
          resolved: false,
        }).params(),
      );
    }
    return;
  }
  if (r.providerAdjustments.length > 98)
    throw new Error(`remittance ${remittanceId} has more provider adjustments than one transaction can post`);
  // Posted by an earlier run, whatever month it booked into: the marker is on the remittance, not in a month.
  const { data: seen } = await RemittanceEntity.get({ tenantId, remittanceId }).go({
    attributes: ["providerAdjustmentsPostedAt"],
    consistent: true,
  });
  if (seen?.providerAdjustmentsPostedAt) return;
  await withOpenMonth(periods, practiceId, depositDate, async (month) => {
    const at = now();
    const items = [
      ...r.providerAdjustments.map((plb, pi) =>
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
      periods.openCondition(practiceId, month),
    ];
    try {
      await transactWrite(items);
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
async function finishPosting(tenantId: string, cur: { remittanceId: string; rerun?: boolean }, summary: PostSummary) {
  const at = now();
  await RemittanceEntity.patch({ tenantId, remittanceId: cur.remittanceId })
    .set({ status: "posted", ...(cur.rerun ? { lastRun: { ...summary, at } } : { summary: { ...summary } }) })
    .go();
}
