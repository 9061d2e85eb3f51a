import { ediBucket, documentBucket, table } from "./storage";
import { queueResources } from "./queues";

/** SFTP passwords/keys live in Secrets Manager under this prefix (see the README's Deploy section). */
export const clearinghouseSecrets = {
  actions: ["secretsmanager:GetSecretValue"],
  resources: [$interpolate`arn:aws:secretsmanager:${aws.getRegionOutput().name}:${aws.getCallerIdentityOutput().accountId}:secret:claimledger/*`],
};

const allQueues = Object.values(queueResources).map((q) => q.queue);

/** Every queue's consumer: the handler named in infra/resources.ts, partial batch responses on. */
for (const { def, queue } of Object.values(queueResources)) {
  queue.subscribe(
    {
      handler: def.handler,
      runtime: "nodejs24.x",
      timeout: `${def.consumerTimeoutSeconds} seconds`,
      memory: `${def.memoryMb} MB`,
      link: [table, ediBucket, documentBucket, ...allQueues],
      permissions: [clearinghouseSecrets],
    },
    { batch: { size: def.batchSize, partialResponses: true } },
  );
}
