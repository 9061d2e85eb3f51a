import { build, type BuildOptions, type Metafile } from "esbuild";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { nodejs } from "./functions.ts";
import { api, crons, queueList } from "./resources.ts";

/**
 * Bundles a Lambda handler the way `sst deploy` does for the nodejs24.x runtime (SST 4.17,
 * pkg/runtime/node/build.go): one ESM file, platform node, target es2024, `module` before `main`,
 * names kept, and SST's createRequire banner so bundled CommonJS can still `require` Node's
 * modules. Everything is bundled, the AWS SDK v3 included: SST only leaves out what
 * `nodejs.install` lists (we list nothing), so each function runs the SDK versions the tests ran,
 * not whatever version the Lambda runtime ships, tree-shaken. Minify, externals and conditions
 * come from the `nodejs` settings infra/functions.ts deploys with. SST also writes a source map but
 * keeps it out of the zip, so none is written here.
 */
const repoRoot = resolve(import.meta.dirname, "..");

/** Every Lambda the app deploys, as SST takes a handler: `<repo-relative module>.<export>`. */
export const allHandlers: string[] = [
  api.handler,
  ...queueList.map((q) => q.handler),
  ...Object.values(crons).map((c) => c.handler),
];

/** SST's order of extensions when it looks for a handler's module. */
const extensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** The module file and export name a handler string names; throws when no module exists. */
export function handlerEntry(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  const base = resolve(repoRoot, handler.slice(0, dot));
  const file = extensions.map((ext) => base + ext).find((f) => existsSync(f));
  if (dot < 0 || !file) throw new Error(`Handler not found: ${handler}`);
  return { file, exportName: handler.slice(dot + 1) };
}

/** The esbuild options for one handler's module; infra/infra.test.ts reads an unminified copy. */
export function buildOptions(file: string, outfile: string): BuildOptions {
  return {
    entryPoints: [file],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "es2024",
    mainFields: ["module", "main"],
    keepNames: true,
    minify: nodejs.minify,
    external: nodejs.esbuild.external,
    conditions: nodejs.esbuild.conditions,
    metafile: true,
    logLevel: "silent",
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      ].join("\n"),
    },
  };
}

/**
 * Builds one handler into `<outdir>/<handler module path with dashes>/bundle.mjs` (SST's file name)
 * and returns esbuild's metafile too: which source modules ended up in the bundle.
 */
export async function buildHandler(
  handler: string,
  outdir: string,
): Promise<{ handler: string; outfile: string; bytes: number; metafile: Metafile }> {
  const { file } = handlerEntry(handler);
  const outfile = join(outdir, handler.slice(0, handler.lastIndexOf(".")).replaceAll("/", "-"), "bundle.mjs");
  const result = await build(buildOptions(file, outfile));
  return { handler, outfile, bytes: statSync(outfile).size, metafile: result.metafile! };
}

/** Bundles one handler as SST deploys it; `bytes` is the bundle's size on disk. */
export async function bundleHandler(
  handler: string,
  outdir: string,
): Promise<{ handler: string; outfile: string; bytes: number }> {
  const { outfile, bytes } = await buildHandler(handler, outdir);
  return { handler, outfile, bytes };
}
