import { defineConfig } from "vitest/config";

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (`@claimledger/x12` exports its compiled
  // dist/ otherwise), so tests never need a build. Tests run in Vite's server (SSR) environment;
  // "node" and "development|production" are the conditions Vitest uses there by default, and the
  // test workers get the same list as Node's `--conditions`.
  ssr: { resolve: { conditions: ["@claimledger/source", "node", "development|production"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "infra/**/*.test.ts"],
    // Starts DynamoDB Local and fauxqs once per run on free ports; tests isolate by tenant.
    globalSetup: ["packages/local/test/global-setup.ts"],
    setupFiles: ["packages/local/test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
