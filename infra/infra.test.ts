import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type KeySchemaElement,
} from "@aws-sdk/client-dynamodb";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { build } from "esbuild";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { allHandlers, buildHandler, buildOptions, handlerEntry } from "./bundle.ts";
import { api as apiDef, buckets, crons, queueList, queues, table as tableDef } from "./resources.ts";
import type { StageConfig } from "./stages.ts";
import { installRecorder, recordOf } from "./test/sst-recorder.ts";

/**
 * sst.config.ts and infra/ evaluated against a recording stand-in for SST's globals (no AWS
 * account, no SST CLI), checked against the handlers' bundles and the local stack's emulators.
 */

/** The API's bundle (minified, one file) must stay under this; it is what a cold start loads. */
const API_BUNDLE_BUDGET_BYTES = 2.5 * 1024 * 1024;

/** Runs sst.config.ts for a stage: the app config, its outputs and every resource it declared. */
async function deploy(stage: string, config: StageConfig = {}) {
  vi.resetModules(); // infra/ runs afresh: its modules are imported inside run()
  const { stages } = await import("./stages.ts");
  stages[stage] = config;
  const recorder = installRecorder(stage);
  try {
    const sstConfig = (await import("../sst.config.ts")).default;
    const app = sstConfig.app({ stage });
    const outputs = await sstConfig.run();
    return { app, outputs, ...recorder };
  } finally {
    recorder.uninstall();
  }
}
type Deployed = Awaited<ReturnType<typeof deploy>>;

/** Every Lambda a deploy declares: queue consumers, API routes and cron jobs, with its arguments. */
function functionsOf(d: Deployed) {
  return [
    ...d
      .all("sst.aws.Queue")
      .flatMap((q) => q.calls.map((c) => ({ via: `queue ${q.name}`, args: c.args[0], subscription: c.args[1] }))),
    ...d
      .all("sst.aws.ApiGatewayV2")
      .flatMap((a) => a.calls.map((c) => ({ via: `api ${c.args[0]}`, args: c.args[1], subscription: undefined }))),
    ...d.all("sst.aws.Cron").map((c) => ({ via: `cron ${c.name}`, args: c.args.function, subscription: undefined })),
  ];
}

function seconds(duration: string): number {
  const m = /^(\d+) (second|minute|hour)s?$/.exec(duration);
  if (!m) throw new Error(`not a duration: ${duration}`);
  return Number(m[1]) * { second: 1, minute: 60, hour: 3600 }[m[2] as "second" | "minute" | "hour"];
}

function one(d: Deployed, type: string, name: string) {
  const found = d.all(type).filter((r) => r.name === name);
  expect(found, `${type} ${name}`).toHaveLength(1);
  return found[0]!;
}

interface BundleFacts {
  bytes: number;
  exports: string[];
  /** Linkable resource names the bundled first-party code names as string literals. */
  reads: Set<string>;
  readsSecrets: boolean;
  readsCodeSets: boolean;
  /** First-party modules that import SST's `Resource` themselves. */
  resourceImporters: string[];
  /** Every module esbuild read to build the bundle (its metafile's inputs). */
  inputs: string[];
}

/**
 * What a handler's bundle does, from esbuild: the minified bundle (as deployed) for its size and
 * exports, and an unminified copy, whose `// <path>` markers tell which module each piece of
 * tree-shaken code came from, for the resource names our own code (packages/, not the
 * definitions in infra/resources.ts) passes to linked(), tableName(), bucketName(), queueUrl()
 * and presign().
 */
