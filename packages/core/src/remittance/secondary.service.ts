import type { Claim835 } from "@claimledger/x12";
import {
  claimInsertItems,
  coverageOf,
  newClaimId,
  scrubClaim,
  type Claim,
  type ClaimDocument,
  type ClaimStatus,
  type Finding,
  type PriorPayer,
} from "../claim/index.ts";
import { patientForSystem, type Coverage } from "../patient/index.ts";
import { payerForSystem } from "../payer/index.ts";
import { practiceForSystem } from "../practice/index.ts";
import { matchLine } from "./posting.ts";
import { applyEntries, entryPut, zeroBalances, type EntryDraft } from "../ledger/index.ts";

/** The primary's 835 claim as the secondary payer must see it (COB loops 2320/2330B/2430). */
export function priorPayerOf(primary: ClaimDocument, clp: Claim835, adjudicationDate: string): PriorPayer {
  const used = new Set<string>();
  return {
    order: primary.coverage.order === "secondary" ? "secondary" : "primary",
    payerName: primary.coverage.payerName,
    clearinghousePayerId: primary.coverage.clearinghousePayerId,
    claimFilingIndicator: primary.coverage.claimFilingIndicator,
    memberId: primary.coverage.memberId,
    groupNumber: primary.coverage.groupNumber,
    relationship: primary.coverage.relationship,
    subscriber: primary.coverage.subscriber,
    paidCents: clp.paidCents,
    payerClaimControlNumber: clp.payerClaimControlNumber,
    adjudicationDate,
    claimAdjustments: clp.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
    lines: clp.lines.flatMap((svc) => {
      const line = matchLine(primary.lines, svc, used);
      if (!line) return [];
      used.add(line.lineId);
      return [
        {
          lineId: line.lineId,
          procedureCode: svc.procedure.code,
          modifiers: [...svc.procedure.modifiers],
          units: svc.units ?? line.units,
          paidCents: svc.paidCents,
          adjustments: svc.adjustments.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents })),
        },
      ];
    }),
  };
}

/** CLP02 values that mean the payer adjudicated the claim (as primary, secondary, tertiary, or forwarded on). */
const ADJUDICATED_CLP = new Set(["1", "2", "3", "19", "20", "21"]);
const NEXT_ORDER = { primary: "secondary", secondary: "tertiary" } as const;

export interface NextClaim {
  doc: ClaimDocument;
  findings: Finding[];
  status: ClaimStatus;
  fingerprint: string;
  /** The patient share the adjudicating payer left, which the next coverage is billed for. */
  transferCents: number;
  /** The patient's credit held on the prior claim, which moves on with the share (set by the posting). */
  creditCents?: number;
}

/**
 * After a payer adjudicated a claim and left the patient a share, the patient's next coverage
 * (secondary after primary, tertiary after secondary) gets its own claim carrying that payer's
 * adjudication exactly as the 835 reported it. Prepared before the posting transaction (reads,
 * scrub) and written inside it with `nextClaimItems`, so a posting never lands without it.
 */
export async function prepareNextClaim(
  tenantId: string,
  prior: Claim,
  clp: Claim835,
  transferCents: number,
  adjudicationDate: string,
): Promise<NextClaim | undefined> {
  const order = prior.doc.coverage.order;
  if (order === "tertiary" || prior.secondaryClaimId || !ADJUDICATED_CLP.has(clp.status) || transferCents <= 0)
    return undefined;
  const patient = await patientForSystem(tenantId, prior.practiceId, prior.patientId);
  const next = (patient?.coverages as Coverage[] | undefined)?.find((c) => c.order === NEXT_ORDER[order]);
  if (!next) return undefined;
  const payer = await payerForSystem(tenantId, next.payerId);
  const practice = await practiceForSystem(tenantId, prior.practiceId);
  if (!payer || !practice) return undefined;
  const doc: ClaimDocument = {
    ...structuredClone(prior.doc),
    claimId: newClaimId(),
    coverage: coverageOf(next, payer),
    priorPayer: priorPayerOf(prior.doc, clp, adjudicationDate),
    earlierPayers: prior.doc.priorPayer ? [...(prior.doc.earlierPayers ?? []), prior.doc.priorPayer] : undefined,
    primaryClaimId: prior.claimId,
  };
  const scrubbed = await scrubClaim(tenantId, doc, practice.timeZone);
  const findings = scrubbed.findings.filter((f) => f.ruleId !== "claim.duplicate");
  const status = findings.some((f) => f.severity === "error") ? "needs_review" : "ready";
  return { doc, findings, status, fingerprint: scrubbed.fingerprint, transferCents };
}

/**
 * The next claim's writes: the claim (its balance is the share the prior payers left), the ledger
 * entries that move that share from the prior claim to it, and the prior claim's pointer is set
 * by the caller's own update of the prior claim.
 */
export function nextClaimItems(
  tenantId: string,
  prior: Claim,
  next: NextClaim,
  ledger: { month: string; entryBase: string; remittanceId: string; payerId: string; depositDate: string; at: string },
) {
  const { doc, transferCents } = next;
  const priorPayerCents = doc.totalChargeCents - transferCents;
  const opening: EntryDraft = { kind: "cob_prior_payer", amountCents: priorPayerCents };
  const credit = next.creditCents ?? 0;
  const carried: EntryDraft[] = credit ? [{ kind: "credit_transfer", amountCents: credit }] : [];
  const balances = applyEntries(zeroBalances(doc.totalChargeCents), [opening, ...carried]);
  const system = { tenantId, keyId: "system-835", role: "biller" as const };
  const { items } = claimInsertItems(
    system,
    doc,
    next.findings,
    next.status,
    next.fingerprint,
    `${doc.coverage.order} claim after ${prior.doc.coverage.payerName} left the patient ${transferCents} cents`,
    balances,
    ledger.at,
  );
  const entry = (claimId: string, n: string, kind: EntryDraft["kind"], amountCents: number) =>
    entryPut({
      tenantId,
      practiceId: prior.practiceId,
      month: ledger.month,
      entryId: `${ledger.entryBase}-${n}`,
      claimId,
      kind,
      amountCents,
      payerId: ledger.payerId,
      remittanceId: ledger.remittanceId,
      depositDate: ledger.depositDate,
      postedAt: ledger.at,
    });
  return [
    ...items,
    entry(prior.claimId, "T1", "cob_transfer", transferCents),
    entry(doc.claimId, "T2", "cob_prior_payer", priorPayerCents),
    // The prior claim's side (T3) is written by creditItems with the posting.
    ...(credit ? [entry(doc.claimId, "T4", "credit_transfer", credit)] : []),
  ];
}
