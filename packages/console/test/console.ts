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
export function watch(page: Page, _base?: string) {
  const elsewhere: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => {
    const u = r.url();
    // Our origin, the local S3 emulator (presigned PDFs), and the browser's own PDF viewer.
    if (!/^(data:|blob:|chrome:|chrome-extension:|http:\/\/127\.0\.0\.1:\d+\/)/.test(u)) elsewhere.push(u);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 40[13]/.test(m.text())) errors.push(m.text());
  });
  return { elsewhere, errors };
}

/** Signs a browser context in with a session cookie the API handed out (as if the user had signed in there). */
export async function withSession(h: ConsoleHarness, cookie: string, viewport = { width: 1280, height: 900 }) {
  const context = await h.browser.newContext({ viewport });
  const [name, value] = cookie.split("=", 2) as [string, string];
  await context.addCookies([{ name, value, url: h.base, httpOnly: true, sameSite: "Strict" }]);
  return context;
}

/** Runs the invoice-run queue's Lambda handler over what is queued, as the worker does on the local stack. */
export async function drainInvoiceRuns() {
  const { handler } = await import("../../functions/src/queue/invoice-run.ts");
  await drainQueue("InvoiceRunQueue", handler);
}

/** Runs the statement-run queue's Lambda handler over what is queued (as the worker would). */
export async function drainStatementRuns() {
  const { handler } = await import("../../functions/src/queue/statement-run.ts");
  await drainQueue("StatementRunQueue", handler);
}

async function drainQueue(
  resource: string,
  handler: (e: never) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>,
) {
  const { ReceiveMessageCommand, DeleteMessageCommand } = await import("@aws-sdk/client-sqs");
  const { queueUrl, sqsClient } = await import("../../core/src/shared/aws.ts");
  const sqs = sqsClient();
  const QueueUrl = queueUrl(resource);
  for (let empty = 0; empty < 2;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    const messages = res.Messages ?? [];
    if (!messages.length) {
      empty++;
      continue;
    }
    for (const m of messages) {
      const out = await handler({
        Records: [{ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle! }],
      } as never);
      if (!out.batchItemFailures.length)
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
}

/** Waits until Chromium's PDF viewer has opened the document in a frame of the page (for the screenshot). */
export async function pdfShown(page: Page) {
  for (let i = 0; i < 50; i++) {
    const viewer = page.frames().find((f) => f.url().startsWith("chrome-extension://"));
    if (viewer) {
      await viewer.waitForLoadState("load").catch(() => undefined);
      await page.waitForTimeout(1500); // the viewer paints its pages after load
      return;
    }
    await page.waitForTimeout(200);
  }
}