async function analyse(handler: string, outdir: string, linkables: string[]): Promise<BundleFacts> {
  const built = await buildHandler(handler, outdir);
  const output = Object.values(built.metafile.outputs).find((o) => o.entryPoint)!;
  const { outputFiles } = await build({
    ...buildOptions(handlerEntry(handler).file, join(outdir, "unminified.mjs")),
    minify: false,
    write: false,
  });
  const parts = outputFiles![0]!.text.split(/^\/\/ (\S+\.[cm]?[jt]sx?)$/m);
  const ours: { path: string; code: string }[] = [];
  for (let i = 1; i < parts.length; i += 2)
    if (parts[i]!.startsWith("packages/")) ours.push({ path: parts[i]!, code: parts[i + 1]! });
  return {
    bytes: built.bytes,
    exports: output.exports,
    reads: new Set(linkables.filter((name) => ours.some((m) => new RegExp(`["'\`]${name}["'\`]`).test(m.code)))),
    readsSecrets: ours.some((m) => m.code.includes("GetSecretValueCommand")),
    readsCodeSets: ours.some((m) => m.path.endsWith("/codes/codeset-dir.ts")),
    resourceImporters: Object.entries(built.metafile.inputs)
      .filter(
        ([path, input]) =>
          path.startsWith("packages/") && input.imports.some((imp) => imp.path.startsWith("node_modules/sst/")),
      )
      .map(([path]) => path),
    inputs: Object.keys(built.metafile.inputs),
  };
}

const outdir = mkdtempSync(join(tmpdir(), "claimledger-bundles-"));
let prod: Deployed;
const bundles = new Map<string, BundleFacts>();

