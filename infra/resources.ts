/**
 * The single definition of every table, queue and bucket. `infra/*.ts` declares the AWS
 * resources from these objects and the local stack (packages/local) provisions the emulators
 * from the very same objects, so the two can never drift apart.
 *
 * Plain data only: no `sst` or `$app` globals here, so Node can import it anywhere.
 */

export interface IndexDef {
  partitionKey: string;
  sortKey: string;
}

export const table = {
  /** Name of the linked resource: `Resource.Table.name`. */
  resource: "Table",
  partitionKey: "pk",
  sortKey: "sk",
  /** Global secondary indexes, all with ALL projection. */
  indexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  } satisfies Record<string, IndexDef>,
  /** Epoch-seconds attribute DynamoDB's TTL deletes expired items by (idempotency records). */
  ttlAttribute: "expiresAt",
} as const;

export interface QueueDef {
  /** Name of the linked resource, e.g. `Resource.ClaimBatchQueue.url`. */
  resource: string;
  /** Handler module (repo-relative path) and its exported function, as SST takes it. */
  handler: string;
  /** Consumer Lambda timeout in seconds; the queue's visibility timeout is six times it. */
  consumerTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  batchSize: number;
  memoryMb: number;
}

/** One queue per kind of work, each with its dead-letter queue. */
export const queues = {
  claimBatches: {
    resource: "ClaimBatchQueue",
    handler: "packages/functions/src/queue/claim-batch.handler",
    consumerTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
  },
  inboundFiles: {
    resource: "InboundFileQueue",
    handler: "packages/functions/src/queue/inbound-file.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
  },
} as const satisfies Record<string, QueueDef>;

export function visibilityTimeoutSeconds(q: QueueDef): number {
  return q.consumerTimeoutSeconds * 6;
}

export interface BucketDef {
  resource: string;
  /** Object-lock retention in days for raw EDI (claims out, remittances in); absent = none. */
  objectLockDays?: number;
  /** Days before objects move to infrequent access. */
  infrequentAccessAfterDays: number;
}

export const buckets = {
  edi: { resource: "EdiBucket", objectLockDays: 7 * 365 + 2, infrequentAccessAfterDays: 90 },
  documents: { resource: "DocumentBucket", infrequentAccessAfterDays: 90 },
} as const satisfies Record<string, BucketDef>;

export const queueList: QueueDef[] = Object.values(queues) as QueueDef[];
