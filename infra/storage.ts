import { buckets, table as tableDef } from "./resources";

/** The single table and the buckets, declared from infra/resources.ts. */
export const table = new sst.aws.Dynamo(tableDef.resource, {
  fields: {
    [tableDef.partitionKey]: "string",
    [tableDef.sortKey]: "string",
    ...Object.fromEntries(
      Object.values(tableDef.indexes).flatMap((i) => [
        [i.partitionKey, "string"],
        [i.sortKey, "string"],
      ]),
    ),
  },
  primaryIndex: { hashKey: tableDef.partitionKey, rangeKey: tableDef.sortKey },
  globalIndexes: Object.fromEntries(
    Object.entries(tableDef.indexes).map(([name, i]) => [name, { hashKey: i.partitionKey, rangeKey: i.sortKey }]),
  ),
  ttl: tableDef.ttlAttribute,
});

export const ediBucket = new sst.aws.Bucket(buckets.edi.resource, { versioning: true });
export const documentBucket = new sst.aws.Bucket(buckets.documents.resource, { versioning: true });

export const platformAdminKey = new sst.Secret("PlatformAdminKey");
