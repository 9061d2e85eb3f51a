/// <reference path="./.sst/platform/config.d.ts" />

/**
 * The SST app. `npx sst deploy --stage production` deploys it into the billing company's own AWS
 * account. Resources are declared in infra/ from the definitions in infra/resources.ts, the same
 * objects the local stack provisions from.
 */
export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "claimledger",
      home: "aws",
      removal: production ? "retain" : "remove",
      protect: production,
    };
  },
  async run() {
    const storage = await import("./infra/storage");
    await import("./infra/queues");
    await import("./infra/workers");
    await import("./infra/cron");
    const api = await import("./infra/api");
    return {
      api: api.api.url,
      table: storage.table.name,
      ediBucket: storage.ediBucket.name,
      documentBucket: storage.documentBucket.name,
    };
  },
});
