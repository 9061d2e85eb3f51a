import { ClaimEntity, ClaimEventEntity, ClaimFingerprintEntity } from "./claim.entity.ts";
import type { ClaimDocument, ClaimStatus, Finding } from "./claim.types.ts";
import { ADJUDICATED, MANUAL_TRANSITIONS, canTransition } from "./status.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { actorOf, canSeePractice, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, conflict, invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import type { Balances } from "../ledger/index.ts";
import {
  claimDocPutItem,
  claimDocUpdateItem,
  listClaimPage,
  packBalances,
  readClaim,
  toClaim,
  type Claim,
} from "./claim.store.ts";
import { patientKeys, screenKeys, type ScreenState } from "./screens.ts";
import { claimStatusEvent } from "../event/index.ts";

export type { Claim } from "./claim.store.ts";

export function historyEvent(
  tenantId: string,
  claimId: string,
  actor: string,
  e: {
    kind: "status" | "edit" | "scrub" | "denial_action" | "payer_status";
    from?: string;
    to?: string;
    reason?: string;
    fields?: string[];
  },
  at = now(),
) {
  return ClaimEventEntity.create({ tenantId, claimId, at, eventId: newId("evt"), actor, ...e }).params();
}

/** Stores a new claim, its fingerprint (refusing a duplicate) and its first history, atomically. */
export async function insertClaim(
  p: Principal,
  doc: ClaimDocument,
  findings: Finding[],
  status: ClaimStatus,
  fingerprint: string,
  reason: string,
  /** More writes that must happen with this claim or not at all (a correction's original moving). */
  extra: Parameters<typeof transactWrite>[0] = [],
  /** When the extra writes post ledger entries: the month-close fence they must be written within. */
  fence?: Parameters<typeof transactWrite>[1],
) {
  const { items, claim } = claimInsertItems(p, doc, findings, status, fingerprint, reason);
  try {
    await transactWrite([...items, ...extra], fence);
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("fingerprint")) {
      const { data } = await ClaimFingerprintEntity.get({
        tenantId: p.tenantId,
        practiceId: doc.practiceId,
        fingerprint,
      }).go();
      throw new AppError(
        409,
        "duplicate-encounter",
        "Duplicate encounter",
        `This encounter is already claim ${data?.claimId ?? "(unknown)"}: same patient, provider, dates of service and codes`,
      );
    }
    if (err instanceof TransactionConflict)
      throw conflict("A claim this depends on changed at the same time; reload it and retry");
    throw err;
  }
  return claim;
}

/**
 * The writes of a new claim (claim, fingerprint for an original primary claim, first history), for
 * a caller that must commit them inside its own transaction (a secondary claim with the posting
 * that causes it). A secondary claim starts with balances: what the prior payers left.
 */
