import { buckets, table as tableDef, type BucketDef, type IndexDef } from "./resources.ts";
import { isProduction } from "./stages.ts";

const production = isProduction($app.stage);

/**
 * The customer-managed key the table and both buckets are encrypted with (rotated yearly). SST's
 * `removal: "retain"` keeps tables and buckets but not keys, so production keeps its key here:
 * without it, the data it keeps could not be read.
 */
export const dataKey = new aws.kms.Key(
  "DataKey",
  {
    description: `ClaimLedger ${$app.stage}: DynamoDB table and S3 buckets`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
  },
  { retainOnDelete: production },
);

/** The single table, declared from infra/resources.ts: the keys and indexes the local stack creates. */
export const table = new sst.aws.Dynamo(tableDef.resource, {
  fields: Object.fromEntries(
    [
      tableDef.partitionKey,
      tableDef.sortKey,
      ...Object.values(tableDef.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
    ].map((f) => [f, "string" as const]),
  ),
  primaryIndex: { hashKey: tableDef.partitionKey, rangeKey: tableDef.sortKey },
  globalIndexes: Object.fromEntries(
    Object.entries(tableDef.indexes).map(([name, i]) => [
      name,
      {
        hashKey: i.partitionKey,
        rangeKey: i.sortKey,
        projection: (i as IndexDef).projection === "all" ? ("all" as const) : ("keys-only" as const),
      },
    ]),
  ),
  ttl: tableDef.ttlAttribute,
  deletionProtection: production,
  transform: {
    table: {
      // On-demand billing is SST's default; point-in-time recovery is too, stated here as required.
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: dataKey.arn },
    },
  },
});

/**
 * A private bucket: every kind of public access blocked, TLS-only bucket policy, versioned,
 * SSE-KMS with the data key, moved to infrequent access after a while. With `objectLockDays`
 * every object version is locked in governance mode for that long.
 */
function privateBucket(def: BucketDef): sst.aws.Bucket {
  const bucket = new sst.aws.Bucket(def.resource, {
    versioning: true,
    enforceHttps: true,
    cors: false,
    transform: {
      publicAccessBlock: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      // Object lock can only be switched on when the bucket is created.
      bucket: { objectLockEnabled: def.objectLockDays !== undefined, forceDestroy: !production },
    },
  });
  new aws.s3.BucketServerSideEncryptionConfiguration(`${def.resource}Encryption`, {
    bucket: bucket.name,
    rules: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn },
        bucketKeyEnabled: true,
      },
    ],
  });
  new aws.s3.BucketLifecycleConfiguration(`${def.resource}Lifecycle`, {
    bucket: bucket.name,
    rules: [
      {
        id: "infrequent-access",
        status: "Enabled",
        filter: { prefix: "" },
        transitions: [{ days: def.infrequentAccessAfterDays, storageClass: "STANDARD_IA" }],
        noncurrentVersionTransitions: [{ noncurrentDays: def.infrequentAccessAfterDays, storageClass: "STANDARD_IA" }],
        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
      },
      ...(def.expire ?? []).map((e) => ({
        id: `expire-${e.prefix.replace(/[^a-z0-9]/gi, "")}`,
        status: "Enabled" as const,
        filter: { prefix: e.prefix },
        expiration: { days: e.days },
        noncurrentVersionExpiration: { noncurrentDays: 1 },
      })),
    ],
  });
  if (def.objectLockDays !== undefined) {
    new aws.s3.BucketObjectLockConfiguration(`${def.resource}ObjectLock`, {
      bucket: bucket.name,
      rule: { defaultRetention: { mode: "GOVERNANCE", days: def.objectLockDays } },
    });
  }
  return bucket;
}

/** Raw EDI as sent and received (837s out, 999/277CA/835 in), locked for seven years. */
export const ediBucket = privateBucket(buckets.edi);
/** Generated documents: patient statements, invoices. */
export const documentBucket = privateBucket(buckets.documents);

/** The platform operator's key for `POST /v1/tenants`: `npx sst secret set PlatformAdminKey <value>`. */
export const platformAdminKey = new sst.Secret("PlatformAdminKey");

/**
 * Every function touches the table or a bucket, so every function may use the data key. And none
 * may undo the EDI bucket's lock: linking a bucket grants s3:*, this takes the bypass back out.
 */
export const dataAccess: sst.Permission[] = [
  { actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], resources: [dataKey.arn] },
  {
    effect: "deny",
    actions: ["s3:BypassGovernanceRetention", "s3:PutBucketObjectLockConfiguration"],
    resources: [ediBucket.arn, $interpolate`${ediBucket.arn}/*`],
  },
];

/**
 * The SFTP credentials of each company's clearinghouse: Secrets Manager secrets the operator
 * creates under `claimledger/<stage>/` (see the README's Deploy section), named in the company's
 * `PUT /v1/clearinghouse` settings. Only functions that open an SFTP connection get this.
 */
export const readClearinghouseSecrets: sst.Permission = {
  actions: ["secretsmanager:GetSecretValue"],
  resources: [
    $interpolate`arn:aws:secretsmanager:${aws.getRegionOutput().region}:${aws.getCallerIdentityOutput().accountId}:secret:claimledger/${$app.stage}/*`,
  ],
};
