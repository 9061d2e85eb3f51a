import { lambda } from "./functions.ts";
import { queues } from "./resources.ts";
import { queueResources } from "./queues.ts";
import { dataAccess, documentBucket, ediBucket, readClearinghouseSecrets, table } from "./storage.ts";

/**
 * Every writer of events announces them to the fan-out queue after its transaction commits
 * (core/src/shared/outbox.ts), so every function whose code writes reads that queue too.
 */
const fanout = queueResources.webhookFanout.queue;

/** What each consumer's code reads, and no more (infra/infra.test.ts checks it against the bundle). */
const access: Record<keyof typeof queues, { link: sst.Linkable[]; permissions: sst.Permission[] }> = {
  claimBatches: { link: [table, ediBucket, fanout], permissions: [...dataAccess, readClearinghouseSecrets] },
  reportJobs: { link: [table, documentBucket], permissions: dataAccess },
  // Real-time answers are recorded here (events); a 270 file is submitted over SFTP.
  eligibilityChecks: { link: [table, ediBucket, fanout], permissions: [...dataAccess, readClearinghouseSecrets] },
  batchRuns: {
    link: [table, queueResources.batchRuns.queue, queueResources.claimBatches.queue, fanout],
    permissions: dataAccess,
  },
  // The inbound worker plans an 835's posting: it writes the chunks (work files) and queues them.
  inboundFiles: {
    link: [table, ediBucket, documentBucket, queueResources.remittanceChunks.queue, fanout],
    permissions: dataAccess,
  },
  // A chunk that stops for time queues itself again.
  remittanceChunks: {
    link: [table, documentBucket, queueResources.remittanceChunks.queue, fanout],
    permissions: dataAccess,
  },
  clearinghousePolls: {
    link: [table, ediBucket, queueResources.inboundFiles.queue],
    permissions: [...dataAccess, readClearinghouseSecrets],
  },
  invoiceRuns: { link: [table, documentBucket, fanout], permissions: dataAccess },
  // A 276 is archived in the EDI bucket and submitted like an 837P; its claims' history is written.
  statusInquiries: { link: [table, ediBucket, fanout], permissions: [...dataAccess, readClearinghouseSecrets] },
  // It also reconciles follow-up tasks, whose changes write events announced back to its own queue.
  webhookFanout: { link: [table, queueResources.webhookDeliveries.queue, fanout], permissions: dataAccess },
  // Statements (JSON, PDF, the run's combined PDF) go to the document bucket; each is an event.
  statementRuns: { link: [table, documentBucket, fanout], permissions: dataAccess },
  // Deliveries re-queue themselves; disabling an endpoint writes an audit event and may mail its owners.
  webhookDeliveries: { link: [table, queueResources.webhookDeliveries.queue, fanout], permissions: dataAccess },
};

/** Every queue's consumer: reports failed records only (partial batch responses). */
for (const key of Object.keys(queues) as (keyof typeof queues)[]) {
  const { def, queue } = queueResources[key];
  queue.subscribe(
    lambda({ handler: def.handler, timeoutSeconds: def.consumerTimeoutSeconds, memoryMb: def.memoryMb }, access[key]),
    {
      batch: { size: def.batchSize, partialResponses: true },
      transform: { eventSourceMapping: { scalingConfig: { maximumConcurrency: def.maxConcurrency } } },
    },
  );
}
