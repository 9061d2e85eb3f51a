import type { EntityItem, UpdateEntityItem } from "electrodb";
import { mapLimit } from "../shared/pool.ts";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { ClaimDocEntity, ClaimEntity } from "./claim.entity.ts";
import type { AppealMark, ClaimDocument, ClaimStatus, Finding } from "./claim.types.ts";
import type { Balances } from "../ledger/index.ts";
import {
  arPartition,
  denialsPartition,
  patientPartition,
  screenKeys,
  type DenialReason,
  type ScreenState,
} from "./screens.ts";
import { packPayerStatus, unpackPayerStatus, type PayerStatus } from "./payer-status.ts";
import { dynamo, tableName } from "../shared/aws.ts";
import { badRequest } from "../shared/errors.ts";

/**
 * The claim table as other modules may use it: reads by id, status, practice and patient, and the
 * transaction item that updates a claim under its version. Nothing outside the claim module
 * touches ClaimEntity or ClaimDocEntity.
 *
 * A claim is two items in one partition: the hot one (ClaimEntity: status, balances, keys) that
 * every move rewrites, and the cold one (ClaimDocEntity: document, findings) written only when
 * they change. Every claim index copies keys only; lists read the keys, then both items by id
 * (BatchGetItem), so an index never holds a copy of a claim to rewrite.
 */
type ClaimItem = EntityItem<typeof ClaimEntity>;
type DocItem = EntityItem<typeof ClaimDocEntity>;

type IndexKey = "gsi4pk" | "gsi4sk" | "gsi5pk" | "gsi5sk" | "gsi6pk" | "gsi6sk";
/** A claim as the API and the other modules see it: both items, their untyped maps given their types. */
export type Claim = Omit<
  ClaimItem,
  "tenantId" | "balances" | "denialAction" | "denials" | "payerStatus" | "appeals" | IndexKey
> & {
  doc: ClaimDocument;
  findings: Finding[];
  balances?: Balances;
  payerStatus?: PayerStatus;
  denialAction?: { action: string; note?: string; by: string; at: string };
  denials?: DenialReason[];
  appeals?: AppealMark[];
};

/** Balances are stored under short names (the hot item is rewritten by every posting). */
const SHORT: Record<keyof Balances, string> = {
  chargeCents: "c",
  insurancePaidCents: "ip",
  adjustedCents: "ad",
  contractualCents: "ct",
  deniedCents: "dn",
  priorPayerCents: "pp",
  priorPayerReportedCents: "pr",
  restatedContractualCents: "rc",
  patientResponsibilityCents: "r",
  transferredCents: "tr",
  movedCents: "mv",
  insuranceBalanceCents: "ib",
  patientPaidCents: "pd",
  patientBalanceCents: "pb",
  patientCreditCents: "cr",
};
const LONG = Object.fromEntries(Object.entries(SHORT).map(([l, s]) => [s, l]));

export const packBalances = (b: Balances): Record<string, number> =>
  Object.fromEntries(
    Object.entries(b)
      // Money moved to another claim is rare: nothing is stored for it until there is some.
      .filter(([k, v]) => !(k === "movedCents" && v === 0))
      .map(([k, v]) => [SHORT[k as keyof Balances] ?? k, v as number]),
  );
/** Stored balances under their API names (names not packed, e.g. written by hand, pass as they are). */
const unpackBalances = (b: Record<string, number>): Balances => {
  const named: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) named[LONG[k] ?? k] = v;
  return {
    chargeCents: 0,
    insurancePaidCents: 0,
    adjustedCents: 0,
    patientResponsibilityCents: 0,
    insuranceBalanceCents: 0,
    ...named,
  };
};

export const toClaim = (
  {
    tenantId: _t,
    gsi4pk: _a,
    gsi4sk: _b,
    gsi5pk: _c,
    gsi5sk: _d,
    gsi6pk: _e,
    gsi6sk: _f,
    ...rest
  }: ClaimItem & Partial<Record<IndexKey, string>>,
  cold: Pick<DocItem, "doc" | "findings"> | undefined,
): Claim => ({
  ...rest,
  ...(rest.balances ? { balances: unpackBalances(rest.balances as Record<string, number>) } : {}),
  ...(rest.payerStatus ? { payerStatus: unpackPayerStatus(rest.payerStatus as Record<string, unknown>) } : {}),
  doc: cold?.doc as ClaimDocument,
  findings: (cold?.findings ?? []) as Finding[],
});

