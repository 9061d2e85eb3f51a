/**
 * Types for the SST globals that sst.config.ts and infra/*.ts use, so `npm run typecheck` and
 * `npm run lint` check them on a fresh clone.
 *
 * SST writes the full types to .sst/platform/config.d.ts, but only once `npx sst install` has
 * downloaded its providers, which CI cannot do. A `/// <reference>` to that file would fail tsc
 * wherever it is missing, and where it exists its declarations would clash with these. SST itself
 * never reads the reference (it bundles sst.config.ts with esbuild), so sst.config.ts carries none
 * and these declarations stand in.
 *
 * This is a subset, written from SST 4.17's component sources (platform/src/components) and
 * @pulumi/aws 7, the versions `sst` in package.json deploys with: only the components, arguments
 * and outputs infra/ uses. Add to it, checked against those sources, when infra/ needs more.
 * infra/infra.test.ts runs sst.config.ts against a recording stand-in for exactly these globals.
 */

declare namespace $util {
  /** A value known once deployed (Pulumi's Output); passed on, never read, at config time. */
  interface Output<T> {
    apply<U>(f: (value: T) => U): Output<U>;
  }
  type Input<T> = T | Output<T>;
}

declare namespace sst {
  type DurationMinutes = `${number} ${"second" | "seconds" | "minute" | "minutes"}`;
  type DurationHours = DurationMinutes | `${number} ${"hour" | "hours"}`;
  type Size = `${number} ${"MB" | "GB"}`;
  type Retention = "1 week" | "1 month" | "3 months" | "6 months" | "1 year" | "2 years" | "7 years" | "forever";
  type Input<T> = $util.Input<T>;

  /** Something a function can `link`: its name and outputs reach the code as `Resource.<name>`. */
  interface Linkable {
    readonly __linkable: true;
  }

  /** One IAM statement added to a function's role (FunctionPermissionArgs). */
  interface Permission {
    effect?: "allow" | "deny";
    actions: string[];
    resources: Input<string>[];
  }

  interface FunctionArgs {
    handler: string;
    runtime?: "nodejs22.x" | "nodejs24.x";
    architecture?: "x86_64" | "arm64";
    memory?: Size;
    timeout?: DurationMinutes;
    link?: Linkable[];
    permissions?: Permission[];
    environment?: Record<string, Input<string>>;
    copyFiles?: { from: string; to?: string }[];
    nodejs?: { minify?: boolean; esbuild?: { external?: string[]; conditions?: string[] } };
  }

  class Secret implements Linkable {
    readonly __linkable: true;
    constructor(name: string, placeholder?: Input<string>);
  }

  namespace aws {
    class Dynamo implements Linkable {
      readonly __linkable: true;
      constructor(
        name: string,
        args: {
          fields: Record<string, "string" | "number" | "binary">;
          primaryIndex: { hashKey: string; rangeKey?: string };
          globalIndexes?: Record<string, { hashKey: string; rangeKey?: string; projection?: "all" | "keys-only" }>;
          ttl?: string;
          deletionProtection?: boolean;
          transform?: {
            table?: {
              serverSideEncryption?: { enabled: boolean; kmsKeyArn?: Input<string> };
              pointInTimeRecovery?: { enabled: boolean };
            };
          };
        },
      );
      readonly name: $util.Output<string>;
      readonly arn: $util.Output<string>;
    }

    class Bucket implements Linkable {
      readonly __linkable: true;
      constructor(
        name: string,
        args?: {
          versioning?: boolean;
          /** Adds a bucket policy statement denying any request not over TLS. SST's default: true. */
          enforceHttps?: boolean;
          cors?: false;
          transform?: {
            bucket?: { objectLockEnabled?: boolean; forceDestroy?: boolean };
            publicAccessBlock?: {
              blockPublicAcls?: boolean;
              blockPublicPolicy?: boolean;
              ignorePublicAcls?: boolean;
              restrictPublicBuckets?: boolean;
            };
          };
        },
      );
      readonly name: $util.Output<string>;
      readonly arn: $util.Output<string>;
    }

