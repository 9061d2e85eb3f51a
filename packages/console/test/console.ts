import { serve, type ServerType } from "@hono/node-server";
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { SCREENSHOTS, launchChromium } from "../../local/test/chromium.ts";

/**
 * The console's browser tests: the real Hono app (API + /app) served over HTTP in-process, the
 * emulators behind it (vitest global setup), Debian's Chromium driving it.
 */
export interface ConsoleHarness {
  base: string;
  browser: Browser;
  /** The app itself, for arranging data through the API in-process. */
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> };
  close(): Promise<void>;
}

export async function startConsole(): Promise<ConsoleHarness> {
  const { createApp } = await import("../../functions/src/api/app.ts");
  const app = createApp();
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  return {
    base,
    browser,
    app,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(() => r(undefined)));
    },
  };
}

/** Writes test-results/screenshots/console-<name>.png (to be looked at). */
export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}console-${name}.png`, fullPage: true });
}

/** Watches a page for requests to anywhere but our origin and for script errors. */
export function watch(page: Page, base: string) {
  const elsewhere: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => {
    const u = r.url();
    if (
      !u.startsWith(base) &&
      !u.startsWith("data:") &&
      !u.startsWith("blob:") &&
      !/^http:\/\/127\.0\.0\.1:\d+\//.test(u)
    )
      elsewhere.push(u);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 40[13]/.test(m.text())) errors.push(m.text());
  });
  return { elsewhere, errors };
}
