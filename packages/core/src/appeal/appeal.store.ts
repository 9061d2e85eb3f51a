import type { EntityItem } from "electrodb";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { AppealEntity } from "./appeal.entity.ts";
import type { AttachmentType, AppealView, SEND_METHODS, OUTCOMES } from "./appeal.schema.ts";
import { isOpen, type AppealLevel } from "./rules.ts";
import { dynamo, tableName } from "../shared/aws.ts";
import { badRequest } from "../shared/errors.ts";
import { tx, type TxItem } from "../shared/transact.ts";
import type { AppealMark } from "../claim/index.ts";

/** The appeal table as the module's services use it: reads by id and by index, and the writes. */
export interface StoredAttachment {
  attachmentId: string;
  fileName: string;
  contentType: AttachmentType;
  bytes: number;
  status: "pending" | "stored";
  uploadedAt?: string;
  by: string;
}
type Item = EntityItem<typeof AppealEntity>;
/** An appeal as stored minus its index part, its untyped maps given their types. */
export type AppealRecord = Omit<
  Item,
  "phase" | "level" | "reasons" | "lineDenied" | "attachments" | "sent" | "decision" | "paid" | "withdrawn"
> & {
  level: AppealLevel;
  lineDenied: Record<string, number>;
  reasons: AppealView["reasons"];
  attachments: StoredAttachment[];
  sent?: { sentOn: string; method: (typeof SEND_METHODS)[number]; reference?: string; by: string };
  decision?: { outcome: (typeof OUTCOMES)[number]; decidedOn: string; note?: string; by: string; at: string };
  paid?: { remittanceId: string; paidCents: number; depositDate: string; at: string };
  withdrawn?: { reason: string; by: string; at: string };
};

const keyed = (a: AppealRecord) => ({ ...a, phase: isOpen(a.status) ? ("a" as const) : ("z" as const) });
const record = ({ phase: _p, ...a }: Item): AppealRecord => a as AppealRecord;

/** Transaction item: a new appeal (refused if its id exists). */
export const appealCreateItem = (a: AppealRecord): TxItem => tx.put(AppealEntity.create(keyed(a)).params(), "appeal");

/** Transaction item: the appeal rewritten whole, if it is still at `version` (the record carries the next one). */
export const appealPutItem = (a: AppealRecord, version: number): TxItem =>
  tx.put(
    AppealEntity.put(keyed(a))
      .where((x, op) => op.eq(x.version, version))
      .params(),
    "appeal",
  );

export async function readAppeal(tenantId: string, appealId: string): Promise<AppealRecord | undefined> {
  const { data } = await AppealEntity.get({ tenantId, appealId }).go();
  return data ? record(data) : undefined;
}

/** Appeals by id (BatchGetItem), in the order asked; ids with no appeal are left out. */
export async function appealsById(tenantId: string, ids: string[]): Promise<AppealRecord[]> {
  const found = new Map<string, AppealRecord>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys = unique.slice(i, i + 100).map((appealId) => ({ tenantId, appealId }));
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      const { data, unprocessed } = await AppealEntity.get(keys).go();
      for (const a of data) found.set(a.appealId, record(a));
      keys = unprocessed.map((k) => ({ tenantId, appealId: k.appealId }));
    }
    if (keys.length) throw new Error(`${keys.length} appeals were not read`);
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** The mark the claim keeps of an appeal. */
export const markOf = (a: AppealRecord): AppealMark => ({
  appealId: a.appealId,
  seq: a.seq,
  level: a.level,
  status: a.status,
  amountCents: a.amountCents,
  ...(a.expectedCents !== undefined ? { expectedCents: a.expectedCents } : {}),
  deadline: a.deadline,
  ...(a.sent ? { sentOn: a.sent.sentOn } : {}),
  ...(a.decision ? { decidedOn: a.decision.decidedOn } : {}),
});

/** The claim's marks with this appeal's replaced (or added at the end). */
export function marksWith(marks: AppealMark[] | undefined, a: AppealRecord): AppealMark[] {
  const out = (marks ?? []).filter((m) => m.appealId !== a.appealId);
  out.push(markOf(a));
  return out.sort((x, y) => x.seq - y.seq);
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
 * Appeals in one phase (`a` open, `z` closed), soonest deadline first: the company's (gsi2) or a
 * practice's (gsi3) keys, then the appeals by id. `limit` omitted: all of them.
 */
export async function appealPage(
  tenantId: string,
  phase: "a" | "z",
  practiceId: string | undefined,
  page: { limit?: number; cursor?: string } = {},
): Promise<{ items: AppealRecord[]; nextCursor: string | null }> {
  const index = practiceId ? "gsi3" : "gsi2";
  const pk = practiceId ? `${tenantId}#${practiceId}#ap` : `${tenantId}#ap`;
  let start = decode(page.cursor, `${index}pk`, pk);
  const items: AppealRecord[] = [];
  for (;;) {
    let res;
    try {
      res = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: index,
          KeyConditionExpression: "#pk = :pk AND begins_with(#sk, :sk)",
          ExpressionAttributeNames: { "#pk": `${index}pk`, "#sk": `${index}sk` },
          ExpressionAttributeValues: { ":pk": pk, ":sk": `${phase}#` },
          ExclusiveStartKey: start,
          ...(page.limit ? { Limit: page.limit - items.length } : {}),
        }),
      );
    } catch (err) {
      if (start && (err as { name?: string }).name === "ValidationException")
        throw badRequest("The cursor is not valid for this list");
      throw err;
    }
    const ids = (res.Items ?? []).map((i) => String(i[`${index}sk`]).split("#").at(-1)!);
    items.push(...(await appealsById(tenantId, ids)));
    start = res.LastEvaluatedKey;
    if (!start || (page.limit && items.length >= page.limit)) break;
  }
  return { items, nextCursor: encode(start) };
}
