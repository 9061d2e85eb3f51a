import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { AdjudicationEntity, UnderpaymentEntity, UnderpaymentSettingsEntity } from "./underpayment.entity.ts";
import type {
  UnderpaymentListQuery,
  UnderpaymentSettingsInput,
  UnderpaymentStatus,
  UnderpaymentStatusInput,
  UnderpaymentView,
} from "./underpayment.schema.ts";
import { UNDERPAYMENT_STATUSES } from "./underpayment.schema.ts";
import { DEFAULT_TOLERANCE_CENTS } from "./detect.ts";
import { settleUnderpaymentTask } from "./followup-hook.ts";
import { byIds, read, view, type Item } from "./underpayment.store.ts";
import { getPractice } from "../practice/index.ts";
import { payersById } from "../payer/index.ts";
import { auditPut } from "../audit/index.ts";
import { actorOf, canSeePractice, type Principal } from "../shared/context.ts";
import { dynamo, tableName } from "../shared/aws.ts";
import { now } from "../shared/db.ts";
import { AppError, badRequest, invalid, notFound, preconditionFailed } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";

/** Where a status may go: open and appealed are work; recovered and written off are done. */
const MOVES: Record<UnderpaymentStatus, UnderpaymentStatus[]> = {
  open: ["appealed", "recovered", "written_off"],
  appealed: ["open", "recovered", "written_off"],
  recovered: [],
  written_off: [],
};

/** One underpayment, 404 for another company's or (for a practice principal) another practice's. */
export async function getUnderpayment(p: Principal, underpaymentId: string): Promise<UnderpaymentView> {
  authorize(p, "underpayment.read");
  const u = await read(p.tenantId, underpaymentId);
  if (!u || !canSeePractice(p, u.practiceId)) throw notFound("Underpayment");
  return view(u);
}

const encode = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString("base64url") : null;
function decode(cursor: string | undefined, pkField: string, pk: string) {
  if (!cursor) return undefined;
  try {
    const start = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    // A cursor continues the list it came from: the same partition (so the same tenant), nothing else.
    if (start && typeof start === "object" && start[pkField] === pk) return start;
  } catch {
    // fall through
  }
  throw badRequest("The cursor is not valid for this list");
}

/**
 * A page from one list partition (a practice's, gsi1, items copied; or the company's, gsi2, keys
 * then items), sort keys from `from` to `to`, kept when `where` passes, until `limit` are kept.
 */
async function page(
  index: "gsi1" | "gsi2",
  pk: string,
  range: { from: string; to: string },
  q: { limit?: number; cursor?: string; where?: (u: Item) => boolean },
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const tenantId = pk.split("#")[0]!;
  let start = decode(q.cursor, `${index}pk`, pk);
  const items: Item[] = [];
  for (;;) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#pk": `${index}pk`, "#sk": `${index}sk` },
      ExpressionAttributeValues: { ":pk": pk, ":from": range.from, ":to": range.to },
      ExclusiveStartKey: start,
      ...(q.limit ? { Limit: Math.max(q.limit - items.length, 1) } : {}),
    };
    let res;
    try {
      res = await dynamo().send(new QueryCommand(input));
    } catch (err) {
      if (start && (err as { name?: string }).name === "ValidationException")
        throw badRequest("The cursor is not valid for this list");
      throw err;
    }
    let found: Item[];
    if (index === "gsi1") found = UnderpaymentEntity.parse({ Items: res.Items ?? [] }).data;
    else {
      const ids = (res.Items ?? []).map((i) => String(i.gsi2sk).split("#").at(-1)!);
      const got = await byIds(tenantId, ids);
      found = ids.flatMap((id) => got.get(id) ?? []);
    }
    items.push(...(q.where ? found.filter(q.where) : found));
    start = res.LastEvaluatedKey;
    if (!start || (q.limit && items.length >= q.limit)) break;
  }
  return { items, nextCursor: encode(start) };
}