/** A claim by id, both items (two GetItems at once). */
export async function readClaim(tenantId: string, claimId: string): Promise<Claim | undefined> {
  const [hot, cold] = await Promise.all([
    ClaimEntity.get({ tenantId, claimId }).go(),
    ClaimDocEntity.get({ tenantId, claimId }).go(),
  ]);
  return hot.data ? toClaim(hot.data, cold.data ?? undefined) : undefined;
}

async function batchGet<T extends { claimId: string }>(
  get: (keys: { tenantId: string; claimId: string }[]) => Promise<{ data: T[]; unprocessed: { claimId: string }[] }>,
  tenantId: string,
  claimIds: string[],
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const chunks: string[][] = [];
  for (let i = 0; i < claimIds.length; i += 100) chunks.push(claimIds.slice(i, i + 100));
  // A few requests in flight at once (a report reads thousands of claims); keys the table leaves
  // unprocessed (throttling) are asked again after a growing pause.
  const readChunk = async (ids: string[]) => {
    let keys = ids.map((claimId) => ({ tenantId, claimId }));
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const { data, unprocessed } = await get(keys);
      for (const c of data) out.set(c.claimId, c);
      keys = unprocessed.map((k) => ({ tenantId, claimId: k.claimId }));
    }
    if (keys.length) throw new Error(`${keys.length} claims were not read`);
  };
  await mapLimit(chunks, BATCH_GETS_IN_FLIGHT, readChunk);
  return out;
}

/** BatchGetItem requests a claim read keeps in flight. */
const BATCH_GETS_IN_FLIGHT = 4;

/** A claim without its cold item: what the screens show (status, balances, denial reasons, dates). */
export type ClaimSummary = Omit<Claim, "doc" | "findings">;

/** Hot items by id, in the order asked: what a screen needs, without the documents. */
export async function claimSummariesById(tenantId: string, claimIds: string[]): Promise<ClaimSummary[]> {
  const hot = await batchGet((keys) => ClaimEntity.get(keys).go(), tenantId, claimIds);
  return claimIds.flatMap((id) => {
    const h = hot.get(id);
    if (!h) return [];
    const { doc: _d, findings: _f, ...summary } = toClaim(h, undefined);
    return [summary];
  });
}

/** Claims by id, in the order asked: BatchGetItem of the hot and the cold items, 100 keys a request. */
export async function claimsById(tenantId: string, claimIds: string[]): Promise<Claim[]> {
  if (claimIds.length === 0) return [];
  const [hot, cold] = await Promise.all([
    batchGet((keys) => ClaimEntity.get(keys).go(), tenantId, claimIds),
    batchGet((keys) => ClaimDocEntity.get(keys).go(), tenantId, claimIds),
  ]);
  return claimIds.flatMap((id) => {
    const h = hot.get(id);
    return h ? [toClaim(h, cold.get(id))] : [];
  });
}

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;

function decodeCursor(cursor: string | null | undefined, pkField: string, pk: unknown) {
  if (!cursor) return undefined;
  let start: Record<string, unknown>;
  try {
    start = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw badRequest("The cursor is not valid for this list");
  }
  // A cursor continues the list it came from: the same partition (so the same tenant), nothing else.
  if (typeof start !== "object" || start === null || start[pkField] !== pk)
    throw badRequest("The cursor is not valid for this list");
  return start;
}

/** Runs a Query that starts at a caller's cursor: a key DynamoDB refuses is a bad cursor (400), not a 500. */
async function queryFrom(input: QueryCommandInput) {
  try {
    return await dynamo().send(new QueryCommand(input));
  } catch (err) {
    if (input.ExclusiveStartKey && (err as { name?: string }).name === "ValidationException")
      throw badRequest("The cursor is not valid for this list");
    throw err;
  }
}

/** The claim id a keys-only index entry points at: the table key is `...#claimId_<id>`. */
const claimIdOf = (item: Record<string, unknown>) => /#claimId_(.+)$/.exec(String(item.pk))?.[1];

/**
 * A page of claims from a Query on a keys-only claim index: the keys, then the claims by id,
 * `where` applied to the claims (an index holding keys cannot filter), until `limit` claims pass
 * or the keys run out. The cursor is the last key read.
 */
