/**
 * What a claim occupies in DynamoDB, from its items as stored, sized the way DynamoDB counts them
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * attribute names and values in UTF-8 bytes, numbers about 1 byte per two significant digits plus
 * 1, lists and maps 3 bytes plus 1 per element, and 100 bytes of overhead per item, in the table
 * and in each index copy (https://aws.amazon.com/dynamodb/pricing/on-demand/, storage). An index
 * copy holds the table's and the index's keys, or the whole item for an ALL projection.
 *
 * A claim's items: its partition (hot item, cold document item, history events) and its ledger
 * items (gsi1 by claim), with every index copy infra/resources.ts declares.
 *
 * The baseline is the layout before the hot/cold split, rebuilt from the same items: one claim
 * item holding the document, copied whole into three ALL-projection indexes (gsi1-gsi3); one ledger
 * item per entry, copied whole into gsi1 (attribute names as stored now, so it understates it).
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { table } from "../../infra/resources.ts";

type Item = Record<string, unknown>;

export function valueSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === "boolean") return 1;
  if (typeof v === "string") return Buffer.byteLength(v);
  if (typeof v === "number") {
    const digits = String(Math.abs(v)).replace(/[.-]/g, "").replace(/^0+/, "").length || 1;
    return Math.ceil(digits / 2) + 1;
  }
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((s: number, x) => s + valueSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((s: number, x) => s + valueSize(x) + 1, 0);
  if (typeof v === "object")
    return 3 + Object.entries(v as Item).reduce((s, [k, x]) => s + Buffer.byteLength(k) + valueSize(x) + 1, 0);
  return 0;
}

export const itemSize = (item: Item) =>
  Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);

const OVERHEAD = 100;

/** Bytes of an item in the table and in every index it has keys for. */
export function storedSize(item: Item, projections: Record<string, "all" | "keys"> = currentProjections()): number {
  let bytes = itemSize(item) + OVERHEAD;
  for (const [name, def] of Object.entries(table.indexes)) {
    if (item[def.partitionKey] === undefined) continue;
    const projection = projections[name] ?? def.projection;
    if (projection === "all") bytes += itemSize(item) + OVERHEAD;
    else {
      const keys = [table.partitionKey, table.sortKey, def.partitionKey, def.sortKey];
      bytes += itemSize(Object.fromEntries(keys.map((k) => [k, item[k]]))) + OVERHEAD;
    }
  }
  return bytes;
}

const currentProjections = () =>
  Object.fromEntries(Object.entries(table.indexes).map(([n, d]) => [n, d.projection])) as Record<
    string,
    "all" | "keys"
  >;

/** The items of one claim as stored: its partition, and its ledger items. */
async function itemsOfClaim(tenantId: string, claimId: string) {
  const { dynamo, tableName } = await import("../../packages/core/src/shared/aws.ts");
  const key = `$claimledger#tenantId_${tenantId}#claimId_${claimId}`;
  const q = async (index: string | undefined, field: string) => {
    const out: Item[] = [];
    let start: Item | undefined;
    do {
      const res = await dynamo().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: index,
          KeyConditionExpression: "#k = :k",
          ExpressionAttributeNames: { "#k": field },
          ExpressionAttributeValues: { ":k": key },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...((res.Items ?? []) as Item[]));
      start = res.LastEvaluatedKey as Item | undefined;
    } while (start);
    return out;
  };
  const partition = await q(undefined, "pk");
  const ledger = (await q("gsi1", "gsi1pk")).filter((i) => i.__edb_e__ === "ledgerEntry");
  return { partition, ledger };
}

/** Average stored bytes per claim, as stored now and in the layout before (see above). */
export async function storagePerClaim(tenantId: string, claimIds: string[]) {
  let ours = 0;
  let before = 0;
  const allIndexes = { gsi1: "all", gsi2: "all", gsi3: "all" } as const;
  for (const claimId of claimIds) {
    const { partition, ledger } = await itemsOfClaim(tenantId, claimId);
    for (const item of [...partition, ...ledger]) ours += storedSize(item);
    // Before: the hot and cold items were one, in gsi1-gsi3 whole; events as they are.
    const hot = partition.find((i) => i.__edb_e__ === "claim");
    const cold = partition.find((i) => i.__edb_e__ === "claimDoc");
    const {
      gsi4pk: _a,
      gsi4sk: _b,
      gsi5pk: _c,
      gsi5sk: _d,
      gsi6pk: _e,
      gsi6sk: _f,
      gsi7pk,
      gsi7sk,
      ...rest
    } = hot ?? {};
    const whole = {
      ...rest,
      doc: cold?.doc,
      findings: cold?.findings,
      gsi1pk: gsi7pk,
      gsi1sk: gsi7sk,
    };
    before += storedSize(whole, allIndexes);
    for (const e of partition.filter((i) => i.__edb_e__ === "claimEvent")) before += storedSize(e, allIndexes);
    // One item per entry, each with the shared fields and its keys, copied whole into gsi1.
    for (const item of ledger) {
      const entries = Array.isArray(item.es) ? (item.es as Item[]) : undefined;
      if (!entries) {
        before += storedSize(item, allIndexes);
        continue;
      }
      const { es: _es, ...shared } = item;
      for (const [n, e] of entries.entries()) {
        const id = `${String(shared.e)}-${String(n + 1).padStart(3, "0")}`;
        before += storedSize(
          {
            ...shared,
            ...e,
            e: id,
            sk: `${String(shared.sk)}-${String(n + 1).padStart(3, "0")}`,
            gsi1sk: `${String(shared.gsi1sk)}-${String(n + 1).padStart(3, "0")}`,
          },
          allIndexes,
        );
      }
    }
  }
  return { ours: ours / claimIds.length, before: before / claimIds.length };
}
