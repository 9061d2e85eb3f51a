import { afterAll, beforeAll, expect, it } from "vitest";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

it("serves the console from our own origin under /app: sign-in for a visitor, strict CSP, hashed assets cached for good", async () => {
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const seen = watch(page, h.base);
  const res = await page.goto(`${h.base}/app/`);
  const csp = res?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  expect(res?.headers()["cache-control"]).toBe("no-cache");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  expect(page.url()).toBe(`${h.base}/app/sign-in`);
  expect(await page.getByLabel("Email").isVisible()).toBe(true);
  await shot(page, "sign-in");

  const html = await res!.text();
  const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const js = await fetch(h.base + asset);
  expect(js.status).toBe(200);
  expect(js.headers.get("cache-control")).toContain("immutable");
  expect(js.headers.get("content-type")).toContain("javascript");
  // A screen's address is the single-page app (deep links work); a missing asset is a 404.
  const deep = await fetch(`${h.base}/app/month-close`);
  expect(deep.status).toBe(200);
  expect(await deep.text()).toContain('<div id="root">');
  expect((await fetch(`${h.base}/app/assets/nope-123.js`)).status).toBe(404);
  expect((await fetch(`${h.base}/app/..%2f..%2fpackage.json`)).status).toBe(404);
  expect(seen.elsewhere).toEqual([]);
  expect(seen.errors).toEqual([]);
  await page.close();
});