async function claimPage(
  params: QueryCommandInput,
  page: { limit?: number; cursor?: string | null; where?: (c: Claim) => boolean } = {},
): Promise<{ items: Claim[]; nextCursor: string | null }> {
  const pkField = String(params.ExpressionAttributeNames?.["#pk"]);
  // Every claim index key begins with the tenant id (`<tenantId>#...`).
  const tenant = String(params.ExpressionAttributeValues?.[":pk"] ?? "").split("#")[0]!;
  let start = decodeCursor(page.cursor, pkField, params.ExpressionAttributeValues?.[":pk"]);
  const items: Claim[] = [];
  for (;;) {
    const res = await queryFrom({
      ...params,
      ExclusiveStartKey: start,
      ...(page.limit ? { Limit: Math.max(page.limit - items.length, 1) } : {}),
    });
    const ids = (res.Items ?? []).map(claimIdOf).filter((id): id is string => id !== undefined);
    const claims = await claimsById(tenant, ids);
    items.push(...(page.where ? claims.filter(page.where) : claims));
    start = res.LastEvaluatedKey;
    if (!start || (page.limit && items.length >= page.limit)) break;
  }
  return { items, nextCursor: encodeCursor(start) };
}

/**
 * The Query a list runs, as ElectroDB builds it, without its ownership filter: a keys-only index
 * has no entity attributes to filter on (the key formats are the entity's own).
 */
function keysQuery(
  q: { params: (options: { order?: "asc" | "desc" }) => object },
  order?: "asc" | "desc",
): QueryCommandInput {
  const options: { order?: "asc" | "desc"; ignoreOwnership: boolean } = { ignoreOwnership: true, order };
  return q.params(options) as QueryCommandInput;
}

/** The claim ids under one key of a sparse (keys-only) screen index, a page at a time. */
async function idsInIndex(
  index: "gsi4" | "gsi5" | "gsi6",
  pk: string,
  q: { skPrefix?: string; limit?: number; cursor?: string | null } = {},
): Promise<{ ids: string[]; nextCursor: string | null }> {
  let start = decodeCursor(q.cursor, `${index}pk`, pk);
  const ids: string[] = [];
  for (;;) {
    const res = await queryFrom({
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: q.skPrefix ? "#pk = :pk AND begins_with(#sk, :sk)" : "#pk = :pk",
      ExpressionAttributeNames: q.skPrefix ? { "#pk": `${index}pk`, "#sk": `${index}sk` } : { "#pk": `${index}pk` },
      ExpressionAttributeValues: q.skPrefix ? { ":pk": pk, ":sk": q.skPrefix } : { ":pk": pk },
      ExclusiveStartKey: start,
      ...(q.limit ? { Limit: q.limit - ids.length } : {}),
    });
    for (const item of res.Items ?? []) ids.push(String(item[`${index}sk`]).split("#").at(-1)!);
    start = res.LastEvaluatedKey;
    if (!start || (q.limit && ids.length >= q.limit)) break;
  }
  return { ids, nextCursor: encodeCursor(start) };
}

/** A practice's claims that owe money (insurance, denied or patient): what A/R aging reads. */
export async function claimsOwingMoney(tenantId: string, practiceId: string): Promise<ClaimSummary[]> {
  const { ids } = await idsInIndex("gsi4", arPartition(tenantId, practiceId));
  return claimSummariesById(tenantId, ids);
}

/** Claims with denied money nobody has resolved, of one practice or the tenant, a page at a time. */
export async function claimsWithOpenDenials(
  tenantId: string,
  practiceId: string | undefined,
  page: { limit: number; cursor?: string | null },
): Promise<{ items: ClaimSummary[]; nextCursor: string | null }> {
  const { ids, nextCursor } = await idsInIndex("gsi5", denialsPartition(tenantId), {
    skPrefix: practiceId ? `${practiceId}#` : undefined,
    ...page,
  });
  return { items: await claimSummariesById(tenantId, ids), nextCursor };
}

/** A claim by id, for a system actor (posting, batches, acknowledgements): no principal, no practice filter. */
export const getClaimForSystem = readClaim;

/** Every claim in a status, of one practice or across the tenant, optionally of one payer; by date of service. */
export async function claimsInStatus(
  tenantId: string,
  status: ClaimStatus,
  only: { practiceId?: string; payerId?: string } = {},
): Promise<Claim[]> {
  const q = only.practiceId
    ? ClaimEntity.query.byPracticeStatus({ tenantId, practiceId: only.practiceId, status })
    : ClaimEntity.query.byStatus({ tenantId, status });
  const where = only.payerId ? (c: Claim) => c.payerId === only.payerId : undefined;
  return (await claimPage(keysQuery(q), { where })).items;
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
  const where = only.payerId ? (c: Claim) => c.payerId === only.payerId : undefined;
  return (await claimPage(keysQuery(q), { limit: count, where })).items;
}

/** Claims in a status whose date of service begins with `serviceDate` and whose charge is `totalChargeCents` (an 835 without our claim id). */
export async function claimsMatching(
  tenantId: string,
  status: ClaimStatus,
  serviceDate: string,
  totalChargeCents: number,
): Promise<Claim[]> {
  const params = keysQuery(ClaimEntity.query.byStatus({ tenantId, status }).begins({ serviceDate }));
  return (await claimPage(params, { where: (c) => c.totalChargeCents === totalChargeCents })).items;
}