beforeAll(async () => {
  prod = await deploy("production");
  const linkables = prod.resources
    .filter((r) => ["sst.aws.Dynamo", "sst.aws.Bucket", "sst.aws.Queue", "sst.Secret"].includes(r.type))
    .map((r) => r.name);
  for (const h of allHandlers) bundles.set(h, await analyse(h, outdir, linkables));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("functions", () => {
  it("deploys every handler, each found, bundled and exporting its handler", () => {
    const deployed = functionsOf(prod).map((f) => f.args.handler as string);
    expect(deployed.sort()).toEqual([...allHandlers].sort());
    for (const h of allHandlers) expect(bundles.get(h)!.exports, h).toContain(handlerEntry(h).exportName);
  });

  it("gives each function the runtime, memory and timeout its definition names, minified", () => {
    const defs = [
      { ...apiDef },
      ...queueList.map((q) => ({ handler: q.handler, memoryMb: q.memoryMb, timeoutSeconds: q.consumerTimeoutSeconds })),
      ...Object.values(crons),
    ];
    for (const { via, args } of functionsOf(prod)) {
      const def = defs.find((d) => d.handler === args.handler)!;
      expect(args.runtime, via).toBe("nodejs24.x");
      expect(args.memory, via).toBe(`${def.memoryMb} MB`);
      expect(seconds(args.timeout), via).toBe(def.timeoutSeconds);
      expect(args.nodejs.minify, via).toBe(true);
    }
  });

  it("links each function to exactly the resources its bundled code reads", () => {
    for (const { via, args } of functionsOf(prod)) {
      const facts = bundles.get(args.handler)!;
      // Code reaches linked resources only through packages/core/src/shared/aws.ts, which the scan reads.
      expect(facts.resourceImporters, via).toEqual(["packages/core/src/shared/aws.ts"]);
      const linked = (args.link as unknown[]).map((l) => recordOf(l)!.name);
      expect(linked.sort(), via).toEqual([...facts.reads].sort());
    }
    // The API's bundle is the widest reader; its reads must have been found at all.
    expect(bundles.get(apiDef.handler)!.reads).toEqual(
      new Set([
        "Table",
        "EdiBucket",
        "DocumentBucket",
        "PlatformAdminKey",
        ...queueList.map((q) => q.resource).filter((r) => r !== queues.remittanceChunks.resource),
      ]),
    );
  });

  it("lets only the functions that open an SFTP connection read this stage's clearinghouse secrets", () => {
    for (const { via, args } of functionsOf(prod)) {
      const grants = (args.permissions as { actions: string[]; resources: unknown[] }[]).filter((p) =>
        p.actions.includes("secretsmanager:GetSecretValue"),
      );
      expect(grants.length > 0, via).toBe(bundles.get(args.handler)!.readsSecrets);
      for (const g of grants)
        expect(g.resources.map(String), via).toEqual([
          "arn:aws:secretsmanager:{{aws.region}}:{{aws.accountId}}:secret:claimledger/production/*",
        ]);
    }
    expect(functionsOf(prod).some((f) => bundles.get(f.args.handler)!.readsSecrets)).toBe(true);
  });

  it("lets every function use the data key, and none bypass the EDI bucket's lock", () => {
    for (const { via, args } of functionsOf(prod)) {
      const permissions = args.permissions as { effect?: string; actions: string[]; resources: unknown[] }[];
      const keyUse = permissions.find((p) => p.actions.includes("kms:GenerateDataKey*"));
      expect(keyUse?.resources.map(String), via).toEqual(["{{DataKey.arn}}"]);
      const guard = permissions.find((p) => p.effect === "deny");
      expect(guard?.actions, via).toContain("s3:BypassGovernanceRetention");
      expect(guard?.resources.map(String), via).toEqual(["{{EdiBucket.arn}}", "{{EdiBucket.arn}}/*"]);
    }
  });

  it("ships the code-set data with every function whose bundle reads it, and points the loader at it", () => {
    const readers = functionsOf(prod).filter((f) => bundles.get(f.args.handler)!.readsCodeSets);
    expect(readers.map((f) => f.args.handler)).toContain(apiDef.handler);
    for (const { via, args } of readers) {
      const copy = (args.copyFiles as { from: string; to: string }[]).find((c) => c.from === "packages/core/data");
      expect(copy, via).toBeDefined();
      expect(args.environment.CLAIMLEDGER_CODESETS_DIR, via).toBe(`/var/task/${copy!.to}`);
    }
    expect(readdirSync("packages/core/data")).toEqual(expect.arrayContaining(["carc.json", "rarc.json", "icd10cm"]));
    expect(readdirSync("packages/core/data/icd10cm").some((f) => /^icd10cm-billable-fy\d{4}\.txt\.gz$/.test(f))).toBe(
      true,
    );
  });

  it("ships the API reference's Swagger UI files beside the API function and points /docs at them", () => {
    const apiFn = functionsOf(prod).find((f) => f.args.handler === apiDef.handler)!;
    const copies = (apiFn.args.copyFiles as { from: string; to: string }[]).filter((c) => c.to.startsWith("docs/"));
    expect(copies.map((c) => c.to).sort()).toEqual(["docs/swagger-ui-bundle.js", "docs/swagger-ui.css"]);
    for (const c of copies) expect(existsSync(c.from), c.from).toBe(true);
    expect(apiFn.args.environment.CLAIMLEDGER_DOCS_ASSETS_DIR).toBe("/var/task/docs");
  });

  it("ships the console's build beside the API function and points /app at it", () => {
    const apiFn = functionsOf(prod).find((f) => f.args.handler === apiDef.handler)!;
    const copy = (apiFn.args.copyFiles as { from: string; to: string }[]).find((c) => c.to === "console");
    expect(copy?.from).toBe("packages/console/dist");
    expect(existsSync(`${copy!.from}/index.html`)).toBe(true);
    expect(apiFn.args.environment.CLAIMLEDGER_CONSOLE_DIR).toBe("/var/task/console");
  });

  it("keeps SFTP out of the API's bundle: only the workers that talk to a clearinghouse carry ssh2", () => {
    const sftp = (h: string) =>
      bundles
        .get(h)!
        .inputs.filter((i) => /(^|\/)node_modules\/ssh2(-sftp-client)?\/|packages\/core\/src\/sftp\//.test(i));
    expect(sftp(apiDef.handler)).toEqual([]);
    const carriers = allHandlers.filter((h) => sftp(h).length > 0);
    expect(carriers.sort()).toEqual(
      [
        queues.claimBatches.handler,
        queues.clearinghousePolls.handler,
        queues.eligibilityChecks.handler,
        queues.statusInquiries.handler,
      ].sort(),
    );
    for (const h of carriers) expect(sftp(h), h).toContain("node_modules/ssh2/lib/client.js");
  });

  it(`keeps the API's bundle under ${API_BUNDLE_BUDGET_BYTES / 1024 / 1024} MB`, () => {
    expect(bundles.get(apiDef.handler)!.bytes).toBeLessThan(API_BUNDLE_BUDGET_BYTES);
  });
});

describe("queues", () => {
  it("gives every queue a dead-letter queue, an alarm on it, and one consumer with partial batch responses", () => {
    const all = prod.all("sst.aws.Queue");
    const work = all.filter((q) => q.args.dlq);
    expect(work.map((q) => q.name).sort()).toEqual(queueList.map((q) => q.resource).sort());
    const topic = one(prod, "aws.sns.Topic", "Alarms");
    for (const q of work) {
      const def = queueList.find((d) => d.resource === q.name)!;
      const dlqName = /^\{\{(\w+)\.arn\}\}$/.exec(String(q.args.dlq.queue))?.[1];
      const dlq = all.find((d) => d.name === dlqName);
      expect(dlq, q.name).toBeDefined();
      expect(dlq!.args.dlq, dlq!.name).toBeUndefined();
      expect(dlq!.calls, `${dlq!.name} has no consumer: failed messages wait there`).toEqual([]);
      expect(q.args.dlq.retry, q.name).toBe(def.maxReceiveCount);

      expect(q.calls, q.name).toHaveLength(1);
      const [subscriber, subscription] = q.calls[0]!.args;
      expect(subscriber.handler, q.name).toBe(def.handler);
      expect(subscription.batch, q.name).toEqual({ size: def.batchSize, partialResponses: true });
      expect(subscription.transform.eventSourceMapping.scalingConfig.maximumConcurrency, q.name).toBeGreaterThanOrEqual(
        2,
      );

      const alarms = prod
        .all("aws.cloudwatch.MetricAlarm")
        .filter((a) => String(a.args.dimensions.QueueName) === `{{${dlqName}.nodes.queue.name}}`);
      expect(alarms, `alarm on ${dlqName}`).toHaveLength(1);
      expect(alarms[0]!.args).toMatchObject({
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
      });
      expect(alarms[0]!.args.alarmActions.map(String)).toEqual([`{{${topic.name}.arn}}`]);
    }
    expect(all.filter((q) => !q.args.dlq)).toHaveLength(work.length); // nothing but the DLQs
  });

  it("keeps every visibility timeout at least six times its consumer's timeout", () => {
    for (const q of prod.all("sst.aws.Queue").filter((x) => x.args.dlq)) {
      const consumerTimeout = seconds(q.calls[0]!.args[0].timeout);
      expect(seconds(q.args.visibilityTimeout), q.name).toBeGreaterThanOrEqual(6 * consumerTimeout);
    }
  });

  it("emails the alarms only where the stage config names an address", async () => {
    expect(prod.all("aws.sns.TopicSubscription")).toEqual([]);
    const withEmail = await deploy("production", { alarmEmail: "ops@billing.example" });
    const [sub] = withEmail.all("aws.sns.TopicSubscription");
    expect(sub?.args).toMatchObject({ protocol: "email", endpoint: "ops@billing.example" });
    expect(String(sub?.args.topic)).toBe("{{Alarms.arn}}");
  });

  it("sends invitation mail through SES only where the stage names a sender, and links mails to the console", async () => {
    const route = (d: Deployed) => one(d, "sst.aws.ApiGatewayV2", "Api").calls[0]!.args[1];
    expect(prod.all("sst.aws.Email")).toEqual([]);
    expect(route(prod).environment.CLAIMLEDGER_MAIL_FROM).toBeUndefined();
    expect(String(route(prod).environment.CLAIMLEDGER_CONSOLE_URL)).toBe("{{Api.url}}/app");
    const withMail = await deploy("production", { mailSender: "billing.example", domain: "api.billing.example" });
    expect(one(withMail, "sst.aws.Email", "Mail").args).toEqual({ sender: "billing.example" });
    const env = route(withMail).environment;
    expect(env).toMatchObject({
      CLAIMLEDGER_MAIL_FROM: "ClaimLedger <no-reply@billing.example>",
      CLAIMLEDGER_CONSOLE_URL: "https://api.billing.example/app",
    });
    expect(route(withMail).permissions).toContainEqual({ actions: ["ses:SendEmail"], resources: ["*"] });
  });
});

describe("storage", () => {
  it("encrypts the table with the customer-managed key, with point-in-time recovery and TTL", () => {
    const key = one(prod, "aws.kms.Key", "DataKey");
    expect(key.args.enableKeyRotation).toBe(true);
    const table = one(prod, "sst.aws.Dynamo", tableDef.resource);
    expect(table.args.transform.table.pointInTimeRecovery).toEqual({ enabled: true });
    expect(table.args.transform.table.serverSideEncryption.enabled).toBe(true);
    expect(String(table.args.transform.table.serverSideEncryption.kmsKeyArn)).toBe("{{DataKey.arn}}");
    expect(table.args.ttl).toBe(tableDef.ttlAttribute);
  });

  it("blocks public access to every bucket, requires TLS, versions, encrypts with the key and moves to infrequent access", () => {
    const declared = prod.all("sst.aws.Bucket");
    expect(declared.map((b) => b.name).sort()).toEqual(
      Object.values(buckets)
        .map((b) => b.resource)
        .sort(),
    );
    for (const b of declared) {
      expect(b.args.access, b.name).toBeUndefined();
      expect(b.args.public, b.name).toBeUndefined();
      expect(b.args.transform.publicAccessBlock, b.name).toEqual({
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      expect(b.args.enforceHttps, b.name).toBe(true);
      expect(b.args.versioning, b.name).toBe(true);
      const onBucket = (type: string) => prod.all(type).filter((r) => String(r.args.bucket) === `{{${b.name}.name}}`);
      const [sse] = onBucket("aws.s3.BucketServerSideEncryptionConfiguration");
      expect(sse?.args.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, b.name).toBe("aws:kms");
      expect(String(sse?.args.rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId), b.name).toBe(
        "{{DataKey.arn}}",
      );
      const [lifecycle] = onBucket("aws.s3.BucketLifecycleConfiguration");
      expect(lifecycle?.args.rules[0].transitions, b.name).toEqual([
        { days: expect.any(Number), storageClass: "STANDARD_IA" },
      ]);
    }
  });

  it("locks raw EDI (claims out, remittances in) for seven years in governance mode, and nothing else", () => {
    for (const def of Object.values(buckets)) {
      const b = one(prod, "sst.aws.Bucket", def.resource);
      const locks = prod
        .all("aws.s3.BucketObjectLockConfiguration")
        .filter((r) => String(r.args.bucket) === `{{${def.resource}.name}}`);
      if (def.resource === buckets.edi.resource) {
        expect(b.args.transform.bucket.objectLockEnabled).toBe(true);
        expect(locks).toHaveLength(1);
        expect(locks[0]!.args.rule.defaultRetention.mode).toBe("GOVERNANCE");
        expect(locks[0]!.args.rule.defaultRetention.days).toBeGreaterThanOrEqual(7 * 365);
      } else {
        expect(locks, def.resource).toEqual([]);
      }
    }
  });

  it("keeps production's data on `sst remove` and lets other stages go", async () => {
    const dev = await deploy("dev");
    const table = (d: Deployed) => one(d, "sst.aws.Dynamo", tableDef.resource).args;
    const forceDestroy = (d: Deployed) => d.all("sst.aws.Bucket").map((b) => b.args.transform.bucket.forceDestroy);
    expect(prod.app).toMatchObject({ removal: "retain", protect: true });
    expect(table(prod).deletionProtection).toBe(true);
    expect(forceDestroy(prod)).toEqual([false, false]);
    expect(dev.app).toMatchObject({ removal: "remove", protect: false });
    expect(table(dev).deletionProtection).toBe(false);
    expect(forceDestroy(dev)).toEqual([true, true]);
    // SST retains tables and buckets on "retain", not keys: the retained data needs its key.
    expect(one(prod, "aws.kms.Key", "DataKey").opts.retainOnDelete).toBe(true);
    expect(one(dev, "aws.kms.Key", "DataKey").opts.retainOnDelete).toBe(false);
  });

  it("declares the table the local stack creates: same keys, indexes, projections and TTL attribute", async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB!;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ddb = new DynamoDBClient({ endpoint });
    const TableName = JSON.parse(process.env[`SST_RESOURCE_${tableDef.resource}`]!).name as string;
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName }));
    const { TimeToLiveDescription } = await ddb.send(new DescribeTimeToLiveCommand({ TableName }));
    ddb.destroy();
    const keyOf = (schema: KeySchemaElement[] | undefined, type: "HASH" | "RANGE") =>
      schema?.find((k) => k.KeyType === type)?.AttributeName;

    const declared = one(prod, "sst.aws.Dynamo", tableDef.resource).args;
    expect(declared.primaryIndex).toEqual({
      hashKey: keyOf(Table?.KeySchema, "HASH"),
      rangeKey: keyOf(Table?.KeySchema, "RANGE"),
    });
    expect(declared.globalIndexes).toEqual(
      Object.fromEntries(
        (Table?.GlobalSecondaryIndexes ?? []).map((i) => [
          i.IndexName,
          {
            hashKey: keyOf(i.KeySchema, "HASH"),
            rangeKey: keyOf(i.KeySchema, "RANGE"),
            projection:
              i.Projection?.ProjectionType === "KEYS_ONLY" ? "keys-only" : i.Projection?.ProjectionType?.toLowerCase(),
          },
        ]),
      ),
    );
    expect(declared.fields).toEqual(
      Object.fromEntries(
        (Table?.AttributeDefinitions ?? []).map((a) => [
          a.AttributeName,
          { S: "string", N: "number", B: "binary" }[a.AttributeType!],
        ]),
      ),
    );
    expect(declared.ttl).toBe(TimeToLiveDescription?.AttributeName);
  });

  it("declares the queues the local stack creates: same visibility timeouts and receive counts", async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_SQS!;
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const sqs = new SQSClient({ endpoint, useQueueUrlAsEndpoint: false });
    for (const q of prod.all("sst.aws.Queue").filter((x) => x.args.dlq)) {
      const QueueUrl = JSON.parse(process.env[`SST_RESOURCE_${q.name}`]!).url as string;
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["VisibilityTimeout", "RedrivePolicy"] }),
      );
      expect(seconds(q.args.visibilityTimeout), q.name).toBe(Number(Attributes?.VisibilityTimeout));
      expect(q.args.dlq.retry, q.name).toBe(JSON.parse(Attributes?.RedrivePolicy ?? "{}").maxReceiveCount);
    }
    sqs.destroy();
  });

  it("links only names the local stack also provides, so code reads Resource.<name> the same in both", () => {
    for (const { via, args } of functionsOf(prod)) {
      for (const l of args.link as unknown[])
        expect(process.env[`SST_RESOURCE_${recordOf(l)!.name}`], `${via}: ${recordOf(l)!.name}`).toBeDefined();
    }
  });
});