/** The sort-key range of a status (or every status) between two dates of service. */
function rangeOf(status: UnderpaymentStatus | undefined, from = "0000-00-00", to = "9999-12-31") {
  return status ? { from: `${status}#${from}`, to: `${status}#${to}~` } : { from: "0", to: "~" };
}

/**
 * Underpayments, by status then date of service: a practice's (a practice principal: its own
 * always) or the company's; `payerId` and the date range applied to what is read.
 */
export async function listUnderpayments(p: Principal, q: UnderpaymentListQuery) {
  authorize(p, "underpayment.read");
  // Another practice's id, asked by a practice principal, is not found (as every foreign id is).
  if (q.practiceId) await getPractice(p, q.practiceId);
  const practiceId = p.practiceId ?? q.practiceId;
  const from = q.serviceDateFrom;
  const to = q.serviceDateTo;
  if (from && to && from > to)
    throw invalid([{ path: "query.serviceDateFrom", message: "must not be after serviceDateTo" }]);
  const where = (u: Item) =>
    (!q.payerId || u.payerId === q.payerId) && (!from || u.serviceDate >= from) && (!to || u.serviceDate <= to);
  const range = rangeOf(q.status, from, to);
  const res = practiceId
    ? await page("gsi1", `${p.tenantId}#${practiceId}#up`, range, { limit: q.limit, cursor: q.cursor, where })
    : await page("gsi2", `${p.tenantId}#up`, range, { limit: q.limit, cursor: q.cursor, where });
  return { items: res.items.map(view), nextCursor: res.nextCursor };
}

