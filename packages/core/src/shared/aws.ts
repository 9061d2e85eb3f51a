import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { Resource } from "sst/resource";
import { instrument } from "./metering.ts";
import { injectFaults } from "./faults.ts";

/**
 * The one factory for AWS clients and linked resource names. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables (unset in AWS, set by the local stack), resource names
 * from SST's `Resource` (in AWS from the link, locally from `SST_RESOURCE_<Name>` variables).
 */
type LinkedResource = { name?: string; url?: string; value?: string };

export function linked(name: string): LinkedResource {
  const r: LinkedResource | undefined = Reflect.get(Resource, name);
  if (!r) throw new Error(`Resource ${name} is not linked to this function`);
  return r;
}

export function tableName(): string {
  return required(linked("Table").name, "Table.name");
}

export function bucketName(resource: string): string {
  return required(linked(resource).name, `${resource}.name`);
}

export function queueUrl(resource: string): string {
  return required(linked(resource).url, `${resource}.url`);
}

function required(v: string | undefined, what: string): string {
  if (!v) throw new Error(`Linked resource ${what} is missing`);
  return v;
}

function isLoopback(url: string | undefined): boolean {
  return url !== undefined && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(url);
}

/** Test runs set CLAIMLEDGER_LOCAL_ONLY=1: any endpoint that is not loopback is refused. */
function checkEndpoint(service: string): void {
  if (process.env.CLAIMLEDGER_LOCAL_ONLY !== "1") return;
  const url = process.env[`AWS_ENDPOINT_URL_${service}`];
  if (!isLoopback(url)) {
    throw new Error(`Refusing AWS ${service} endpoint ${url ?? "(default AWS)"}: tests only talk to local emulators`);
  }
}

let ddb: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;
let s3: S3Client | undefined;

export function dynamo(): DynamoDBDocumentClient {
  if (!ddb) {
    checkEndpoint("DYNAMODB");
    // Throttles are retried with the SDK's backoff; three attempts (its default) are few for DynamoDB under load.
    const base = new DynamoDBClient({ maxAttempts: 8 });
    // Emulators only: DynamoDB Local never conflicts or throttles; the local stack can (faults.ts).
    if (isLoopback(process.env.AWS_ENDPOINT_URL_DYNAMODB)) injectFaults(base);
    ddb = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true },
    });
    instrument(ddb, "dynamodb"); // no-op unless the benchmark turned metering on
  }
  return ddb;
}

export function sqsClient(): SQSClient {
  if (!sqs) {
    checkEndpoint("SQS");
    // Send to the configured endpoint, not the host inside each queue URL (emulators name theirs).
    sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
    instrument(sqs, "sqs");
  }
  return sqs;
}

export function s3Client(): S3Client {
  if (!s3) {
    checkEndpoint("S3");
    // Emulators serve buckets by path; AWS serves them by virtual host.
    s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) });
    instrument(s3, "s3");
  }
  return s3;
}