    class Queue implements Linkable {
      readonly __linkable: true;
      constructor(
        name: string,
        args?: {
          dlq?: { queue: Input<string>; retry: number };
          visibilityTimeout?: DurationHours;
          transform?: { queue?: { messageRetentionSeconds?: number } };
        },
      );
      readonly arn: $util.Output<string>;
      readonly url: $util.Output<string>;
      readonly nodes: { queue: { name: $util.Output<string> } };
      subscribe(
        subscriber: FunctionArgs,
        args?: {
          batch?: { size?: number; window?: DurationMinutes; partialResponses?: boolean };
          transform?: { eventSourceMapping?: { scalingConfig?: { maximumConcurrency: number } } };
        },
      ): unknown;
    }

    class ApiGatewayV2 {
      constructor(
        name: string,
        args?: {
          domain?: string;
          cors?: boolean;
          accessLog?: { retention?: Retention };
          transform?: {
            stage?: { defaultRouteSettings?: { throttlingRateLimit?: number; throttlingBurstLimit?: number } };
          };
        },
      );
      readonly url: $util.Output<string>;
      route(route: string, handler: FunctionArgs): unknown;
    }

    class Cron {
      constructor(name: string, args: { schedule: `rate(${string})` | `cron(${string})`; function: FunctionArgs });
    }

    /** An SES identity (an address or a domain) to send from (https://sst.dev/docs/component/aws/email). */
    class Email implements Linkable {
      readonly __linkable: true;
      constructor(name: string, args: { sender: Input<string> });
      readonly sender: $util.Output<string>;
    }
  }
}

/** @pulumi/aws 7, as SST exposes it: the resources and lookups infra/ declares directly. */
declare namespace aws {
  function getRegionOutput(): { region: $util.Output<string> };
  function getCallerIdentityOutput(): { accountId: $util.Output<string> };

  namespace kms {
    class Key {
      constructor(
        name: string,
        args: { description?: string; enableKeyRotation?: boolean; deletionWindowInDays?: number },
        opts?: { retainOnDelete?: boolean },
      );
      readonly arn: $util.Output<string>;
    }
  }

  namespace s3 {
    class BucketServerSideEncryptionConfiguration {
      constructor(
        name: string,
        args: {
          bucket: $util.Input<string>;
          rules: {
            applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms"; kmsMasterKeyId: $util.Input<string> };
            bucketKeyEnabled?: boolean;
          }[];
        },
      );
    }
    class BucketLifecycleConfiguration {
      constructor(
        name: string,
        args: {
          bucket: $util.Input<string>;
          rules: {
            id: string;
            status: "Enabled" | "Disabled";
            filter: { prefix: string };
            transitions?: { days: number; storageClass: "STANDARD_IA" }[];
            noncurrentVersionTransitions?: { noncurrentDays: number; storageClass: "STANDARD_IA" }[];
            abortIncompleteMultipartUpload?: { daysAfterInitiation: number };
          }[];
        },
      );
    }
    class BucketObjectLockConfiguration {
      constructor(
        name: string,
        args: {
          bucket: $util.Input<string>;
          rule: { defaultRetention: { mode: "GOVERNANCE" | "COMPLIANCE"; days: number } };
        },
      );
    }
  }

  namespace sns {
    class Topic {
      constructor(name: string, args?: Record<string, never>);
      readonly arn: $util.Output<string>;
    }
    class TopicSubscription {
      constructor(name: string, args: { topic: $util.Input<string>; protocol: "email"; endpoint: string });
    }
  }

  namespace cloudwatch {
    class MetricAlarm {
      constructor(
        name: string,
        args: {
          alarmDescription?: string;
          namespace: string;
          metricName: string;
          dimensions: Record<string, $util.Input<string>>;
          statistic: "Maximum" | "Sum" | "Average";
          period: number;
          evaluationPeriods: number;
          threshold: number;
          comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold";
          treatMissingData?: "notBreaching" | "missing";
          alarmActions?: $util.Input<string>[];
          okActions?: $util.Input<string>[];
        },
      );
    }
  }
}

/** The app being deployed: its name and the `--stage` it was deployed with. */
declare const $app: { readonly name: string; readonly stage: string };

/** A string that holds outputs, e.g. an ARN built from the account id. */
declare function $interpolate(literals: TemplateStringsArray, ...placeholders: unknown[]): $util.Output<string>;

declare function $config(input: {
  app(input: { stage: string }): {
    name: string;
    home: "aws";
    removal?: "remove" | "retain" | "retain-all";
    protect?: boolean;
    providers?: Record<string, unknown>;
  };
  run(): Promise<Record<string, unknown>>;
}): typeof input;