/**
 * A page of the claims in a status whose date of service is on or before `lastServiceDate`,
 * oldest first: what a scheduled sweep reads (claims served later cannot have waited long enough).
 */
export async function claimsInStatusUpTo(
  tenantId: string,
  status: ClaimStatus,
  lastServiceDate: string,
  page: { limit: number; cursor?: string | null },
): Promise<{ items: Claim[]; nextCursor: string | null }> {
  const q = ClaimEntity.query
    .byStatus({ tenantId, status })
    .between({ serviceDate: "0000-00-00" }, { serviceDate: `${lastServiceDate}~` });
  return claimPage(keysQuery(q, "asc"), page);
}

/** A practice's claims with dates of service from `from` to `to` (sort-key bounds, inclusive). */
export async function claimsOfPracticeBetween(
  tenantId: string,
  practiceId: string,
  from: string,
  to: string,
): Promise<Claim[]> {
  const params = keysQuery(
    ClaimEntity.query.byPractice({ tenantId, practiceId }).between({ serviceDate: from }, { serviceDate: to }),
  );
  return (await claimPage(params)).items;
}

/**
 * A practice's claims with dates of service from `from` to `to`, hot items only (status,
 * balances, payer, dates): what a report that needs no documents reads, at half the cost.
 */
export async function claimSummariesOfPracticeBetween(
  tenantId: string,
  practiceId: string,
  from: string,
  to: string,
): Promise<ClaimSummary[]> {
  const params = keysQuery(
    ClaimEntity.query.byPractice({ tenantId, practiceId }).between({ serviceDate: from }, { serviceDate: to }),
  );
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await queryFrom({ ...params, ExclusiveStartKey: start });
    ids.push(...(res.Items ?? []).map(claimIdOf).filter((id): id is string => id !== undefined));
    start = res.LastEvaluatedKey;
  } while (start);
  return claimSummariesById(tenantId, ids);
}

/** A page of claims for the claim list: newest date of service first, the payer applied to the claims read. */
export async function listClaimPage(
  tenantId: string,
  f: { practiceId?: string; status?: ClaimStatus; payerId?: string; from: string; to: string },
  page: { limit: number; cursor?: string | null },
) {
  const q =
    f.practiceId && f.status
      ? ClaimEntity.query.byPracticeStatus({ tenantId, practiceId: f.practiceId, status: f.status })
      : f.status
        ? ClaimEntity.query.byStatus({ tenantId, status: f.status })
        : ClaimEntity.query.byPractice({ tenantId, practiceId: f.practiceId! });
  const params = keysQuery(q.between({ serviceDate: f.from }, { serviceDate: f.to }), "desc");
  return claimPage(params, { ...page, where: f.payerId ? (c) => c.payerId === f.payerId : undefined });
}

/** A patient's claims in a practice (the patient index: never the rest of the practice's claims). */
export async function claimsOfPatient(
  tenantId: string,
  practiceId: string,
  patientId: string,
): Promise<ClaimSummary[]> {
  const { ids } = await idsInIndex("gsi6", patientPartition(tenantId, practiceId, patientId));
  return claimSummariesById(tenantId, ids);
}

/** Transaction item: change a claim's cold item (its document and findings), beside its hot item's versioned update. */
export function claimDocUpdateItem(
  tenantId: string,
  claimId: string,
  set: { doc?: ClaimDocument; findings?: Finding[] },
) {
  return ClaimDocEntity.patch({ tenantId, claimId })
    .set({ ...(set.doc ? { doc: set.doc } : {}), ...(set.findings ? { findings: set.findings } : {}) })
    .params();
}

/** Transaction item: a new claim's cold item. */
export function claimDocPutItem(tenantId: string, claimId: string, doc: ClaimDocument, findings: Finding[]) {
  return ClaimDocEntity.create({ tenantId, claimId, doc, findings }).params();
}

type ClaimSet = Omit<UpdateEntityItem<typeof ClaimEntity>, "denials" | "payerStatus" | "appeals"> & {
  balances?: Balances;
  payerStatus?: PayerStatus;
  denials?: DenialReason[];
  appeals?: AppealMark[];
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
  const { balances, payerStatus } = change.set;
  const patched = ClaimEntity.patch({ tenantId, claimId }).set({
    ...change.set,
    ...(balances ? { balances: packBalances(balances) } : {}),
    ...(payerStatus ? { payerStatus: packPayerStatus(payerStatus) } : {}),
    ...screens?.set,
  });
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
