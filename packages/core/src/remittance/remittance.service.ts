import { checkX12Stream, stream835, type ChunkSource, type Claim835, type Remittance835, type X12ErrorCode, type X12Issue } from "@claimledger/x12";
import { LedgerEntryEntity, RemittanceEntity, RemittanceTraceEntity, SuspenseEntity } from "./remittance.entity.ts";
import { applyEntries, entriesFor, statusAfter, zeroBalances, type Balances } from "./posting.ts";
import { ClaimEntity } from "../claim/claim.entity.ts";
import { historyEvent, type Claim } from "../claim/claim.service.ts";
import { canTransition } from "../claim/status.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";
import { AppError } from "../shared/errors.ts";
import { createSecondaryClaim } from "./secondary.service.ts";
import { Periods, withOpenMonth } from "../invoice/period.ts";

interface PostSummary {
  remittances: number;
  incomplete: number;
  posted: number;
  unmatched: number;
  skipped: number;
  unbalanced: number;
  duplicates: number;
  providerAdjustments: number;
}

const payerKeyOf = (r: Remittance835) => (r.trace?.payerId || r.payer.id || r.payer.name).replace(/[^A-Za-z0-9]/g, "").toUpperCase();

/**
 * Posts an 835 file, streamed twice so memory stays bounded whatever its size: the first pass
 * takes each transaction's (each payment's) balance verdict, the second posts claim by claim.
 * An unbalanced payment is flagged and posts nothing; the same payment again (payer + trace
 * number) posts nothing; each CLP is posted to its claim in one transaction with its ledger
 * entries, whose ids derive from the file so a retried file never posts an entry twice.
 */
export async function post835(tenantId: string, sha256: string, open: () => Promise<ChunkSource>): Promise<PostSummary> {
  const summary: PostSummary = { remittances: 0, incomplete: 0, posted: 0, unmatched: 0, skipped: 0, unbalanced: 0, duplicates: 0, providerAdjustments: 0 };
  // The first pass checks envelopes (ISA/GS/ST to SE/GE/IEA, counts, control numbers) and balance.
  const verdicts = new Map<number, Verdict>();
  for (const t of (await checkX12Stream(await open())).transactions) {
    if (t.set === "835") verdicts.set(t.segmentIndex, { balance: t.balance, envelope: t.errors.filter((e) => ENVELOPE_ISSUES.has(e.code)) });
  }
  if (verdicts.size === 0) throw new Error("no 835 transaction in the file");

  let index = 0;
  const periods = new Periods(tenantId);
  let current: { remittanceId: string; depositDate: string; payerKey: string; post: boolean; practiceId?: string; claim: number } | undefined;
  const begin = async (r: Remittance835) => {
    summary.remittances++;
    const remittanceId = `${sha256.slice(0, 16)}-${index + 1}`;
    const depositDate = r.payment.date ?? r.productionDate ?? now().slice(0, 10);
    const payerKey = payerKeyOf(r);
    const trace = r.trace?.number ?? remittanceId;
    const verdict = verdicts.get(r.segmentIndex);
    const base = { tenantId, remittanceId, sha256, payerName: r.payer.name, payerKey, trace, paymentCents: r.payment.amountCents, depositDate, receivedAt: now() };
    current = { remittanceId, depositDate, payerKey, post: false, claim: 0 };
    // A transaction set cut short or miscounted posts nothing, as a 999 would reject it.
    if (!verdict || verdict.envelope.length > 0) {
      const problems = verdict?.envelope.map((e) => ({ claim: "", message: e.message })) ?? [{ claim: "", message: "the transaction set was not found by the envelope check" }];
      await RemittanceEntity.put({ ...base, status: "incomplete", problems: problems.slice(0, 50) }).go();
      summary.incomplete++;
      return;
    }
    if (!verdict.balance?.balanced) {
      await RemittanceEntity.put({ ...base, status: "unbalanced", problems: (verdict.balance?.problems ?? []).slice(0, 50) }).go();
      summary.unbalanced++;
      return;
    }
    // The payment is claimed by a conditional write: of two files with it, processed at once, one posts.
    const owner = await claimTrace(tenantId, payerKey, trace, remittanceId);
    if (owner !== remittanceId) {
      await RemittanceEntity.put({ ...base, status: "duplicate", problems: [{ claim: "", message: `payment ${trace} was already posted from remittance ${owner}` }] }).go();
      summary.duplicates++;
      return;
    }
    await RemittanceEntity.put({ ...base, status: "posting" }).go();
    current.post = true;
  };

  for await (const e of stream835(await open())) {
    if (!current) await begin(e.remittance);
    const cur = current!;
    if (e.type === "claim") {
      if (cur.post) {
        const outcome = await postClaim(tenantId, periods, cur.remittanceId, cur.claim, e.claim, cur.depositDate, cur.payerKey);
        summary[outcome.result]++;
        cur.practiceId ??= outcome.practiceId;
      }
      cur.claim++;
      continue;
    }
    if (cur.post) {
      await postProviderAdjustments(tenantId, periods, cur, e.remittance);
      summary.providerAdjustments += e.remittance.providerAdjustments.length;
      await RemittanceEntity.patch({ tenantId, remittanceId: cur.remittanceId }).set({ status: "posted", summary: { ...summary } }).go();
    }
    current = undefined;
    index++;
  }
  return summary;
}

