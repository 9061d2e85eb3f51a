/**
 * The SST app. `npx sst deploy --stage production` deploys it into the billing company's own AWS
 * account (README, "Deploy"). Resources are declared in infra/ from infra/resources.ts, the same
 * definitions the local stack provisions from. SST's globals are typed by infra/globals.d.ts.
 */
export default $config({
  app(input) {
    // Production keeps its data: nothing is deleted on `sst remove`, which refuses to run anyway.
    const production = input.stage === "production";
    return {
      name: "claimledger",
      home: "aws",
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    // The API function ships the console's build (/app); build it when missing or stale.
    const { ensureConsoleBuilt } = await import("./packages/console/scripts/build.ts");
    ensureConsoleBuilt({ quiet: true });
    const storage = await import("./infra/storage.ts");
    await import("./infra/queues.ts");
    await import("./infra/workers.ts");
    await import("./infra/cron.ts");
    const { api } = await import("./infra/api.ts");
    return {
      api: api.url,
      table: storage.table.name,
      ediBucket: storage.ediBucket.name,
      documentBucket: storage.documentBucket.name,
    };
  },
});
