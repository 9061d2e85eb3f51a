import type { EntityItem } from "electrodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { auditPut } from "../audit/index.ts";
import { getClaim, type Claim } from "../claim/index.ts";
import { eventPut, type EventType } from "../event/index.ts";
import { dynamo, tableName } from "../shared/aws.ts";
import { actorOf, canSeePractice, type Principal } from "../shared/context.ts";
import { now } from "../shared/db.ts";
import { AppError, badRequest, notFound, preconditionFailed } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { authorize } from "../shared/permissions.ts";
import { usd } from "../shared/money.ts";
import { TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";
import { WriteOffRequestEntity } from "./writeoff.entity.ts";
import { amountFor, postDenialEntry } from "./post.ts";
import type { DenialResolution, WriteOffCode, WriteOffListQuery, WriteOffRequestView } from "./resolution.schema.ts";

/**
 * Write-offs that wait for an owner. Above the company's `writeOffApprovalCents`, a biller's
 * write-off is a request, not an entry: it waits as `pending` (the denial stays open) until an
 * owner approves it (the write-off posts then, for the amount asked, if still open) or rejects it
 * with a note. Every step is audited and an event (`write_off.requested`, `.approved`, `.rejected`).
 */
type Item = EntityItem<typeof WriteOffRequestEntity>;
type Request = Omit<Item, "phase">;

const view = ({ tenantId: _t, phase: _p, ...r }: Item): WriteOffRequestView => r;
const keyed = (r: Request): Item => ({ ...r, phase: r.status === "pending" ? "a" : "z" });

function changeItems(p: Principal, r: Request, before: Request | undefined, type: EventType, note?: string): TxItem[] {
  return [
    before
      ? tx.put(
          WriteOffRequestEntity.put(keyed(r))
            .where((a, op) => `${op.eq(a.version, before.version)} AND ${op.eq(a.status, "pending")}`)
            .params(),
          "request",
        )
      : tx.put(WriteOffRequestEntity.create(keyed(r)).params(), "request"),
    tx.put(
      auditPut(p, `writeOff:${r.requestId}`, r.status === "pending" ? "requested" : r.status, {
        practiceId: r.practiceId,
        note,
      }),
    ),
    eventPut(
      p.tenantId,
      { type, practiceId: r.practiceId, ids: { requestId: r.requestId, claimId: r.claimId }, status: r.status },
      r.decidedAt ?? r.requestedAt,
    ),
  ];
}

/** A biller's write-off over the approval amount, recorded as a request waiting for an owner. */
export async function requestWriteOff(
  p: Principal,
  claim: Claim,
  w: { amountCents: number; reasonCode: WriteOffCode; reason: string },
  thresholdCents: number,
): Promise<WriteOffRequestView> {
  const r: Request = {
    tenantId: p.tenantId,
    requestId: newId("wor"),
    claimId: claim.claimId,
    practiceId: claim.practiceId,
    ...w,
    status: "pending",
    thresholdCents,
    requestedBy: actorOf(p),
    requestedAt: now(),
    version: 1,
  };
  await transactWrite(
    changeItems(
      p,
      r,
      undefined,
      "write_off.requested",
      `${w.reasonCode}, ${usd(w.amountCents)} over ${usd(thresholdCents)}`,
    ),
  );
  return view(keyed(r));
}

async function requestFor(p: Principal, requestId: string): Promise<Item> {
  const { data } = await WriteOffRequestEntity.get({ tenantId: p.tenantId, requestId }).go();
  if (!data || !canSeePractice(p, data.practiceId)) throw notFound("Write-off request");
  return data;
}

export async function getWriteOffRequest(p: Principal, requestId: string): Promise<WriteOffRequestView> {
  return view(await requestFor(p, requestId));
}

async function decidable(p: Principal, requestId: string, ifMatch?: number): Promise<Item> {
  authorize(p, "writeOff.approve");
  const r = await requestFor(p, requestId);
  if (ifMatch !== undefined && ifMatch !== r.version)
    throw preconditionFailed(`The request is at version ${r.version}, not ${ifMatch}; reload it and retry`);
  if (r.status !== "pending")
    throw new AppError(409, "already-decided", "Already decided", `The write-off request was ${r.status}`);
  return r;
}

const stale = (err: unknown) => {
  if (err instanceof TransactionConflict && err.failed("request"))
    return preconditionFailed("The request was decided or changed meanwhile; reload it");
  if (err instanceof TransactionConflict)
    return new AppError(409, "conflict", "Conflict", "The claim changed at the same time; retry");
  return err;
};

/** An owner approves: the write-off posts (if that much is still open), the request decided, in one transaction. */
export async function approveWriteOff(
  p: Principal,
  requestId: string,
  note: string | undefined,
  ifMatch?: number,
): Promise<{ request: WriteOffRequestView; resolution: DenialResolution }> {
  const r = await decidable(p, requestId, ifMatch);
  const claim = await getClaim(p, r.claimId);
  amountFor(claim, r.amountCents);
  const entryId = newId("res");
  const decided: Request = {
    ...r,
    status: "approved",
    decidedBy: actorOf(p),
    decidedAt: now(),
    ...(note ? { decisionNote: note } : {}),
    entryId,
    version: r.version + 1,
  };
  const text = `${r.reason} (requested by ${r.requestedBy}, approved by ${actorOf(p)})`;
  let posted;
  try {
    posted = await postDenialEntry(
      p,
      claim,
      { kind: "denial_write_off", amountCents: r.amountCents, reason: r.reasonCode, note: text, entryId },
      `write_off ${r.amountCents} cents (${r.reasonCode}), approved: ${r.reason}`,
      changeItems(p, decided, r, "write_off.approved", note),
    );
  } catch (err) {
    throw stale(err);
  }
  return {
    request: view(keyed(decided)),
    resolution: {
      claimId: r.claimId,
      resolution: "write_off",
      amountCents: r.amountCents,
      reason: r.reason,
      reasonCode: r.reasonCode,
      entryId: posted.entryId,
      by: r.requestedBy,
      approvedBy: actorOf(p),
      requestId,
      at: posted.at,
      status: posted.status,
      balances: posted.balances,
    },
  };
}

/** An owner rejects, with a note: the denial stays open for another resolution. */
export async function rejectWriteOff(p: Principal, requestId: string, note: string, ifMatch?: number) {
  const r = await decidable(p, requestId, ifMatch);
  const decided: Request = {
    ...r,
    status: "rejected",
    decidedBy: actorOf(p),
    decidedAt: now(),
    decisionNote: note,
    version: r.version + 1,
  };
  await transactWrite(changeItems(p, decided, r, "write_off.rejected", note)).catch((err: unknown) => {
    throw stale(err);
  });
  return view(keyed(decided));
}

/** The approvals list: pending requests, oldest first (or the decided ones, newest first). */
export async function listWriteOffRequests(p: Principal, q: WriteOffListQuery) {
  const pk = `${p.tenantId}#wo`;
  let start: Record<string, unknown> | undefined;
  if (q.cursor) {
    try {
      start = JSON.parse(Buffer.from(q.cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw badRequest("The cursor is not valid for this list");
    }
    if (start?.gsi2pk !== pk) throw badRequest("The cursor is not valid for this list");
  }
  const res = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: "gsi2",
      KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :sk)",
      ExpressionAttributeNames: { "#pk": "gsi2pk", "#sk": "gsi2sk" },
      ExpressionAttributeValues: { ":pk": pk, ":sk": q.status === "pending" ? "a#" : "z#" },
      ScanIndexForward: q.status === "pending",
      ExclusiveStartKey: start,
      Limit: q.limit,
    }),
  );
  const ids = (res.Items ?? []).map((i) => String(i.gsi2sk).split("#").at(-1)!);
  const { data } = ids.length
    ? await WriteOffRequestEntity.get(ids.map((requestId) => ({ tenantId: p.tenantId, requestId }))).go()
    : { data: [] as Item[] };
  const byId = new Map(data.map((r) => [r.requestId, r]));
  return {
    items: ids
      .flatMap((id) => byId.get(id) ?? [])
      .filter((r) => canSeePractice(p, r.practiceId))
      .map(view),
    nextCursor: res.LastEvaluatedKey ? Buffer.from(JSON.stringify(res.LastEvaluatedKey)).toString("base64url") : null,
  };
}