/** Envelope problems: a transaction set with any of these is incomplete and posts nothing. */
const ENVELOPE_ISSUES = new Set<X12ErrorCode>([
  "missing-terminator", "missing-iea", "missing-gs", "missing-ge", "missing-st", "missing-se",
  "iea-count", "iea-control", "ge-count", "ge-control", "se-count", "se-control", "outside-envelope",
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
async function postProviderAdjustments(tenantId: string, periods: Periods, cur: { remittanceId: string; depositDate: string; payerKey: string; practiceId?: string }, r: Remittance835) {
  const { remittanceId, depositDate, payerKey, practiceId } = cur;
  if (r.providerAdjustments.length === 0) return;
  if (!practiceId) {
    for (const [pi, plb] of r.providerAdjustments.entries()) {
      await putOnce(SuspenseEntity.create({ tenantId, itemId: `${remittanceId}-P${pi + 1}`, remittanceId, kind: "provider_adjustment", paidCents: -plb.amountCents, reason: `PLB ${plb.reason} with no matched claim to place it with a practice`, depositDate, receivedAt: now(), resolved: false }).params());
    }
    return;
  }
  if (r.providerAdjustments.length > 98) throw new Error(`remittance ${remittanceId} has more provider adjustments than one transaction can post`);
  await withOpenMonth(periods, practiceId, depositDate, async (month) => {
    const at = now();
    const items = [
      ...r.providerAdjustments.map((plb, pi) =>
        tx.put(LedgerEntryEntity.create({
          tenantId, practiceId, month, entryId: `${remittanceId}-P${pi + 1}`, claimId: `PLB-${remittanceId}`,
          kind: plb.reason === "L6" ? "interest" : "provider_adjustment", reason: plb.reason, amountCents: -plb.amountCents,
          remittanceId, payerId: payerKey, depositDate, postedAt: at,
        }).params()),
      ),
      tx.update(RemittanceEntity.patch({ tenantId, remittanceId }).set({ providerAdjustmentsPostedAt: at }).where((a, op) => op.notExists(a.providerAdjustmentsPostedAt)).params()),
      periods.openCondition(practiceId, month),
    ];
    try {
      await transactWrite(items);
    } catch (err) {
      // Posted by an earlier run of this file.
      if (err instanceof TransactionConflict && err.reasons[items.length - 2] === "ConditionalCheckFailed") return;
      throw err;
    }
  });
}

/**
 * When the payer did not echo our claim id: the one claim sent to a payer for the same member,
 * date of service and total charge. Two candidates are ambiguous and go to suspense.
 */
export async function fallbackMatch(tenantId: string, clp: Claim835): Promise<Claim | undefined> {
  const dos = clp.statementFrom ?? clp.lines.find((l) => l.serviceDate)?.serviceDate;
  const member = clp.insured?.id ?? clp.patient?.id;
  if (!dos || !member) return undefined;
  const found: Claim[] = [];
  for (const status of ["submitted", "accepted", "paid", "partially_paid", "denied"] as const) {
    const { data } = await ClaimEntity.query
      .byStatus({ tenantId, status })
      .begins({ serviceDate: dos })
      .where((a, op) => op.eq(a.totalChargeCents, Math.abs(clp.chargeCents)))
      .go({ pages: "all" });
    found.push(...(data as unknown as Claim[]).filter((c) => c.doc.coverage.memberId === member));
  }
  return found.length === 1 ? found[0] : undefined;
}

async function putOnce(params: Record<string, unknown>) {
  try {
    await transactWrite([tx.put(params)]);
  } catch (err) {
    if (!(err instanceof TransactionConflict)) throw err;
  }
}

async function postClaim(tenantId: string, periods: Periods, remittanceId: string, index: number, clp: Claim835, depositDate: string, payerKey: string): Promise<{ result: "posted" | "unmatched" | "skipped"; practiceId?: string }> {
  const itemBase = `${remittanceId}-C${String(index + 1).padStart(5, "0")}`;
  const { data } = await ClaimEntity.get({ tenantId, claimId: clp.patientControlNumber }).go();
  const claim = (data as unknown as Claim | undefined) ?? (await fallbackMatch(tenantId, clp));
  if (!claim) {
    await putOnce(SuspenseEntity.create({
      tenantId, itemId: itemBase, remittanceId, kind: "claim", patientControlNumber: clp.patientControlNumber, payerClaimControlNumber: clp.payerClaimControlNumber,
      chargeCents: clp.chargeCents, paidCents: clp.paidCents, reason: "no claim with this patient control number", depositDate, receivedAt: now(), resolved: false,
    }).params());
    return { result: "unmatched" };
  }
  // Posted by an earlier run of this file (possibly into a month that has closed since).
  if (claim.postedRemittances?.includes(itemBase)) return { result: "skipped", practiceId: claim.practiceId };
  const entries = entriesFor(clp, claim.doc.lines);
  const balances: Balances = applyEntries(claim.balances ?? zeroBalances(claim.totalChargeCents), entries);
  let to = statusAfter(clp, claim.status);
  if (to !== claim.status && !canTransition(claim.status, to)) to = claim.status;
  const firstPaid = !claim.firstPaidDate && balances.insurancePaidCents > 0 ? { firstPaidDate: depositDate } : {};
  if (entries.length > 97) throw new Error(`claim ${claim.claimId} has more adjustments than one transaction can post`);
  const posted = await withOpenMonth(periods, claim.practiceId, depositDate, async (month) => {
    const at = now();
    const items = [
      ...entries.map((e, n) =>
        tx.put(LedgerEntryEntity.create({
          tenantId, practiceId: claim.practiceId, month, entryId: `${itemBase}-${String(n + 1).padStart(3, "0")}`,
          claimId: claim.claimId, lineId: e.lineId, kind: e.kind, group: e.group, reason: e.reason, remarks: e.remarks, amountCents: e.amountCents,
          payerId: payerKey, remittanceId, depositDate, postedAt: at,
        }).params()),
      ),
      tx.update(
        ClaimEntity.patch({ tenantId, claimId: claim.claimId })
          .set({ balances, status: to, statusReason: `835 ${clp.status === "22" ? "reversal" : `CLP02 ${clp.status}`}, paid ${clp.paidCents} cents`, payerClaimControlNumber: clp.payerClaimControlNumber || claim.payerClaimControlNumber, updatedAt: at, ...firstPaid })
          .add({ version: 1, postedRemittances: [itemBase] })
          .composite({ practiceId: claim.practiceId, serviceDate: claim.serviceDate })
          .where((a, op) => op.eq(a.version, claim.version))
          .params(),
      ),
      tx.put(historyEvent(tenantId, claim.claimId, "system:835", { kind: "status", from: claim.status, to, reason: `remittance ${remittanceId}` }, at)),
      periods.openCondition(claim.practiceId, month),
    ];
    try {
      await transactWrite(items);
      return true;
    } catch (err) {
      // Its entries exist already: this CLP was posted by an earlier run of the same file.
      if (err instanceof TransactionConflict && err.reasons.slice(0, entries.length).some((r) => r === "ConditionalCheckFailed")) return false;
      throw err;
    }
  });
  if (!posted) return { result: "skipped", practiceId: claim.practiceId };
  // A balance left by the primary goes to the secondary coverage, if the patient has one.
  if (!claim.secondaryClaimId) {
    try {
      await createSecondaryClaim(tenantId, claim, clp, depositDate);
    } catch (err) {
      if (!(err instanceof TransactionConflict) && !(err instanceof AppError)) throw err;
    }
  }
  return { result: "posted", practiceId: claim.practiceId };
}
