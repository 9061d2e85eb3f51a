import { ClaimFingerprintEntity } from "./claim.entity.ts";
import { claimInsertItems, getClaim, historyEvent, moveItems, type Claim } from "./claim.service.ts";
import { claimUpdateItem } from "./claim.store.ts";
import { actorOf } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import type { ClaimCoverage, ClaimDocument } from "./claim.types.ts";
import { newClaimId } from "./build.ts";
import { scrubClaim } from "./scrub.service.ts";
import { getPractice } from "../practice/index.ts";
import type { Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, conflict } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";

/** Denied claims that may be billed to another payer instead. */
const REBILLABLE = ["denied", "partially_paid"];

export interface RebillOptions {
  /** The coverage the new claim bills (the patient's other coverage, as claims carry it). */
  coverage: ClaimCoverage;
  /** The lines to bill again (the denied ones); all lines when omitted. */
  lineIds?: string[];
  reason: string;
  /** The original as the caller read it. */
  original?: Claim;
  /** More changes to the original beside its move to `closed` (its balances). */
  changes?: Record<string, unknown>;
  /** More writes of the same transaction, given the new claim's id. */
  extra?: (rebillId: string) => TxItem[];
  /** The month-close fence the extra writes (ledger entries) must be written within. */
  fence?: { deadline: number };
  /** Close the denied claim (default); false when it still owes something else (a patient share). */
  close?: boolean;
}

/**
 * A denied claim billed to another payer: a new original claim (frequency 1) for the same visit to
 * the other coverage, with the lines chosen (fresh line ids, renumbered), scrubbed; the denied
 * claim is closed with a link to it (`rebilledTo`; the new one's document names it in
 * `rebilledFromClaimId`), in one transaction. The visit's fingerprint passes to the new claim, so
 * the visit is still one claim at a time.
 */
export async function rebillClaim(
  p: Principal,
  claimId: string,
  opts: RebillOptions,
): Promise<{ original: Claim; rebill: Claim }> {
  authorize(p, "claim.correct");
  const original = opts.original ?? (await getClaim(p, claimId));
  if (!REBILLABLE.includes(original.status))
    throw new AppError(409, "not-denied", "Claim not denied", `A ${original.status} claim is not billed elsewhere`);
  if (opts.coverage.payerId === original.payerId)
    throw new AppError(409, "same-payer", "Same payer", "The claim is already billed to this payer");
  const chosen = opts.lineIds ? original.doc.lines.filter((l) => opts.lineIds!.includes(l.lineId)) : original.doc.lines;
  if (chosen.length === 0)
    throw new AppError(422, "validation", "Validation failed", "No line to bill", [
      { path: "lineIds", message: "names none of the claim's lines" },
    ]);
  const practice = await getPractice(p, original.practiceId);
  const lines = chosen.map((l, i) => ({
    ...structuredClone(l),
    lineNumber: i + 1,
    lineId: newId("ln", 10).toUpperCase().replace("_", ""),
  }));
  const {
    priorPayer: _pp,
    earlierPayers: _ep,
    primaryClaimId: _pc,
    payerClaimControlNumber: _icn,
    originalClaimId: _o,
    ...rest
  } = structuredClone(original.doc);
  const doc: ClaimDocument = {
    ...rest,
    claimId: newClaimId(),
    frequencyCode: "1",
    coverage: opts.coverage,
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
    submittedTotalCents: undefined,
    rebilledFromClaimId: original.claimId,
  };
  const scrubbed = await scrubClaim(p.tenantId, doc, practice.timeZone);
  // The same visit by design: the denied claim's fingerprint moves to the new one.
  const findings = scrubbed.findings.filter((f) => f.ruleId !== "claim.duplicate");
  const status = findings.some((f) => f.severity === "error") ? "needs_review" : "ready";
  const insert = claimInsertItems(
    p,
    doc,
    findings,
    status,
    original.fingerprint,
    `rebilled from ${original.claimId} (denied by ${original.doc.coverage.payerName}): ${opts.reason}`,
  );
  const fingerprintKey = { tenantId: p.tenantId, practiceId: original.practiceId, fingerprint: original.fingerprint };
  const { data: owner } = await ClaimFingerprintEntity.get(fingerprintKey).go();
  const fingerprint: TxItem[] =
    owner?.claimId === original.claimId
      ? [
          tx.update(
            ClaimFingerprintEntity.patch(fingerprintKey)
              .set({ claimId: doc.claimId })
              .where((a, op) => op.eq(a.claimId, original.claimId))
              .params(),
          ),
        ]
      : [];
  const why = `rebilled to ${opts.coverage.payerName} as ${doc.claimId}: ${opts.reason}`;
  const changes = { ...opts.changes, rebilledTo: doc.claimId };
  // Closed when it owes nothing else; otherwise it keeps its status (a patient share still open) with the link.
  const move =
    opts.close === false
      ? {
          items: [
            tx.update(
              claimUpdateItem(p.tenantId, original.claimId, {
                set: { ...changes, updatedAt: now() },
                version: original.version,
                claim: original,
              }),
            ),
            tx.put(historyEvent(p.tenantId, original.claimId, actorOf(p), { kind: "denial_action", reason: why })),
          ],
          result: { version: original.version + 1 },
        }
      : moveItems(p, original, "closed", why, changes);
  try {
    await transactWrite(
      [
        ...insert.items.filter((i) => i.label !== "fingerprint"),
        ...fingerprint,
        ...move.items,
        ...(opts.extra?.(doc.claimId) ?? []),
      ],
      opts.fence,
    );
  } catch (err) {
    if (err instanceof TransactionConflict) throw conflict("The claim changed at the same time; reload it and retry");
    throw err;
  }
  return {
    original: { ...original, ...opts.changes, ...move.result, rebilledTo: doc.claimId },
    rebill: insert.claim,
  };
}
