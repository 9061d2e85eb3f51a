import type { Claim835 } from "@claimledger/x12";
import { entriesFor, matchLine, statusAfter } from "./posting.ts";
import {
  applyEntries,
  creditToApply,
  entriesPut,
  zeroBalances,
  type Balances,
  type EntryDraft,
} from "../ledger/index.ts";
import {
  claimsMatching,
  claimUpdateItem,
  getClaimForSystem,
  historyEvent,
  type Claim,
  canTransition,
  addDenials,
} from "../claim/index.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { now } from "../shared/db.ts";
import { claimStatusEvent } from "../event/index.ts";
import { nextClaimItems, prepareNextClaim } from "./secondary.service.ts";
import { withOpenMonth, type Periods } from "../invoice/index.ts";
import { isDenialAdjustment } from "./denials.service.ts";
import { creditItems } from "./credit.service.ts";
import { appealsPaidBy } from "../appeal/index.ts";
import { suspenseItemPut } from "../suspense/index.ts";
import { contractPostingItems } from "../contract/index.ts";

const PATIENT_SHARE: ReadonlySet<EntryDraft["kind"]> = new Set([
  "deductible",
  "coinsurance",
  "copay",
  "patient_responsibility",
]);

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
    const data = await claimsMatching(tenantId, status, dos, Math.abs(clp.chargeCents));
    found.push(...data.filter((c) => c.doc.coverage.memberId === member));
  }
  return found.length === 1 ? found[0] : undefined;
}

export async function putOnce(params: Record<string, unknown>) {
  try {
    await transactWrite([tx.put(params)]);
  } catch (err) {
    if (!(err instanceof TransactionConflict)) throw err;
  }
}

/**
 * Posts one CLP to its claim in one transaction: the ledger entries, the claim's balances and
 * status, its history and, when the payer left a patient share and the patient has a next
 * coverage, the secondary (tertiary) claim with the entries that move the share to it. So a
 * posting never lands without its secondary claim, and a re-run finds both or neither.
 */
