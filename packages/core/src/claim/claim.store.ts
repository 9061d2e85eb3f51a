import type { EntityItem, UpdateEntityItem } from "electrodb";
import { ClaimEntity } from "./claim.entity.ts";
import type { ClaimDocument, ClaimStatus, Finding } from "./claim.types.ts";
import type { Balances } from "../ledger/index.ts";

/**
 * The claim table as other modules may use it: reads by id, status, practice and patient, and the
 * transaction item that updates a claim under its version. Nothing outside the claim module
 * touches ClaimEntity.
 */
type ClaimItem = EntityItem<typeof ClaimEntity>;

/** A claim as the API and the other modules see it: the stored item, its untyped maps given their types. */
export type Claim = Omit<ClaimItem, "tenantId" | "doc" | "findings" | "balances" | "denialAction"> & {
  doc: ClaimDocument;
  findings: Finding[];
  balances?: Balances;
  denialAction?: { action: string; note?: string; by: string; at: string };
};

export const toClaim = ({ tenantId: _t, ...rest }: ClaimItem): Claim => rest;

/** A claim by id, for a system actor (posting, batches, acknowledgements): no principal, no practice filter. */
export async function getClaimForSystem(tenantId: string, claimId: string): Promise<Claim | undefined> {
  const { data } = await ClaimEntity.get({ tenantId, claimId }).go();
  return data ? toClaim(data) : undefined;
}

/** Every claim in a status, of one practice or across the tenant, optionally of one payer; by date of service. */
export async function claimsInStatus(
  tenantId: string,
  status: ClaimStatus,
  only: { practiceId?: string; payerId?: string } = {},
): Promise<Claim[]> {
  const q = only.practiceId
    ? ClaimEntity.query.byPracticeStatus({ tenantId, practiceId: only.practiceId, status })
    : ClaimEntity.query.byStatus({ tenantId, status });
  const filtered = only.payerId ? q.where((a, op) => op.eq(a.payerId, only.payerId!)) : q;
  const { data } = await filtered.go({ pages: "all" });
  return data.map(toClaim);
}

/** The claims ready to batch, of one practice or all, optionally of one payer. */
export const claimsReadyFor = (tenantId: string, only: { practiceId?: string; payerId?: string } = {}) =>
  claimsInStatus(tenantId, "ready", only);

/**
 * At most `count` ready claims, of one practice or all, optionally of one payer, oldest date of
 * service first: a batch run's next chunk (claims it batches leave the index, so it reads from the start).
 */
export async function readyClaimsUpTo(
  tenantId: string,
  only: { practiceId?: string; payerId?: string },
  count: number,
): Promise<Claim[]> {
  const q = only.practiceId
    ? ClaimEntity.query.byPracticeStatus({ tenantId, practiceId: only.practiceId, status: "ready" })
    : ClaimEntity.query.byStatus({ tenantId, status: "ready" });
  const filtered = only.payerId ? q.where((a, op) => op.eq(a.payerId, only.payerId!)) : q;
  const { data } = await filtered.go({ count });
  return data.map(toClaim);
}

/** Claims in a status whose date of service begins with `serviceDate` and whose charge is `totalChargeCents` (an 835 without our claim id). */
export async function claimsMatching(
  tenantId: string,
  status: ClaimStatus,
  serviceDate: string,
  totalChargeCents: number,
): Promise<Claim[]> {
  const { data } = await ClaimEntity.query
    .byStatus({ tenantId, status })
    .begins({ serviceDate })
    .where((a, op) => op.eq(a.totalChargeCents, totalChargeCents))
    .go({ pages: "all" });
  return data.map(toClaim);
}

/** A practice's claims with dates of service from `from` to `to` (sort-key bounds, inclusive). */
export async function claimsOfPracticeBetween(
  tenantId: string,
  practiceId: string,
  from: string,
  to: string,
): Promise<Claim[]> {
  const { data } = await ClaimEntity.query
    .byPractice({ tenantId, practiceId })
    .between({ serviceDate: from }, { serviceDate: to })
    .go({ pages: "all" });
  return data.map(toClaim);
}

/** A patient's claims in a practice. */
export async function claimsOfPatient(tenantId: string, practiceId: string, patientId: string): Promise<Claim[]> {
  const { data } = await ClaimEntity.query
    .byPractice({ tenantId, practiceId })
    .where((a, op) => op.eq(a.patientId, patientId))
    .go({ pages: "all" });
  return data.map(toClaim);
}

type ClaimSet = UpdateEntityItem<typeof ClaimEntity> & { balances?: Balances };

/**
 * Transaction item: update a claim that is still at `version` (and, if given, in `status`), adding
 * one to its version. `keys` carries the index composites when the change moves the claim's status.
 */
export function claimUpdateItem(
  tenantId: string,
  claimId: string,
  change: {
    set: ClaimSet;
    addRemittance?: string;
    keys?: { practiceId: string; serviceDate: string };
    version: number;
    status?: ClaimStatus;
  },
) {
  const base = ClaimEntity.patch({ tenantId, claimId })
    .set(change.set)
    .add(
      change.addRemittance === undefined ? { version: 1 } : { version: 1, postedRemittances: [change.addRemittance] },
    );
  const keyed = change.keys ? base.composite(change.keys) : base;
  const { status } = change;
  return keyed
    .where((a, op) =>
      status === undefined
        ? op.eq(a.version, change.version)
        : `${op.eq(a.status, status)} AND ${op.eq(a.version, change.version)}`,
    )
    .params();
}
