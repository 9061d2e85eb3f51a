/**
 * `console.bundle`: what a browser downloads before the console's first screen, the initial JS and
 * CSS that index.html names (entry script, stylesheets, module preloads; screens are chunks loaded
 * when opened), gzip-compressed, as bytes. The baseline is React's empty app built by the same Vite
 * with the console's own config; ratio baseline / value (below 1: the console's own weight). Budget
 * from the issue: under 250 KB.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { emptyApp } from "../fixtures/console-empty.ts";
import { fig, type FigureModule } from "../lib/figure.ts";

const repo = resolve(import.meta.dirname, "../..");
const BUDGET = 250 * 1024;

/** Gzip bytes of the JS and CSS an index.html loads up front (and how many files). */
export function initialBytes(dist: string): { bytes: number; files: string[] } {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => m[1]!);
  const bytes = files.reduce((t, f) => {
    const rel = f.replace(/^\/app\//, "").replace(/^\//, "");
    return t + gzipSync(readFileSync(join(dist, rel))).length;
  }, 0);
  return { bytes, files };
}

export const figure: FigureModule = {
  title: "Console bundle (initial JS + CSS, gzip)",
  order: 70,
  async run(ctx) {
    const { build } = await import("vite");
    const config = (await import("../../packages/console/vite.config.ts")).default as Record<string, any>;
    const builds = async (root: string, outDir: string) => {
      await build({ ...config, root, configFile: false, logLevel: "warn", build: { ...config.build, outDir } });
      return initialBytes(outDir);
    };

    const app = await builds(resolve(repo, "packages/console"), join(ctx.tmp, "console-dist"));
    ctx.log(`console: ${app.bytes} bytes gzip in ${app.files.join(", ")}`);

    const empty = join(ctx.tmp, "console-empty");
    for (const [name, text] of Object.entries(emptyApp)) {
      mkdirSync(dirname(join(empty, name)), { recursive: true });
      writeFileSync(join(empty, name), text);
    }
    symlinkSync(resolve(repo, "node_modules"), join(empty, "node_modules"), "dir");
    const base = await builds(empty, join(ctx.tmp, "console-empty-dist"));
    ctx.log(`empty React app: ${base.bytes} bytes gzip`);

    ctx.target({
      figure: "console.bundle",
      target: "initial JS+CSS under 250 KB gzip",
      met: app.bytes < BUDGET,
      note: `${(app.bytes / 1024).toFixed(1)} KB`,
    });
    return [fig("console.bundle", app.bytes, "bytes", "React's empty app, same Vite build", base.bytes, "lower")];
  },
};
