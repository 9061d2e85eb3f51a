/**
 * A recording stand-in for the SST globals infra/globals.d.ts declares: every component, resource
 * and method call is recorded with its arguments, so a test can run sst.config.ts without AWS or
 * the SST CLI. Outputs (an ARN, a URL) are tokens that print as `{{<name>.<property>}}`, so the
 * recorded arguments show which resource each value comes from.
 *
 * Only the classes the real globals have are provided: infra code that used anything else would
 * fail here with "not a constructor", as it would on deploy.
 */

export interface Recorded {
  type: string;
  name: string;
  args: any;
  /** Pulumi resource options (third constructor argument), e.g. retainOnDelete. */
  opts: any;
  calls: { method: string; args: any[] }[];
}

const RECORD = Symbol("recorded");

/** A value only known once deployed; any property of it is a deeper token. */
export function token(path: string): any {
  return new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === Symbol.toPrimitive || prop === "toString" || prop === "toJSON") return () => `{{${path}}}`;
        if (typeof prop === "symbol" || prop === "then") return undefined;
        return token(`${path}.${String(prop)}`);
      },
    },
  );
}

/** The record behind a component instance (e.g. an entry of a function's `link`), if it is one. */
export function recordOf(value: unknown): Recorded | undefined {
  return (value as { [RECORD]?: Recorded } | undefined)?.[RECORD];
}

export function installRecorder(stage: string) {
  const resources: Recorded[] = [];

  function component(type: string, methods: string[] = []) {
    return class {
      constructor(name: string, args: unknown = {}, opts: unknown = {}) {
        const record: Recorded = { type, name, args, opts, calls: [] };
        resources.push(record);
        return new Proxy(this, {
          get(_, prop) {
            if (prop === RECORD) return record;
            if (typeof prop === "symbol" || prop === "then") return undefined;
            if (methods.includes(prop))
              return (...callArgs: any[]) => void record.calls.push({ method: prop, args: callArgs });
            return token(`${name}.${prop}`);
          },
        });
      }
    };
  }

  const globals = {
    $app: { name: "claimledger", stage },
    $config: (input: unknown) => input,
    $interpolate: (literals: TemplateStringsArray, ...values: unknown[]) =>
      String.raw({ raw: literals }, ...values.map(String)),
    sst: {
      Secret: component("sst.Secret"),
      aws: {
        Dynamo: component("sst.aws.Dynamo"),
        Bucket: component("sst.aws.Bucket"),
        Queue: component("sst.aws.Queue", ["subscribe"]),
        ApiGatewayV2: component("sst.aws.ApiGatewayV2", ["route"]),
        Cron: component("sst.aws.Cron"),
        Email: component("sst.aws.Email"),
      },
    },
    aws: {
      getRegionOutput: () => ({ region: token("aws.region") }),
      getCallerIdentityOutput: () => ({ accountId: token("aws.accountId") }),
      kms: { Key: component("aws.kms.Key") },
      s3: {
        BucketServerSideEncryptionConfiguration: component("aws.s3.BucketServerSideEncryptionConfiguration"),
        BucketLifecycleConfiguration: component("aws.s3.BucketLifecycleConfiguration"),
        BucketObjectLockConfiguration: component("aws.s3.BucketObjectLockConfiguration"),
      },
      sns: { Topic: component("aws.sns.Topic"), TopicSubscription: component("aws.sns.TopicSubscription") },
      cloudwatch: { MetricAlarm: component("aws.cloudwatch.MetricAlarm") },
    },
  };
  Object.assign(globalThis, globals);

  return {
    resources,
    /** Every recorded resource of a type, e.g. "sst.aws.Queue". */
    all: (type: string) => resources.filter((r) => r.type === type),
    uninstall() {
      for (const key of Object.keys(globals)) delete (globalThis as Record<string, unknown>)[key];
    },
  };
}