export async function postClaim(
  tenantId: string,
  periods: Periods,
  remittanceId: string,
  index: number,
  clp: Claim835,
  depositDate: string,
  payerKey: string,
): Promise<{ result: "posted" | "unmatched" | "skipped"; practiceId?: string }> {
  const itemBase = `${remittanceId}-C${String(index + 1).padStart(5, "0")}`;
  const claim = (await getClaimForSystem(tenantId, clp.patientControlNumber)) ?? (await fallbackMatch(tenantId, clp));
  if (!claim) {
    await putOnce(
      suspenseItemPut({
        tenantId,
        itemId: itemBase,
        remittanceId,
        kind: "claim",
        payerKey,
        patientControlNumber: clp.patientControlNumber,
        payerClaimControlNumber: clp.payerClaimControlNumber,
        chargeCents: clp.chargeCents,
        paidCents: clp.paidCents,
        reason: "no claim with this patient control number",
        depositDate,
        receivedAt: now(),
      }),
    );
    return { result: "unmatched" };
  }
  // Posted by an earlier run of this file (possibly into a month that has closed since).
  if (claim.postedRemittances?.includes(itemBase)) return { result: "skipped", practiceId: claim.practiceId };
  const entries = entriesFor(clp, claim.doc.lines);
  const share = entries.filter((e) => PATIENT_SHARE.has(e.kind)).reduce((s, e) => s + e.amountCents, 0);
  const next = await prepareNextClaim(tenantId, claim, clp, share, depositDate);
  const moved: EntryDraft[] = next ? [{ kind: "cob_transfer", amountCents: next.transferCents }] : [];
  const adjudicated: Balances = applyEntries(claim.balances ?? zeroBalances(claim.totalChargeCents), [
    ...entries,
    ...moved,
  ]);
  // The patient's held credit: it moves on with the share to the next coverage's claim (it waits for
  // the last payer), or, this payer being the last, pays the share it has just set.
  const heldCredit = Math.max(0, adjudicated.patientCreditCents ?? 0);
  if (next) next.creditCents = heldCredit;
  const credit: EntryDraft[] = next
    ? heldCredit
      ? [{ kind: "credit_transfer", amountCents: -heldCredit }]
      : []
    : creditToApply(adjudicated)
      ? [{ kind: "credit_applied", amountCents: creditToApply(adjudicated) }]
      : [];
  const balances = credit.length ? applyEntries(adjudicated, credit) : adjudicated;
  let to = statusAfter(clp, claim.status);
  if (to !== claim.status && !canTransition(claim.status, to)) to = claim.status;
  // The reasons money was refused, kept on the claim: the denials queue reads them there.
  const refused = entries.filter(isDenialAdjustment);
  const denials = refused.length ? { denials: addDenials(claim.denials, refused) } : {};
  const firstPaid = !claim.firstPaidDate && balances.insurancePaidCents > 0 ? { firstPaidDate: depositDate } : {};
  if (entries.length > 92) throw new Error(`claim ${claim.claimId} has more adjustments than one transaction can post`);
  // An open appeal this payment pays is matched to it and closed as paid, in the same transaction
  // (read only for a claim with an open appeal).
  const appeals = await appealsPaidBy(
    { tenantId, claimId: claim.claimId, appeals: claim.appeals },
    { status: clp.status, remittanceId, depositDate, entries },
    now(),
  );
  const contract = await contractPostingItems(tenantId, claim, clp, { remittanceId, itemBase, depositDate }, matchLine);
  const posted = await withOpenMonth(periods, claim.practiceId, depositDate, async (month, fence) => {
    const at = now();
    const items = [
      // One item holds the CLP's entries (read back as entries `${itemBase}-001`, ...).
      ...(entries.length
        ? [
            entriesPut(
              {
                tenantId,
                practiceId: claim.practiceId,
                month,
                entryId: itemBase,
                claimId: claim.claimId,
                payerId: payerKey,
                remittanceId,
                depositDate,
                postedAt: at,
              },
              entries,
            ),
          ]
        : []),
      tx.update(
        claimUpdateItem(tenantId, claim.claimId, {
          set: {
            balances,
            status: to,
            statusReason: `835 ${clp.status === "22" ? "reversal" : `CLP02 ${clp.status}`}, paid ${clp.paidCents} cents`,
            payerClaimControlNumber: clp.payerClaimControlNumber || claim.payerClaimControlNumber,
            updatedAt: at,
            ...firstPaid,
            ...denials,
            ...(next ? { secondaryClaimId: next.doc.claimId } : {}),
            ...(appeals ? { appeals: appeals.appeals } : {}),
          },
          addRemittance: itemBase,
          keys: { practiceId: claim.practiceId, serviceDate: claim.serviceDate },
          version: claim.version,
          claim,
        }),
      ),
      tx.put(
        historyEvent(
          tenantId,
          claim.claimId,
          "system:835",
          { kind: "status", from: claim.status, to, reason: `remittance ${remittanceId}` },
          at,
        ),
      ),
      ...(to !== claim.status ? claimStatusEvent(tenantId, claim, to, { remittanceId }, at) : []),
      ...creditItems(tenantId, claim, credit, { month, entryBase: itemBase, remittanceId, depositDate, at }),
      ...(appeals?.items ?? []),
      ...(next
        ? nextClaimItems(tenantId, claim, next, {
            month,
            entryBase: itemBase,
            remittanceId,
            payerId: payerKey,
            depositDate,
            at,
          })
        : []),
      ...contract.items,
      ...contract.events(at),
    ];
    try {
      await transactWrite(items, fence);
      return true;
    } catch (err) {
      // Its entries exist already: this CLP was posted by an earlier run of the same file.
      if (err instanceof TransactionConflict && err.failed("entry")) return false;
      throw err;
    }
  });
  return { result: posted ? "posted" : "skipped", practiceId: claim.practiceId };
}
