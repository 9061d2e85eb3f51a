import { serve, type ServerType } from "@hono/node-server";
import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { app } from "../http.ts";
import { SCREENSHOTS, launchChromium } from "../../../local/test/chromium.ts";

let server: ServerType;
let base: string;
let browser: Browser;

beforeAll(async () => {
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

it("serves the API reference from our own origin: every operation listed, expandable, nothing fetched from elsewhere", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const elsewhere: string[] = [];
  const failed: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) elsewhere.push(r.url());
  });
  page.on("requestfailed", (r) => failed.push(r.url()));
  page.on("pageerror", (e) => failed.push(e.message));
  const res = await page.goto(`${base}/docs`);
  expect(res?.headers()["content-security-policy"]).toContain("default-src 'none'");
  await page.getByText("ClaimLedger API").first().waitFor();
  // The claims operations, grouped by tag, with their summaries.
  await page.locator(".opblock-tag", { hasText: "Claims" }).first().click();
  const listClaims = page.locator(".opblock-summary", { hasText: "/v1/claims" }).first();
  await listClaims.waitFor();
  await listClaims.click();
  await page.locator(".opblock-body").first().waitFor();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}docs.png`, fullPage: false });
  await page
    .locator(".opblock.is-open")
    .first()
    .screenshot({ path: `${SCREENSHOTS}docs-operation.png` });
  // Every tag of the document is a section; the claims section lists its operations.
  const tags = await page.locator(".opblock-tag").allInnerTexts();
  expect(tags.map((t) => t.split("\n")[0])).toEqual(
    expect.arrayContaining(["Claims", "Claim batches", "Practices", "Patients", "API keys"]),
  );
  expect(await page.locator(".opblock").count()).toBeGreaterThanOrEqual(5);
  expect(elsewhere).toEqual([]);
  expect(failed).toEqual([]);
  await page.close();
  // Swagger UI lays out ~130 operations: on two loaded cores that alone can pass 30 s.
}, 90_000);

it("shows every operation as text without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/docs`);
  expect(await page.locator("noscript").count()).toBe(1);
  const text = await page.content();
  expect(text).toContain("/v1/practices/{practiceId}/patients");
  await context.close();
});
