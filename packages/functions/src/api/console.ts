import { Hono } from "hono";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { AppEnv } from "./env.ts";
import { problem } from "./problem.ts";

/**
 * `/app/*`: the web console (packages/console, a Vite build), served by the API itself so it is
 * same-origin with /v1 (session cookie, CSRF) and nothing is fetched from elsewhere. Hashed
 * assets are immutable; index.html is never cached, so a deploy is picked up on the next load.
 * Any other path under /app is a screen of the single-page app: index.html answers it.
 */
export const CONSOLE_DIR_ENV = "CLAIMLEDGER_CONSOLE_DIR";
const DEFAULT_DIR = resolve(import.meta.dirname, "../../../console/dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Our origin only, no inline script. The invoice and statement PDFs are shown in a frame from
 * their short-lived presigned S3 links, so frames may also come from the document bucket's host.
 */
export function consoleCsp(): string {
  const s3 = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  const docs = s3 ? new URL(s3).origin : "https://*.amazonaws.com";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `frame-src 'self' ${docs}`,
    `object-src 'self' ${docs}`,
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const dir = () => process.env[CONSOLE_DIR_ENV] || DEFAULT_DIR;
const cache = new Map<string, { body: Uint8Array; mtime: number }>();

function read(file: string): Uint8Array | undefined {
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  const mtime = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit && hit.mtime === mtime) return hit.body;
  const body = new Uint8Array(readFileSync(file));
  cache.set(file, { body, mtime });
  return body;
}

export const consoleApp = new Hono<AppEnv>();

consoleApp.get("/app", (c) => c.redirect("/app/", 301));
consoleApp.get("/app/*", (c) => {
  const root = resolve(dir());
  const rel = decodeURIComponent(c.req.path.slice("/app/".length));
  const headers = {
    "content-security-policy": consoleCsp(),
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };
  if (rel && !rel.endsWith("/") && extname(rel)) {
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep)) return problem(c, 404, "not-found", "Not found", `No console file ${rel}`);
    const body = read(file);
    if (!body) return problem(c, 404, "not-found", "Not found", `No console file ${rel}`);
    const immutable = rel.startsWith("assets/");
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      "content-type": TYPES[extname(rel)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
  }
  const index = read(join(root, "index.html"));
  if (!index)
    return problem(
      c,
      503,
      "console-not-built",
      "Console not built",
      "The web console has not been built: run `npm run build:console`",
    );
  return c.body(index as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    "content-type": TYPES[".html"]!,
    "cache-control": "no-cache",
  });
});
