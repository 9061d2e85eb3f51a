import { afterAll, beforeAll, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { call } from "../../functions/test/http.ts";
import { PRIMARY, era, upload, visit, world, type World } from "../../functions/test/era.ts";
import { PASSWORD, invitedUser, uniqueEmail } from "../../functions/test/users.ts";
import { drainInvoiceRuns, pdfShown, shot, startConsole, watch, withSession, type ConsoleHarness } from "./console.ts";

/**
 * An owner's month in the console: Home with the day's work and the figures, month close with the
 * invoice PDF in the page, the reports, settings and two-factor enrolment. The company has claims
 * from last month: one paid, one denied, one still open, so every figure has something to show.
 */
let h: ConsoleHarness;
let w: World;
let owner: BrowserContext;
const ownerEmail = uniqueEmail("owner");
const now = new Date();
const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const period = last.toISOString().slice(0, 7);
const day = (d: number) => `${period}-${String(d).padStart(2, "0")}`;

beforeAll(async () => {
  h = await startConsole();
  w = await world(1);
  const paid = await visit(w, day(3));
  const denied = await visit(w, day(5));
  await visit(w, day(7)); // open A/R
  await upload(
    w,
    await era(w, 0, 7001, day(20), [
      { claimId: paid, status: "1", lines: PRIMARY },
      {
        claimId: denied,
        status: "4",
        lines: [
          { paid: 0, cas: [["CO", "50", 18500]] },
          { paid: 0, cas: [["CO", "50", 7500]] },
        ],
      },
    ]),
  );
  const session = await invitedUser(w.key, ownerEmail, "owner");
  owner = await withSession(h, session.cookie);
});
afterAll(async () => {
  await owner?.close();
  await h?.close();
});

it("shows an owner Home: the work queues with counts and the KPIs with their charts", async () => {
  const page = await owner.newPage();
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/`);
  await page.getByRole("heading", { name: /^Home/ }).waitFor();
  const denials = page.locator('[data-queue="denials"] .card-value');
  await denials.waitFor();
  expect(await denials.innerText()).toBe("1");
  const ar = page.locator('[data-kpi="A/R over 90 days"] .card-value');
  await ar.waitFor();
  expect(await page.locator('[data-kpi="Denial rate"] .card-value').innerText()).toMatch(/^\d+\.\d%$/);
  expect(await page.locator('[data-kpi="Net collection rate"] .card-value').innerText()).toMatch(/^\d+\.\d%$/);
  await page.getByRole("img", { name: /Open A\/R by age/ }).waitFor();
  await page.getByRole("img", { name: /By month of posting/ }).waitFor();
  // The signed-in person and the owner's navigation.
  expect(await page.locator(".who-name").innerText()).toBe("Test owner");
  for (const nav of ["Home", "Month close", "Reports", "Settings", "Your account"])
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: nav }).count()).toBe(1);
  await shot(page, "home");
  await page.setViewportSize({ width: 768, height: 1000 });
  await shot(page, "home-tablet");
  expect(seen.elsewhere).toEqual([]);
  expect(seen.errors).toEqual([]);
  await page.close();
});

it("closes the month: runs it, opens the draft with its PDF in the page, finalizes it", async () => {
  const page = await owner.newPage();
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/month-close?period=${period}`);
  await page.getByRole("heading", { name: "Month close" }).waitFor();
  await page.getByText(/No invoices for/).waitFor();
  await page.getByRole("button", { name: /^Run / }).click();
  await page
    .getByText(/Running|finished/)
    .first()
    .waitFor();
  await drainInvoiceRuns();
  const row = page.getByRole("row", { name: /Lakeside Family Medicine/ });
  await row.waitFor();
  expect(await row.innerText()).toContain("draft");
  await row.click();
  const frame = page.locator("iframe.pdf-frame");
  await frame.waitFor();
  const pdfUrl = (await frame.getAttribute("src"))!.split("#")[0]!;
  const pdf = await fetch(pdfUrl);
  expect(pdf.headers.get("content-type")).toBe("application/pdf");
  expect(
    Buffer.from(await pdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe("%PDF-");
  await page.getByText("Collected in").waitFor();
  await pdfShown(page);
  await shot(page, "month-close-draft");
  await page.getByRole("button", { name: "Finalize" }).click();
  await page.getByRole("button", { name: "Mark sent" }).waitFor({ timeout: 20_000 });
  expect(await page.locator(".invoice .badge").first().innerText()).toBe("finalized");
  expect(await page.getByRole("row", { name: /Lakeside Family Medicine/ }).innerText()).toMatch(/INV|finalized/);
  await shot(page, "month-close");
  expect(seen.elsewhere).toEqual([]);
  expect(seen.errors).toEqual([]);
  await page.close();
});

it("shows the reports as tables and charts, with a CSV download", async () => {
  const page = await owner.newPage();
  await page.goto(`${h.base}/app/reports?tab=aging`);
  await page.getByRole("table", { name: "A/R aging by practice" }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ar-aging-.*\.csv$/);
  await shot(page, "reports-aging");
  await page.getByRole("tab", { name: "Collections" }).click();
  await page.getByRole("table", { name: "Collections by practice and month" }).waitFor();
  await shot(page, "reports-collections");
  await page.getByRole("tab", { name: "Claims KPIs" }).click();
  await page.getByRole("table", { name: "Claim KPIs by practice" }).waitFor();
  await shot(page, "reports-claims");
  await page.close();
});

it("refuses a change sent with the session cookie but without the CSRF token; the console's own request passes", async () => {
  const page = await owner.newPage();
  await page.goto(`${h.base}/app/settings/api-keys`);
  await page.getByRole("heading", { name: "Settings: API keys" }).waitFor();
  const refused = await page.request.post(`${h.base}/v1/api-keys`, { data: { name: "sneaky", role: "owner" } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).type).toMatch(/csrf$/);
  const list = await call("GET", "/v1/api-keys", { key: w.key });
  expect(list.body.items.map((k: any) => k.name)).not.toContain("sneaky");
  // Through the screen (which sends X-CSRF-Token), the same change is made and its secret shown once.
  await page.getByLabel("Name").fill("EHR export");
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByTestId("new-api-key");
  await secret.waitFor();
  expect(await secret.innerText()).toMatch(/^clk_/);
  await shot(page, "settings-api-keys");
  await page.close();
});

it("enrols two-factor sign-in (a QR code and the secret, confirmed with a code), then asks for a code at sign-in", async () => {
  const page = await owner.newPage();
  await page.goto(`${h.base}/app/account`);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await page.getByRole("img", { name: /QR code/ }).waitFor();
  const secret = await page.getByTestId("totp-secret").innerText();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByRole("textbox", { name: "Code" }).fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("alert").waitFor();
  await shot(page, "account-totp");
  const { TOTP } = await import("otpauth");
  await page.getByRole("textbox", { name: "Code" }).fill(new TOTP({ secret }).generate());
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByText("Two-factor sign-in is on").waitFor();
  await page.close();

  // Signing in elsewhere now takes the password and then a code.
  const fresh = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await fresh.newPage();
  await p.goto(`${h.base}/app/sign-in`);
  await p.getByLabel("Email").fill(ownerEmail);
  await p.getByLabel("Password").fill(PASSWORD);
  await p.getByRole("button", { name: "Sign in" }).click();
  const code = p.getByLabel("6-digit code from your authenticator app");
  await code.waitFor();
  await shot(p, "sign-in-totp");
  // A code works once: the enrolment used this step's, so the authenticator's next one (accepted for drift).
  await code.fill(new TOTP({ secret }).generate({ timestamp: Date.now() + 30_000 }));
  await p.getByRole("button", { name: "Verify" }).click();
  await p.getByRole("heading", { name: /^Home/ }).waitFor();
  await fresh.close();
});

it("shows the settings sections with their data", async () => {
  const page = await owner.newPage();
  // Keyboard: j moves to a row, Enter opens it (the practice's contracts).
  await page.goto(`${h.base}/app/settings/practices`);
  await page.getByRole("table", { name: "Practices" }).waitFor();
  await page.getByLabel("Practices: j and k move, Enter opens").focus();
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: /Lakeside Family Medicine PC: contracts/ }).waitFor();
  expect(await page.getByRole("table", { name: "Contracts" }).innerText()).toContain("5.00% of collections");
  for (const [section, text] of [
    ["practices", "Lakeside Family Medicine"],
    ["payers", "Blue Prairie Health"],
    ["scrub-rules", "What it checks"],
    ["users", "Test owner"],
    ["company", "Company name"],
  ] as const) {
    await page.goto(`${h.base}/app/settings/${section}`);
    await page.getByText(text).first().waitFor();
    await expect.poll(() => page.locator(".state-loading").count()).toBe(0);
    await shot(page, `settings-${section}`);
  }
  await page.close();
});
