import { queues, visibilityTimeoutSeconds, type QueueDef } from "./resources.ts";
import { stageConfig } from "./stages.ts";

/** Where every dead-letter queue alarm goes; subscribe an address in infra/stages.ts. */
export const alarms = new aws.sns.Topic("Alarms");
const { alarmEmail } = stageConfig($app.stage);
if (alarmEmail)
  new aws.sns.TopicSubscription("AlarmsEmail", { topic: alarms.arn, protocol: "email", endpoint: alarmEmail });

/**
 * A queue from infra/resources.ts with its dead-letter queue (kept 14 days, longer than the
 * queue's own 4, since a moved message keeps its first enqueue time) and an alarm as soon as a
 * message lands there.
 */
function workQueue(def: QueueDef) {
  const dlq = new sst.aws.Queue(`${def.resource}Dlq`, {
    transform: { queue: { messageRetentionSeconds: 14 * 24 * 3600 } },
  });
  const queue = new sst.aws.Queue(def.resource, {
    dlq: { queue: dlq.arn, retry: def.maxReceiveCount },
    visibilityTimeout: `${visibilityTimeoutSeconds(def)} seconds`,
  });
  new aws.cloudwatch.MetricAlarm(`${def.resource}DlqAlarm`, {
    alarmDescription: `${def.resource}: a message failed ${def.maxReceiveCount} times and waits in its dead-letter queue`,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: dlq.nodes.queue.name },
    statistic: "Maximum",
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    alarmActions: [alarms.arn],
    okActions: [alarms.arn],
  });
  return { def, queue, dlq };
}

type Queues = typeof queues;
/** One queue per kind of work, keyed as in infra/resources.ts. */
export const queueResources = Object.fromEntries(Object.entries(queues).map(([key, def]) => [key, workQueue(def)])) as {
  [K in keyof Queues]: { def: Queues[K]; queue: sst.aws.Queue; dlq: sst.aws.Queue };
};
