import { queues, visibilityTimeoutSeconds } from "./resources";

/** One queue per kind of work (infra/resources.ts), each with a dead-letter queue. */
export const queueResources = Object.fromEntries(
  Object.entries(queues).map(([key, q]) => {
    const dlq = new sst.aws.Queue(`${q.resource}Dlq`);
    const queue = new sst.aws.Queue(q.resource, {
      dlq: { queue: dlq.arn, retry: q.maxReceiveCount },
      visibilityTimeout: `${visibilityTimeoutSeconds(q)} seconds`,
    });
    return [key, { def: q, queue, dlq }];
  }),
) as Record<keyof typeof queues, { def: (typeof queues)[keyof typeof queues]; queue: sst.aws.Queue; dlq: sst.aws.Queue }>;
