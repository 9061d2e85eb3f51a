/**
 * Cold start: every Lambda bundled as `sst deploy` bundles it (infra/bundle.ts: esbuild, ESM,
 * minified), and the time a fresh Node process takes to import the API's bundle (a Lambda's init
 * runs that import), against importing an empty module the same way. Bundle sizes are compared
 * with a bundle of nothing but the AWS SDK clients every function uses (DynamoDB with its document
 * client, S3, SQS), built with the same options: the floor any of these functions starts from.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";
import { allHandlers, buildOptions, bundleHandler } from "../../infra/bundle.ts";
import { buckets, queueList, table } from "../../infra/resources.ts";
import { runChild } from "../lib/child.ts";
import { fig, median, type Figure, type FigureModule } from "../lib/figure.ts";

/** `coldstart.bundle.api`, `coldstart.bundle.queue.claim-batch`, `coldstart.bundle.cron.poll`... */
function shortName(handler: string): string {
  const path = handler.slice(0, handler.lastIndexOf("."));
  const parts = path.split("/");
  const file = parts.at(-1)!;
  const dir = parts.at(-2)!;
  return dir === "api" ? "api" : `${dir}.${file}`;
}

/** What SST links into a deployed function, faked: the modules resolve their resources at import. */
function linkedEnv(): Record<string, string> {
  const env: Record<string, string> = {
    SST_RESOURCE_App: JSON.stringify({ name: "claimledger", stage: "bench" }),
    [`SST_RESOURCE_${table.resource}`]: JSON.stringify({ name: "bench-table" }),
    SST_RESOURCE_PlatformAdminKey: JSON.stringify({ value: "bench" }),
    AWS_REGION: "us-east-1",
    CLAIMLEDGER_CODESETS_DIR: resolve(import.meta.dirname, "../../packages/core/data"),
    CLAIMLEDGER_LOG: "silent",
    // As infra/functions.ts sets it for every deployed function.
    CLAIMLEDGER_TRUSTED_MODELS: "1",
  };
  for (const b of Object.values(buckets))
    env[`SST_RESOURCE_${b.resource}`] = JSON.stringify({ name: `bench-${b.resource.toLowerCase()}` });
  for (const q of queueList)
    env[`SST_RESOURCE_${q.resource}`] = JSON.stringify({
      url: `https://sqs.us-east-1.amazonaws.com/000000000000/bench-${q.resource}`,
    });
  return env;
}

export const figure: FigureModule = {
  title: "Cold start: bundle sizes and import time",
  order: 20,
  async run(ctx) {
    const out: Figure[] = [];
    const dir = resolve(ctx.tmp, "bundles");
    mkdirSync(dir, { recursive: true });

    const floorEntry = resolve(dir, "sdk-floor.ts");
    writeFileSync(
      floorEntry,
      [
        `import { DynamoDBClient } from "@aws-sdk/client-dynamodb";`,
        `import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";`,
        `import { S3Client, GetObjectCommand } from "@aws-sdk/client-s3";`,
        `import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";`,
        `export const handler = async () => [DynamoDBDocumentClient.from(new DynamoDBClient({})), GetCommand, new S3Client({}), GetObjectCommand, new SQSClient({}), SendMessageCommand];`,
      ].join("\n"),
    );
    const floorOut = resolve(dir, "sdk-floor", "bundle.mjs");
    // Resolved from the repository's node_modules, like the handlers.
    await build({
      ...buildOptions(floorEntry, floorOut),
      nodePaths: [resolve(import.meta.dirname, "../../node_modules")],
    });
    const floor = statSync(floorOut).size;

    let apiBundle = "";
    let apiBytes = 0;
    for (const handler of allHandlers) {
      const b = await bundleHandler(handler, dir);
      const name = shortName(handler);
      if (name === "api") {
        apiBundle = b.outfile;
        apiBytes = b.bytes;
      }
      ctx.log(`${handler}: ${(b.bytes / 1024).toFixed(0)} KiB`);
      out.push(
        fig(
          `coldstart.bundle.${name}`,
          b.bytes,
          "bytes",
          "a bundle of only the AWS SDK clients (DynamoDB + document client, S3, SQS), same options",
          floor,
          "lower",
        ),
      );
    }
    ctx.target({
      figure: "coldstart.bundle.api",
      target: "API bundle under 1 MB minified",
      met: apiBytes < 1_000_000,
      note: `${(apiBytes / 1e6).toFixed(2)} MB`,
    });

    // Import time in fresh processes, interleaved with the empty module so drift hits both alike.
    const empty = resolve(dir, "empty.mjs");
    writeFileSync(empty, "export {};\n");
    const child = resolve(import.meta.dirname, "../children/import-time.ts");
    const env = linkedEnv();
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const api: number[] = [];
    const base: number[] = [];
    try {
      for (let i = 0; i < (ctx.quick ? 3 : 9); i++) {
        base.push((await runChild<{ ms: number }>(child, [empty])).ms);
        api.push((await runChild<{ ms: number }>(child, [apiBundle])).ms);
      }
    } finally {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    }
    const apiMs = median(api);
    const baseMs = median(base);
    ctx.log(
      `import of the API bundle: median ${apiMs.toFixed(1)} ms of ${api.length} fresh processes; empty module ${baseMs.toFixed(2)} ms`,
    );
    out.push(fig("coldstart.api", apiMs, "ms", "importing an empty module in a fresh process", baseMs, "lower"));
    ctx.target({
      figure: "coldstart.api",
      target: "import well under 150 ms",
      met: apiMs < 100,
      note: `${apiMs.toFixed(1)} ms`,
    });
    return out;
  },
};
