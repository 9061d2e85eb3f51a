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
  /**
   * What the index copies of each item: "all", or "keys" (the table's and the index's keys only;
   * readers fetch the items by key). Every write that changes a copied attribute rewrites the
   * copy, so an index copies only what its queries need.
   */
  projection: "all" | "keys";
}

export const table = {
  /** Name of the linked resource: `Resource.Table.name`. */
  resource: "Table",
  partitionKey: "pk",
  sortKey: "sk",
  /**
   * Global secondary indexes. gsi1 is shared by many entities (lists by practice, a claim's ledger)
   * and copies everything; the others hold claims only and copy keys only, so a claim's status
   * move or posting rewrites small index entries, never the claim: gsi2 by status, gsi3 by
   * practice and status, gsi7 by practice; gsi4-gsi6 are sparse: a claim is in them only while it
   * owes money (gsi4, A/R by practice), while it has open denials (gsi5, the denials queue) and
   * under its patient (gsi6), so a screen reads what is open, not all history. Follow-up tasks
   * also keep small entries in gsi2 (company), gsi3 (practice) and gsi7 (claim), under partition
   * keys of their own (`...#tk`), and their "my tasks" list in gsi1.
   */
  indexes: {
    gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk", projection: "all" },
    gsi2: { partitionKey: "gsi2pk", sortKey: "gsi2sk", projection: "keys" },
    gsi3: { partitionKey: "gsi3pk", sortKey: "gsi3sk", projection: "keys" },
    gsi4: { partitionKey: "gsi4pk", sortKey: "gsi4sk", projection: "keys" },
    gsi5: { partitionKey: "gsi5pk", sortKey: "gsi5sk", projection: "keys" },
    gsi6: { partitionKey: "gsi6pk", sortKey: "gsi6sk", projection: "keys" },
    gsi7: { partitionKey: "gsi7pk", sortKey: "gsi7sk", projection: "keys" },
  } satisfies Record<string, IndexDef>,
  /** Epoch-seconds attribute DynamoDB's TTL deletes expired items by (idempotency records). */
  ttlAttribute: "expiresAt",
} as const;

export interface FunctionDef {
  /** Handler module (repo-relative path) and its exported function, as SST takes it. */
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
}

/** The HTTP API's Lambda: the Hono app behind API Gateway v2. */
export const api = {
  handler: "packages/functions/src/api/handler.handler",
  /** API Gateway waits at most 30 seconds for an integration. */
  timeoutSeconds: 29,
  memoryMb: 1024,
  /** Stage-wide throttling: steady requests per second and the burst above it. */
  throttle: { ratePerSecond: 100, burst: 200 },
} as const satisfies FunctionDef & { throttle: { ratePerSecond: number; burst: number } };

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
  /**
   * Most consumer instances at once in AWS (the event source mapping's maximum concurrency, 2 or
   * more; every queue in `queues` sets it). Reserved concurrency is not used: a new account's
   * limit of 10 concurrent executions leaves none to reserve.
   */
  maxConcurrency?: number;
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
    maxConcurrency: 5,
  },
  /** Batch runs: ready claims of a practice or payer into batches, one chunk a message. */
  batchRuns: {
    resource: "BatchRunQueue",
    handler: "packages/functions/src/queue/batch-run.handler",
    consumerTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 2,
  },
  inboundFiles: {
    resource: "InboundFileQueue",
    handler: "packages/functions/src/queue/inbound-file.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 5,
  },
  /**
   * An 835's claim payments, a few hundred per message (see remittance/posting-run.ts): a large
   * ERA posts as many bounded jobs, side by side, each resuming where it stopped.
   */
  remittanceChunks: {
    resource: "RemittanceChunkQueue",
    handler: "packages/functions/src/queue/remittance-chunk.handler",
    consumerTimeoutSeconds: 120,
    maxReceiveCount: 8,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 5,
  },
  /**
   * Clearinghouse polls: one message per company's poll (asked for, or the schedule's). Its worker
   * takes the files one at a time, streamed to S3, and is the one function besides the batch
   * worker that loads the SFTP client.
   */
  clearinghousePolls: {
    resource: "ClearinghousePollQueue",
    handler: "packages/functions/src/queue/clearinghouse-poll.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 5,
  },
  /**
   * Eligibility checks (270s) asked for in a batch (a schedule's worth) or through an SFTP
   * clearinghouse: 50 checks a message, asked in real time or sent as one 270 file per payer.
   */
  eligibilityChecks: {
    resource: "EligibilityQueue",
    handler: "packages/functions/src/queue/eligibility-check.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 2,
  },
  /**
   * Claim status inquiries: one company's 276 (the day's claims waiting for an 835, or one asked
   * about now), archived and submitted like an 837P, so this worker loads the SFTP client too.
   */
  statusInquiries: {
    resource: "StatusInquiryQueue",
    handler: "packages/functions/src/queue/status-inquiry.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 2,
  },
  /** Company-wide reports asked for as jobs (`POST /v1/report-jobs`): computed here, written to S3. */
  reportJobs: {
    resource: "ReportJobQueue",
    handler: "packages/functions/src/queue/report-job.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 3,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 2,
  },
  /**
   * Committed events, announced by transactWrite after the commit (core/src/shared/outbox.ts):
   * matched to webhook endpoints, one delivery record and message each.
   */
  webhookFanout: {
    resource: "WebhookFanoutQueue",
    handler: "packages/functions/src/queue/webhook-fanout.handler",
    consumerTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    memoryMb: 512,
    maxConcurrency: 2,
  },
  /**
   * One attempt of one event to one endpoint (10 s at most each, so a batch of 10 fits the
   * timeout); a failure re-queues itself with its backoff delay, never blocking posting.
   */
  webhookDeliveries: {
    resource: "WebhookDeliveryQueue",
    handler: "packages/functions/src/queue/webhook-delivery.handler",
    consumerTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 10,
    memoryMb: 512,
    maxConcurrency: 5,
  },
  /**
   * Statement runs: one message per practice and run; the job that completes a run writes its
   * combined PDF.
   */
  statementRuns: {
    resource: "StatementRunQueue",
    handler: "packages/functions/src/queue/statement-run.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 2,
  },
  /** Month close: one message per practice and period. */
  invoiceRuns: {
    resource: "InvoiceRunQueue",
    handler: "packages/functions/src/queue/invoice-run.handler",
    consumerTimeoutSeconds: 300,
    maxReceiveCount: 5,
    batchSize: 1,
    memoryMb: 1024,
    maxConcurrency: 5,
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
  /** Key prefixes whose objects are deleted after so many days (work files, not records). */
  expire?: { prefix: string; days: number }[];
}

