import type { EntityItem } from "electrodb";
import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { TaskEntity } from "./followup.entity.ts";
import { isActive, type TaskView } from "./task.schema.ts";
import { dynamo, tableName } from "../shared/aws.ts";
import { badRequest } from "../shared/errors.ts";
import { tx, type TxItem } from "../shared/transact.ts";

/** The task table as the module's services use it: reads by id and by index, and the writes. */
export type TaskItem = Omit<EntityItem<typeof TaskEntity>, "notes"> & { notes: TaskView["notes"] };
/** A task as stored minus its index parts, which every write derives again. */
export type TaskRecord = Omit<TaskItem, "phase" | "assignee">;

export function viewOf(t: TaskRecord): TaskView {
  const { tenantId: _t, ...rest } = t as TaskItem;
  const { phase: _p, assignee: _a, ...view } = rest;
  return { ...view, automatic: t.source !== "manual" };
}

const keyed = (t: TaskRecord): TaskItem => ({
  ...t,
  phase: isActive(t.status) ? "a" : "z",
  assignee: t.assigneeId ?? "-",
});

/** Transaction item: a new task (refused if its id exists: an automatic task is made once). */
export const taskCreateItem = (t: TaskRecord): TxItem => tx.put(TaskEntity.create(keyed(t)).params(), "task");

/** Transaction item: the task rewritten whole, if it is still at `version` (the record carries the next one). */
export const taskPutItem = (t: TaskRecord, version: number): TxItem =>
  tx.put(
    TaskEntity.put(keyed(t))
      .where((a, op) => op.eq(a.version, version))
      .params(),
    "task",
  );

export async function readTask(tenantId: string, taskId: string): Promise<TaskItem | undefined> {
  const { data } = await TaskEntity.get({ tenantId, taskId }).go();
  return (data as TaskItem | null) ?? undefined;
}

/** Tasks by id (BatchGetItem, 100 keys a request); ids with no task are left out. */
export async function tasksById(tenantId: string, taskIds: string[]): Promise<Map<string, TaskItem>> {
  const out = new Map<string, TaskItem>();
  const ids = [...new Set(taskIds)];
  for (let i = 0; i < ids.length; i += 100) {
    let keys = ids.slice(i, i + 100).map((taskId) => ({ tenantId, taskId }));
    for (let attempt = 0; keys.length && attempt < 8; attempt++) {
      const { data, unprocessed } = await TaskEntity.get(keys).go();
      for (const t of data as TaskItem[]) out.set(t.taskId, t);
      keys = unprocessed.map((k) => ({ tenantId, taskId: k.taskId }));
    }
    if (keys.length) throw new Error(`${keys.length} tasks were not read`);
  }
  return out;
}

/** The list indexes, their partition keys (the entity's templates) and whether they copy the item. */
export const INDEXES = {
  assignee: { name: "gsi1", pk: (t: string, assignee: string) => `${t}#tk#${assignee}`, all: true },
  tenant: { name: "gsi2", pk: (t: string) => `${t}#tk`, all: false },
  practice: { name: "gsi3", pk: (t: string, practiceId: string) => `${t}#${practiceId}#tk`, all: false },
  claim: { name: "gsi7", pk: (t: string, claimId: string) => `${t}#${claimId}#tk`, all: false },
} as const;
type IndexName = (typeof INDEXES)[keyof typeof INDEXES]["name"];

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
 * A page of tasks from one index partition, sort keys from `from` to `to`: read in key order, kept
 * when `where` passes, until `limit` are kept or the keys run out. Keys-only indexes are read by
 * key, then the tasks by id; the cursor is the last key read.
 */
export async function taskPage(
  index: IndexName,
  pk: string,
  range: { from: string; to: string },
  page: { limit?: number; cursor?: string; where?: (t: TaskItem) => boolean },
): Promise<{ items: TaskItem[]; nextCursor: string | null }> {
  const tenantId = pk.split("#")[0]!;
  const all = index === "gsi1";
  let start = decode(page.cursor, `${index}pk`, pk);
  const items: TaskItem[] = [];
  for (;;) {
    const input: QueryCommandInput = {
      TableName: tableName(),
      IndexName: index,
      KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
      ExpressionAttributeNames: { "#pk": `${index}pk`, "#sk": `${index}sk` },
      ExpressionAttributeValues: { ":pk": pk, ":from": range.from, ":to": range.to },
      ExclusiveStartKey: start,
      ...(page.limit ? { Limit: Math.max(page.limit - items.length, 1) } : {}),
    };
    let res;
    try {
      res = await dynamo().send(new QueryCommand(input));
    } catch (err) {
      if (start && (err as { name?: string }).name === "ValidationException")
        throw badRequest("The cursor is not valid for this list");
      throw err;
    }
    let found: TaskItem[];
    if (all) found = TaskEntity.parse({ Items: res.Items ?? [] }).data as TaskItem[];
    else {
      const ids = (res.Items ?? []).map((i) => String(i[`${index}sk`]).split("#").at(-1)!);
      const byId = await tasksById(tenantId, ids);
      found = ids.flatMap((id) => byId.get(id) ?? []);
    }
    items.push(...(page.where ? found.filter(page.where) : found));
    start = res.LastEvaluatedKey;
    if (!start || (page.limit && items.length >= page.limit)) break;
  }
  return { items, nextCursor: encode(start) };
}
