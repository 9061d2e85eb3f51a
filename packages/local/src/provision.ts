import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buckets, projectionOf, queueList, table, visibilityTimeoutSeconds } from "../../../infra/resources.ts";
import { timeoutScale } from "./workers.ts";

/**
 * Creates the table, every queue with its dead-letter queue, and every bucket from the same
 * definitions `infra/` deploys, then returns the `SST_RESOURCE_*` variables that make
 * `Resource.<Name>` resolve locally exactly as a linked resource does in AWS. Idempotent.
 */
export interface Endpoints {
  dynamoEndpoint: string;
  awsEndpoint: string;
}

const credentials = { accessKeyId: "local", secretAccessKey: "local" };
const region = "us-east-1";

export async function provision(ep: Endpoints, prefix: string): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const ddb = new DynamoDBClient({ endpoint: ep.dynamoEndpoint, region, credentials });
  const tableName = `${prefix}-${table.resource}`;
  const indexNames = Object.keys(table.indexes) as (keyof typeof table.indexes)[];
  let existing: Awaited<ReturnType<typeof describe>> | undefined;
  const describe = () => ddb.send(new DescribeTableCommand({ TableName: tableName }));
  try {
    existing = await describe();
  } catch {
    existing = undefined;
  }
  if (existing) {
    // A table kept in .data/ from an older version: add the indexes defined since.
    const have = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    // An index's projection cannot change in place: a table from before a layout change is wiped.
    for (const i of existing.Table?.GlobalSecondaryIndexes ?? []) {
      const def = table.indexes[i.IndexName as keyof typeof table.indexes];
      if (def && i.Projection?.ProjectionType !== projectionOf(def).ProjectionType)
        throw new Error(
          `${tableName}: index ${i.IndexName} was created with another projection (the data layout changed); start with --reset`,
        );
    }
    for (const n of indexNames.filter((x) => !have.has(x))) {
      await ddb.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [
            { AttributeName: table.indexes[n].partitionKey, AttributeType: "S" },
            { AttributeName: table.indexes[n].sortKey, AttributeType: "S" },
          ],
          GlobalSecondaryIndexUpdates: [
            {
              Create: {
                IndexName: n,
                KeySchema: [
                  { AttributeName: table.indexes[n].partitionKey, KeyType: "HASH" },
                  { AttributeName: table.indexes[n].sortKey, KeyType: "RANGE" },
                ],
                Projection: projectionOf(table.indexes[n]),
              },
            },
          ],
        }),
      );
    }
  } else {
    await ddb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: table.partitionKey, AttributeType: "S" },
          { AttributeName: table.sortKey, AttributeType: "S" },
          ...indexNames.flatMap((n) => [
            { AttributeName: table.indexes[n].partitionKey, AttributeType: "S" as const },
            { AttributeName: table.indexes[n].sortKey, AttributeType: "S" as const },
          ]),
        ],
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: "HASH" },
          { AttributeName: table.sortKey, KeyType: "RANGE" },
        ],
        GlobalSecondaryIndexes: indexNames.map((n) => ({
          IndexName: n,
          KeySchema: [
            { AttributeName: table.indexes[n].partitionKey, KeyType: "HASH" as const },
            { AttributeName: table.indexes[n].sortKey, KeyType: "RANGE" as const },
          ],
          Projection: projectionOf(table.indexes[n]),
        })),
      }),
    );
    await ddb.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  }
  ddb.destroy();
  env[`SST_RESOURCE_${table.resource}`] = JSON.stringify({ name: tableName });

  const sqs = new SQSClient({ endpoint: ep.awsEndpoint, region, credentials, useQueueUrlAsEndpoint: false });
  for (const q of queueList) {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${prefix}-${q.resource}-dlq` }));
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ["QueueArn"] }))
    ).Attributes?.QueueArn;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${prefix}-${q.resource}`,
        Attributes: {
          VisibilityTimeout: String(Math.max(1, Math.round(visibilityTimeoutSeconds(q) * timeoutScale()))),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: q.maxReceiveCount }),
        },
      }),
    );
    env[`SST_RESOURCE_${q.resource}`] = JSON.stringify({ url: main.QueueUrl });
  }
  sqs.destroy();

  const s3 = new S3Client({ endpoint: ep.awsEndpoint, region, credentials, forcePathStyle: true });
  for (const b of Object.values(buckets)) {
    const name = `${prefix}-${b.resource}`.toLowerCase();
    try {
      await s3.send(new CreateBucketCommand({ Bucket: name }));
    } catch (err) {
      const code = (err as { name?: string }).name;
      if (code !== "BucketAlreadyOwnedByYou" && code !== "BucketAlreadyExists") throw err;
    }
    env[`SST_RESOURCE_${b.resource}`] = JSON.stringify({ name });
  }
  s3.destroy();

  Object.assign(env, {
    AWS_ENDPOINT_URL_DYNAMODB: ep.dynamoEndpoint,
    AWS_ENDPOINT_URL_SQS: ep.awsEndpoint,
    AWS_ENDPOINT_URL_S3: ep.awsEndpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  });
  return env;
}
