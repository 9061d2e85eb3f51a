import { lambda } from "./functions.ts";
import { queues } from "./resources.ts";
import { queueResources } from "./queues.ts";
import { dataAccess, documentBucket, ediBucket, readClearinghouseSecrets, table } from "./storage.ts";

/** What each consumer's code reads, and no more (infra/infra.test.ts checks it against the bundle). */
const access: Record<keyof typeof queues, { link: sst.Linkable[]; permissions: sst.Permission[] }> = {
  claimBatches: { link: [table, ediBucket], permissions: [...dataAccess, readClearinghouseSecrets] },
  reportJobs: { link: [table, documentBucket], permissions: dataAccess },
  batchRuns: {
    link: [table, queueResources.batchRuns.queue, queueResources.claimBatches.queue],
    permissions: dataAccess,
  },
  // The inbound worker plans an 835's posting: it writes the chunks (work files) and queues them.
  inboundFiles: {
    link: [table, ediBucket, documentBucket, queueResources.remittanceChunks.queue],
    permissions: dataAccess,
  },
  // A chunk that stops for time queues itself again.
  remittanceChunks: { link: [table, documentBucket, queueResources.remittanceChunks.queue], permissions: dataAccess },
  clearinghousePolls: {
    link: [table, ediBucket, queueResources.inboundFiles.queue],
    permissions: [...dataAccess, readClearinghouseSecrets],
  },
  invoiceRuns: { link: [table, documentBucket], permissions: dataAccess },
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