/** Moves an underpayment (open -> appealed -> recovered or written off), under its version, audited. */
export async function changeUnderpaymentStatus(
  p: Principal,
  underpaymentId: string,
  input: UnderpaymentStatusInput,
  ifMatch?: number,
): Promise<UnderpaymentView> {
  authorize(p, "underpayment.manage");
  const u = await read(p.tenantId, underpaymentId);
  if (!u || !canSeePractice(p, u.practiceId)) throw notFound("Underpayment");
  if (ifMatch !== undefined && ifMatch !== u.version)
    throw preconditionFailed(`The underpayment is at version ${u.version}, not ${ifMatch}; reload it and retry`);
  if (u.status === input.status) return view(u);
  if (!MOVES[u.status].includes(input.status))
    throw new AppError(
      409,
      "invalid-transition",
      "Invalid status change",
      `An underpayment ${u.status.replace("_", " ")} cannot be moved to ${input.status.replace("_", " ")}`,
    );
  const at = now();
  const next: Item = {
    ...u,
    status: input.status,
    ...(input.note ? { note: input.note } : {}),
    statusBy: actorOf(p),
    statusAt: at,
    updatedAt: at,
    version: u.version + 1,
  };
  try {
    await transactWrite([
      tx.put(
        UnderpaymentEntity.put(next)
          .where((a, op) => op.eq(a.version, u.version))
          .params(),
      ),
      tx.put(
        auditPut(p, `underpayment:${underpaymentId}`, `status:${input.status}`, {
          practiceId: u.practiceId,
          fields: ["status", ...(input.note ? ["note"] : [])],
        }),
      ),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw preconditionFailed("The underpayment changed since you read it; reload it and retry");
    throw err;
  }
  await settleUnderpaymentTask(p.tenantId, { ...view(next), groupIds: next.groupIds });
  return view(next);
}

/** Every underpayment of a practice with a date of service in [from, to]: one date range per status. */
export async function underpaymentsOfPractice(tenantId: string, practiceId: string, from: string, to: string) {
  const out: UnderpaymentView[] = [];
  for (const status of UNDERPAYMENT_STATUSES) {
    const { items } = await page("gsi1", `${tenantId}#${practiceId}#up`, rangeOf(status, from, to), {});
    out.push(...items.map(view));
  }
  return out;
}

export async function getUnderpaymentSettings(p: Principal) {
  authorize(p, "underpayment.read");
  const { data } = await UnderpaymentSettingsEntity.get({ tenantId: p.tenantId }).go();
  return {
    toleranceCents: data?.toleranceCents ?? DEFAULT_TOLERANCE_CENTS,
    payerTolerances: (data?.payerTolerances ?? {}) as Record<string, number>,
    version: data?.version ?? 0,
    ...(data ? { updatedAt: data.updatedAt } : {}),
  };
}

/** The company's tolerance per line and payers' own; `If-Match` 0 before the first. Applies to 835s posted from now on. */
export async function putUnderpaymentSettings(p: Principal, input: UnderpaymentSettingsInput, ifMatch?: number) {
  authorize(p, "underpayment.configure");
  const current = await getUnderpaymentSettings(p);
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw preconditionFailed(`The settings are at version ${current.version}, not ${ifMatch}; reload them and retry`);
  const payers = await payersById(p.tenantId);
  const unknown = Object.keys(input.payerTolerances).filter((id) => !payers.has(id));
  if (unknown.length) throw invalid(unknown.map((id) => ({ path: `payerTolerances.${id}`, message: "no such payer" })));
  const at = now();
  const version = current.version + 1;
  const put = UnderpaymentSettingsEntity.put({ tenantId: p.tenantId, ...input, updatedAt: at, version });
  const params = (
    current.version === 0
      ? put.where((a, op) => op.notExists(a.version))
      : put.where((a, op) => op.eq(a.version, current.version))
  ).params();
  try {
    await transactWrite([
      tx.put(params),
      tx.put(
        auditPut(p, `settings:${p.tenantId}`, "set", {
          fields: ["underpayment.toleranceCents", "underpayment.payerTolerances"],
        }),
      ),
    ]);
  } catch (err) {
    if (err instanceof TransactionConflict)
      throw preconditionFailed("The settings changed since you read them; reload them and retry");
    throw err;
  }
  return { ...input, version, updatedAt: at };
}

/** A claim's adjudication as the reports read it (the lines unpacked). */
export interface Adjudication {
  claimId: string;
  payerId: string;
  serviceDate: string;
  depositDate: string;
  submittedDate?: string;
  lines: {
    procedureCode: string;
    modifiers: string[];
    units: number;
    chargeCents: number;
    allowedCents: number;
    paidCents: number;
    expectedCents: number | null;
    contractedUnitCents: number | null;
    denied: boolean;
  }[];
}

type PackedLine = {
  c: string;
  m?: string[];
  u: number;
  ch: number;
  al: number;
  pd: number;
  ex: number;
  cu: number;
  dn?: 1;
};

/**
 * A practice's adjudications with dates of service in [from, to]: the partitions of those months
 * only, each a sort-key range. Reversed claims (their last 835 took the payment back) are left out.
 */
export async function adjudicationsOfPractice(
  tenantId: string,
  practiceId: string,
  from: string,
  to: string,
): Promise<Adjudication[]> {
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
    months.push(m);
    const [y, mo] = m.split("-").map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  const parts = await Promise.all(
    months.map((month) =>
      AdjudicationEntity.query
        .byMonth({ tenantId, practiceId, month })
        .between({ serviceDate: from }, { serviceDate: `${to}~` })
        .go({ pages: "all" }),
    ),
  );
  return parts
    .flatMap((p) => p.data)
    .filter((a) => !a.reversed)
    .map((a) => ({
      claimId: a.claimId,
      payerId: a.payerId,
      serviceDate: a.serviceDate,
      depositDate: a.depositDate,
      ...(a.submittedDate ? { submittedDate: a.submittedDate } : {}),
      lines: (a.lines as PackedLine[]).map((l) => ({
        procedureCode: l.c,
        modifiers: l.m ?? [],
        units: l.u,
        chargeCents: l.ch,
        allowedCents: l.al,
        paidCents: l.pd,
        expectedCents: l.ex < 0 ? null : l.ex,
        contractedUnitCents: l.cu < 0 ? null : l.cu,
        denied: l.dn === 1,
      })),
    }));
}
