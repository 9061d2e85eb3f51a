import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "infra/**/*.test.ts"],
    // Starts DynamoDB Local and fauxqs once per run on free ports; tests isolate by tenant.
    globalSetup: ["packages/local/test/global-setup.ts"],
    setupFiles: ["packages/local/test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
