import type { EntityItem, UpdateEntityItem } from "electrodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { ClaimEntity } from "./claim.entity.ts";
import type { ClaimDocument, ClaimStatus, Finding } from "./claim.types.ts";
import type { Balances } from "../ledger/index.ts";
import {
  arPartition,
  denialsPartition,
  patientPartition,
  screenKeys,
  type DenialReason,
  type ScreenState,
} from "./screens.ts";
import { dynamo, tableName } from "../shared/aws.ts";
import { badRequest } from "../shared/errors.ts";

/**
 * The claim table as other modules may use it: reads by id, status, practice and patient, and the
 * transaction item that updates a claim under its version. Nothing outside the claim module
 * touches ClaimEntity.
 */
type ClaimItem = EntityItem<typeof ClaimEntity>;

/** A claim as the API and the other modules see it: the stored item, its untyped maps given their types. */
type IndexKey = "gsi4pk" | "gsi4sk" | "gsi5pk" | "gsi5sk" | "gsi6pk" | "gsi6sk";
export type Claim = Omit<
  ClaimItem,
  "tenantId" | "doc" | "findings" | "balances" | "denialAction" | "denials" | IndexKey
> & {
  doc: ClaimDocument;
  findings: Finding[];
  balances?: Balances;
  denialAction?: { action: string; note?: string; by: string; at: string };
  denials?: DenialReason[];
};

export const toClaim = ({
  tenantId: _t,
  gsi4pk: _a,
  gsi4sk: _b,
  gsi5pk: _c,
  gsi5sk: _d,
  gsi6pk: _e,
  gsi6sk: _f,
  ...rest
}: ClaimItem & Partial<Record<IndexKey, string>>): Claim => rest;

/** Claims by id, in the order asked (BatchGetItem, 100 a request, unprocessed keys asked again). */
export async function claimsById(tenantId: string, claimIds: string[]): Promise<Claim[]> {
  const out = new Map<string, Claim>();
  for (let i = 0; i < claimIds.length; i += 100) {
    let keys = claimIds.slice(i, i + 100).map((claimId) => ({ tenantId, claimId }));
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      const { data, unprocessed } = await ClaimEntity.get(keys).go();
      for (const c of data) out.set(c.claimId, toClaim(c));
      keys = unprocessed.map((k) => ({ tenantId, claimId: k.claimId }));
    }
    if (keys.length) throw new Error(`${keys.length} claims were not read`);
  }
  return claimIds.map((id) => out.get(id)).filter((c): c is Claim => c !== undefined);
}

/** The claim ids under one key of a sparse (keys-only) screen index, a page at a time. */
async function idsInIndex(
  index: "gsi4" | "gsi5" | "gsi6",
  pk: string,
  q: { skPrefix?: string; limit?: number; cursor?: string | null } = {},
): Promise<{ ids: string[]; nextCursor: string | null }> {
  let start: Record<string, unknown> | undefined;
  if (q.cursor) {
    try {
      start = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw badRequest("The cursor is not valid for this list");
    }
    if (start?.[`${index}pk`] !== pk) throw badRequest("The cursor is not valid for this list");
  }
  const ids: string[] = [];
  for (;;) {
    const res = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: index,
        KeyConditionExpression: q.skPrefix ? "#pk = :pk AND begins_with(#sk, :sk)" : "#pk = :pk",
        ExpressionAttributeNames: q.skPrefix ? { "#pk": `${index}pk`, "#sk": `${index}sk` } : { "#pk": `${index}pk` },
        ExpressionAttributeValues: q.skPrefix ? { ":pk": pk, ":sk": q.skPrefix } : { ":pk": pk },
        ExclusiveStartKey: start,
        ...(q.limit ? { Limit: q.limit - ids.length } : {}),
      }),
    );
    for (const item of res.Items ?? []) ids.push(String(item[`${index}sk`]).split("#").at(-1)!);
    start = res.LastEvaluatedKey;
    if (!start || (q.limit && ids.length >= q.limit)) break;
  }
  return { ids, nextCursor: start ? Buffer.from(JSON.stringify(start)).toString("base64url") : null };
}

/** A practice's claims that owe money (insurance, denied or patient): what A/R aging reads. */
export async function claimsOwingMoney(tenantId: string, practiceId: string): Promise<Claim[]> {
  const { ids } = await idsInIndex("gsi4", arPartition(tenantId, practiceId));
  return claimsById(tenantId, ids);
}

/** Claims with denied money nobody has resolved, of one practice or the tenant, a page at a time. */
export async function claimsWithOpenDenials(
  tenantId: string,
  practiceId: string | undefined,
  page: { limit: number; cursor?: string | null },
): Promise<{ items: Claim[]; nextCursor: string | null }> {
  const { ids, nextCursor } = await idsInIndex("gsi5", denialsPartition(tenantId), {
    skPrefix: practiceId ? `${practiceId}#` : undefined,
    ...page,
  });
  return { items: await claimsById(tenantId, ids), nextCursor };
}

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

/** A patient's claims in a practice (the patient index: never the rest of the practice's claims). */
export async function claimsOfPatient(tenantId: string, practiceId: string, patientId: string): Promise<Claim[]> {
  const { ids } = await idsInIndex("gsi6", patientPartition(tenantId, practiceId, patientId));
  return claimsById(tenantId, ids);
}

type ClaimSet = Omit<UpdateEntityItem<typeof ClaimEntity>, "denials"> & {
  balances?: Balances;
  denials?: DenialReason[];
};

/**
 * Transaction item: update a claim that is still at `version` (and, if given, in `status`), adding
 * one to its version. `keys` carries the index composites when the change moves the claim's status.
 * `claim`, the claim as read, is given whenever the change can move its status or balances: the
 * screen indexes' keys are then set or removed to match the claim after the change.
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
    claim?: ScreenState;
  },
) {
  const screens = change.claim ? screenKeys(tenantId, { ...change.claim, ...change.set } as ScreenState) : undefined;
  const patched = ClaimEntity.patch({ tenantId, claimId }).set({ ...change.set, ...screens?.set });
  const base = (screens?.remove.length ? patched.remove(screens.remove) : patched).add(
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