export const buckets = {
  edi: { resource: "EdiBucket", objectLockDays: 7 * 365 + 2, infrequentAccessAfterDays: 90 },
  documents: {
    resource: "DocumentBucket",
    infrequentAccessAfterDays: 90,
    // An 835's posting chunks (parsed claim payments, gzipped): kept long enough for any retry.
    expire: [{ prefix: "work/", days: 14 }],
  },
} as const satisfies Record<string, BucketDef>;

export interface CronDef {
  resource: string;
  handler: string;
  /** EventBridge schedule expression (UTC). */
  schedule: string;
  timeoutSeconds: number;
  memoryMb: number;
}

/** Scheduled jobs; the local stack runs them as commands (see the README). */
export const crons = {
  /** Queue one clearinghouse poll per company with a configured clearinghouse (the worker fetches). */
  clearinghousePoll: {
    resource: "ClearinghousePoll",
    handler: "packages/functions/src/cron/poll.handler",
    schedule: "rate(5 minutes)",
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  /** Month close: 06:00 UTC on the 1st, invoices every company's practices for the month before. */
  invoiceRun: {
    resource: "MonthlyInvoiceRun",
    handler: "packages/functions/src/cron/invoice-run.handler",
    schedule: "cron(0 6 1 * ? *)",
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  /** Daily at 07:00 UTC: queues one claim status inquiry run (276) per company. */
  statusInquiries: {
    resource: "ClaimStatusInquiries",
    handler: "packages/functions/src/cron/status-inquiries.handler",
    schedule: "cron(0 7 * * ? *)",
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  /** The statement cycle: 07:00 UTC on the 2nd (after month close), a statement run for every company. */
  statementRun: {
    resource: "MonthlyStatementRun",
    handler: "packages/functions/src/cron/statement-run.handler",
    schedule: "cron(0 7 2 * ? *)",
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  /** Each minute: fans out any event of the last ten minutes whose announcement was lost. */
  webhookSweep: {
    resource: "WebhookSweep",
    handler: "packages/functions/src/cron/webhook-sweep.handler",
    schedule: "rate(1 minute)",
    timeoutSeconds: 55,
    memoryMb: 512,
  },
  /**
   * Daily, 11:00 UTC (early morning across the US): reconciles every company's automatic follow-up
   * tasks with its open claims (what only time changes: a claim goes quiet with no event).
   */
  followUpSweep: {
    resource: "FollowUpSweep",
    handler: "packages/functions/src/cron/follow-up-sweep.handler",
    schedule: "cron(0 11 * * ? *)",
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
} as const satisfies Record<string, CronDef>;

/** The DynamoDB API's Projection of an index. */
export function projectionOf(def: IndexDef): { ProjectionType: "ALL" | "KEYS_ONLY" } {
  return { ProjectionType: def.projection === "all" ? "ALL" : "KEYS_ONLY" };
}

export const queueList: QueueDef[] = Object.values(queues) as QueueDef[];