describe("api and cron", () => {
  it("puts the Hono Lambda behind an HTTP API with access logs and throttling, on the stage's domain when it names one", async () => {
    const api = one(prod, "sst.aws.ApiGatewayV2", "Api");
    expect(api.args.domain).toBeUndefined();
    expect(api.args.accessLog.retention).toBeDefined();
    expect(api.args.transform.stage.defaultRouteSettings).toEqual({
      throttlingRateLimit: apiDef.throttle.ratePerSecond,
      throttlingBurstLimit: apiDef.throttle.burst,
    });
    expect(api.calls.map((c) => [c.method, c.args[0], c.args[1].handler])).toEqual([
      ["route", "$default", apiDef.handler],
    ]);

    const withDomain = await deploy("production", { domain: "api.billing.example" });
    expect(one(withDomain, "sst.aws.ApiGatewayV2", "Api").args.domain).toBe("api.billing.example");
  });

  it("schedules every job in infra/resources.ts, each timing out before its next run", () => {
    for (const def of Object.values(crons)) {
      const cron = one(prod, "sst.aws.Cron", def.resource);
      expect(cron.args.schedule).toBe(def.schedule);
      expect(cron.args.function.handler).toBe(def.handler);
      const rate = /^rate\((\d+ \w+)\)$/.exec(def.schedule)?.[1];
      if (rate) expect(seconds(cron.args.function.timeout), def.resource).toBeLessThanOrEqual(seconds(rate));
    }
  });

  it("outputs the API URL, the table and the buckets", () => {
    expect(Object.fromEntries(Object.entries(prod.outputs).map(([k, v]) => [k, String(v)]))).toEqual({
      api: "{{Api.url}}",
      table: `{{${tableDef.resource}.name}}`,
      ediBucket: `{{${buckets.edi.resource}.name}}`,
      documentBucket: `{{${buckets.documents.resource}.name}}`,
    });
  });
});