export function claimInsertItems(
  p: Principal,
  doc: ClaimDocument,
  findings: Finding[],
  status: ClaimStatus,
  fingerprint: string,
  reason: string,
  balances?: Balances,
  at = now(),
) {
  const actor = actorOf(p);
  const item = {
    tenantId: p.tenantId,
    claimId: doc.claimId,
    practiceId: doc.practiceId,
    patientId: doc.patient.patientId,
    payerId: doc.coverage.payerId,
    status,
    serviceDate: doc.serviceDate,
    frequencyCode: doc.frequencyCode,
    totalChargeCents: doc.totalChargeCents,
    fingerprint,
    edits: 0,
    submissions: 0,
    payerClaimControlNumber: doc.payerClaimControlNumber,
    primaryClaimId: doc.primaryClaimId,
    ...(balances ? { balances } : {}),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  const keyed = {
    ...item,
    ...(balances ? { balances: packBalances(balances) } : {}),
    ...screenKeys(p.tenantId, item).set,
    ...patientKeys(p.tenantId, item),
  };
  // Replacement, void and secondary claims legitimately repeat the original's fingerprint.
  const uniqueVisit = doc.frequencyCode === "1" && doc.coverage.order === "primary";
  const items = [
    tx.put(ClaimEntity.create(keyed).params()),
    tx.put(claimDocPutItem(p.tenantId, doc.claimId, doc, findings)),
    ...(uniqueVisit
      ? [
          tx.put(
            ClaimFingerprintEntity.create({
              tenantId: p.tenantId,
              practiceId: doc.practiceId,
              fingerprint,
              claimId: doc.claimId,
            }).params(),
            "fingerprint",
          ),
        ]
      : []),
    tx.put(historyEvent(p.tenantId, doc.claimId, actor, { kind: "status", to: "draft", reason }, at)),
    tx.put(
      historyEvent(
        p.tenantId,
        doc.claimId,
        "scrubber",
        { kind: "status", from: "draft", to: status, reason: scrubSummary(findings) },
        `${at}~`,
      ),
    ),
  ];
  return { items, claim: toClaim(item, { doc, findings }) };
}

export function scrubSummary(findings: Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  return errors
    ? `scrubber: ${errors} error(s), ${warnings} warning(s)`
    : `scrubber: clean${warnings ? ` with ${warnings} warning(s)` : ""}`;
}

export async function getClaim(p: Principal, claimId: string): Promise<Claim> {
  const claim = await readClaim(p.tenantId, claimId);
  if (!claim || !canSeePractice(p, claim.practiceId)) throw notFound("Claim");
  return claim;
}

export interface ClaimFilters {
  practiceId?: string;
  status?: ClaimStatus;
  payerId?: string;
  serviceDateFrom?: string;
  serviceDateTo?: string;
  limit: number;
  cursor?: string;
}

/**
 * Claims newest date of service first. The index follows the filters: practice + status, status,
 * or practice; a date-of-service range (or an age) is a key condition; payer is a filter.
 */
export async function listClaims(p: Principal, f: ClaimFilters) {
  const practiceId = p.practiceId ?? f.practiceId;
  if (p.practiceId && f.practiceId && f.practiceId !== p.practiceId) return { items: [], nextCursor: null };
  if (!practiceId && !f.status) {
    throw invalid([{ path: "practiceId", message: "list claims by practiceId, by status, or both" }]);
  }
  const range = { from: f.serviceDateFrom ?? "0000-00-00", to: `${f.serviceDateTo ?? "9999-12-31"}~` };
  const page = await listClaimPage(
    p.tenantId,
    { practiceId, status: f.status, payerId: f.payerId, ...range },
    { limit: f.limit, cursor: f.cursor ?? null },
  );
  return { items: page.items, nextCursor: page.nextCursor };
}

export async function claimHistory(p: Principal, claimId: string) {
  await getClaim(p, claimId);
  const { data } = await ClaimEventEntity.query.byClaim({ tenantId: p.tenantId, claimId }).go({ pages: "all" });
  // An event written in the same instant as the one before it carries a trailing "~" in its sort
  // key, to sort after it; the time shown is the instant itself.
  return data.map(({ tenantId: _t, claimId: _c, ...e }) => ({ ...e, at: e.at.replace(/~+$/, "") }));
}

/**
 * Moves a claim from `from` to `to` if it is still there (and at `version` when given), with the
 * history event in the same transaction. Refuses moves the status machine does not allow.
 */
export async function moveClaim(
  p: Principal | { tenantId: string; actor: string },
  claim: Movable,
  to: ClaimStatus,
  reason: string,
  changes: Record<string, unknown> = {},
  extra: Parameters<typeof transactWrite>[0] = [],
) {
  const move = moveItems(p, claim, to, reason, changes);
  try {
    await transactWrite([...move.items, ...extra]);
  } catch (err) {
    if (err instanceof TransactionConflict) throw conflict("The claim changed at the same time; reload it and retry");
    throw err;
  }
  return move.result;
}

/** A claim as a status move needs it: its keys, version, and what decides the screens it is on. */
type Movable = Pick<Claim, "claimId" | "practiceId" | "serviceDate" | "status" | "version"> & ScreenState;

/** The writes of a status move (conditional update + history), to run alone or inside a larger transaction. */
export function moveItems(
  p: Principal | { tenantId: string; actor: string },
  claim: Movable,
  to: ClaimStatus,
  reason: string,
  changes: Record<string, unknown> = {},
) {
  if (!canTransition(claim.status, to)) {
    throw new AppError(
      409,
      "illegal-transition",
      "Illegal status change",
      `A ${claim.status} claim cannot become ${to}`,
    );
  }
  const actor = "actor" in p ? p.actor : actorOf(p);
  const at = now();
  // The document and findings live in the cold item: written only when the move changes them.
  const { doc, findings, ...hot } = changes as { doc?: ClaimDocument; findings?: Finding[] };
  const screens = screenKeys(p.tenantId, { ...claim, ...hot, status: to } as ScreenState);
  const { balances } = hot as { balances?: Balances };
  const patched = ClaimEntity.patch({ tenantId: p.tenantId, claimId: claim.claimId }).set({
    ...hot,
    ...(balances ? { balances: packBalances(balances) } : {}),
    ...screens.set,
    status: to,
    statusReason: reason,
    updatedAt: at,
  });
  const update = (screens.remove.length ? patched.remove(screens.remove) : patched)
    .add({ version: 1 })
    .composite({ practiceId: claim.practiceId, serviceDate: claim.serviceDate })
    .where((a, op) => `${op.eq(a.status, claim.status)} AND ${op.eq(a.version, claim.version)}`)
    .params();
  return {
    items: [
      tx.update(update),
      ...(doc || findings ? [tx.update(claimDocUpdateItem(p.tenantId, claim.claimId, { doc, findings }))] : []),
      tx.put(historyEvent(p.tenantId, claim.claimId, actor, { kind: "status", from: claim.status, to, reason }, at)),
      // accepted, rejected, paid...: the client's event, in the move's own transaction.
      ...claimStatusEvent(p.tenantId, claim, to, {}, at),
    ],
    result: { status: to, version: claim.version + 1, updatedAt: at },
  };
}

/** A person's status request: hold, release for review, close, void (before it reached a payer). */
export async function requestTransition(
  p: Principal,
  claimId: string,
  to: ClaimStatus,
  reason: string,
  ifMatch?: number,
) {
  authorize(p, "claim.moveStatus");
  const claim = await getClaim(p, claimId);
  if (ifMatch !== undefined && ifMatch !== claim.version)
    throw preconditionFailed(`The claim is at version ${claim.version}, not ${ifMatch}`);
  if (!MANUAL_TRANSITIONS.includes(to)) {
    throw invalid([{ path: "to", message: `${to} is set by batches and payer answers, not by hand` }]);
  }
  if (to === "voided" && ADJUDICATED.includes(claim.status)) {
    throw new AppError(
      409,
      "needs-void-claim",
      "Void through the payer",
      "The payer has this claim: send a void (frequency 8) with POST /v1/claims/{id}/void",
    );
  }
  // A voided visit may be sent again: free its fingerprint (only if this claim still owns it).
  const extra = to === "voided" ? [releaseFingerprint(p.tenantId, claim)] : [];
  const moved = await moveClaim(p, claim, to, reason, {}, extra);
  return { ...claim, ...moved, statusReason: reason };
}

export function releaseFingerprint(tenantId: string, claim: Pick<Claim, "practiceId" | "fingerprint" | "claimId">) {
  return tx.del(
    ClaimFingerprintEntity.delete({ tenantId, practiceId: claim.practiceId, fingerprint: claim.fingerprint })
      .where((a, op) => op.eq(a.claimId, claim.claimId))
      .params(),
  );
}
