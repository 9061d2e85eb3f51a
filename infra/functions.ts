import type { FunctionDef } from "./resources.ts";

/**
 * How every Lambda is built and configured. Plain data and a pure function (no SST globals at
 * run time), so infra/bundle.ts bundles with exactly these settings.
 */

/**
 * Bundling: SST only minifies when asked. ssh2's optional native addons are left out, so ssh2
 * runs its pure-JS crypto in Lambda as it does in CI (`allowScripts` keeps them unbuilt there);
 * bundled, a locally built `.node` file would stop the build. The `@claimledger/source` condition
 * bundles workspace packages from their TypeScript sources (`@claimledger/x12` exports its
 * compiled dist/ otherwise, which a deploy does not build); `module` is esbuild's default
 * condition, kept because setting any condition drops it. SST 4.17 passes `conditions` through
 * to esbuild (pkg/runtime/node/build.go).
 */
export const nodejs = {
  minify: true,
  esbuild: { external: ["cpu-features", "*.node"], conditions: ["@claimledger/source", "module"] },
};

/** The code-set data (ICD-10-CM, CARC, RARC) ships beside each bundle; Lambda unpacks it here. */
const codeSets = { from: "packages/core/data", to: "codesets" };
export const codeSetsEnv = { CLAIMLEDGER_CODESETS_DIR: `/var/task/${codeSets.to}` };

/** The API reference's static files (swagger-ui-dist), copied beside the API function's bundle. */
export const docsAssets = {
  files: ["swagger-ui.css", "swagger-ui-bundle.js"].map((f) => ({
    from: `node_modules/swagger-ui-dist/${f}`,
    to: `docs/${f}`,
  })),
  environment: { CLAIMLEDGER_DOCS_ASSETS_DIR: "/var/task/docs" },
};

/** The web console's build (packages/console/dist, built by sst.config.ts), copied beside the API function's bundle for /app. */
export const consoleAssets = {
  files: [{ from: "packages/console/dist", to: "console" }],
  environment: { CLAIMLEDGER_CONSOLE_DIR: "/var/task/console" },
};

/** A function's arguments: its definition from infra/resources.ts and what it may reach. */
export function lambda(
  def: FunctionDef,
  access: { link: sst.Linkable[]; permissions: sst.Permission[] },
): sst.FunctionArgs {
  return {
    handler: def.handler,
    runtime: "nodejs24.x",
    architecture: "arm64",
    timeout: `${def.timeoutSeconds} seconds`,
    memory: `${def.memoryMb} MB`,
    nodejs,
    copyFiles: [codeSets],
    // A company's clearinghouse secret is read under its own prefix (see secretId in core).
    // Entity models are constants checked by every test run; see shared/db.ts.
    environment: {
      ...codeSetsEnv,
      CLAIMLEDGER_SECRET_PREFIX: `claimledger/${$app.stage}/`,
      CLAIMLEDGER_TRUSTED_MODELS: "1",
    },
    link: access.link,
    permissions: access.permissions,
  };
}
