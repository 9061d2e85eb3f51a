import { afterAll, beforeAll, expect, it } from "vitest";
import { call, newTenant, samples } from "../../functions/test/http.ts";
import { PASSWORD, invitedUser, linkToken, uniqueEmail } from "../../functions/test/users.ts";
import { shot, startConsole, watch, withSession, type ConsoleHarness } from "./console.ts";

/** Signing in and out in the browser: lockout, the invitation mail, the session cookie. */
let h: ConsoleHarness;
let ownerKey: string;
beforeAll(async () => {
  h = await startConsole();
  ({ ownerKey } = await newTenant("Sign-in Billing LLC"));
});
afterAll(async () => h?.close());

it("signs a biller in and out with the form; the cookie is HttpOnly and the page never sees it", async () => {
  const email = uniqueEmail("biller");
  await invitedUser(ownerKey, email, "biller");
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/reports`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back where the biller was going, signed in.
  await page.getByRole("heading", { name: "Reports" }).waitFor();
  expect(page.url()).toBe(`${h.base}/app/reports`);
  expect(await page.locator(".who-name").innerText()).toBe("Test biller");
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "cl_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  expect(await page.evaluate<string>("document.cookie")).not.toContain("cl_session");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByText("You signed out.").waitFor();
  // The session is over on the server too.
  const after = await page.request.get(`${h.base}/v1/session`);
  expect(after.status()).toBe(401);
  expect(seen.elsewhere).toEqual([]);
  expect(seen.errors).toEqual([]);
  await context.close();
});

it("locks an account after five wrong passwords, and says so in words", async () => {
  const email = uniqueEmail("locked");
  await invitedUser(ownerKey, email, "viewer");
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${h.base}/app/sign-in`);
  await page.getByLabel("Email").fill(email);
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("alert")
      .getByText(/not right|locked/)
      .waitFor();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
  }
  // Now even the right password is refused until the lock ends.
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("alert").getByText(/locked/);
  await alert.waitFor();
  expect(await alert.innerText()).toMatch(/locked after too many failed attempts, until \d\d:\d\d/);
  await shot(page, "sign-in-locked");
  expect(page.url()).toBe(`${h.base}/app/sign-in`);
  await page.close();
});

it("accepts an invitation from the mail: the invited person sets a password and is signed in", async () => {
  // The owner invites a biller from Settings.
  const owner = await withSession(h, (await invitedUser(ownerKey, uniqueEmail("owner"), "owner")).cookie);
  const page = await owner.newPage();
  await page.goto(`${h.base}/app/settings/users`);
  const email = uniqueEmail("newbiller");
  await page.getByLabel("Name", { exact: true }).fill("Rosa Diaz");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("biller");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.getByText(`Invitation sent to ${email}`).waitFor();
  await page.getByRole("table", { name: "Invitations" }).getByText(email).waitFor();
  await shot(page, "settings-users");
  await owner.close();

  // The invitee opens the link from the mail in their own browser.
  const token = linkToken(email, "/accept");
  const invitee = await h.browser.newContext({ viewport: { width: 768, height: 900 } });
  const p = await invitee.newPage();
  await p.goto(`${h.base}/app/accept?token=${encodeURIComponent(token)}`);
  await p.getByRole("heading", { name: "Accept your invitation" }).waitFor();
  await p.getByLabel("New password").fill("short");
  await p.getByLabel("Repeat the password").fill("short");
  await p.getByRole("button", { name: "Set password and sign in" }).click();
  await p.getByText("at least 12 characters").first().waitFor();
  await shot(p, "accept-invitation");
  await p.getByLabel("New password").fill("a long enough pass phrase");
  await p.getByLabel("Repeat the password").fill("a long enough pass phrase");
  await p.getByRole("button", { name: "Set password and sign in" }).click();
  await p.getByRole("heading", { name: /^Home/ }).waitFor();
  expect(await p.locator(".who-name").innerText()).toBe("Rosa Diaz");
  // The same link does not work twice.
  const again = await call("POST", "/v1/invitations/accept", { body: { token, password: "another long pass phrase" } });
  expect(again.status).toBeGreaterThanOrEqual(400);
  await invitee.close();
});

it("asks for a password reset and completes it from the mailed link", async () => {
  const email = uniqueEmail("forgetful");
  await invitedUser(ownerKey, email, "viewer");
  const page = await h.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${h.base}/app/sign-in`);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await page.getByText(/an email with a link/).waitFor();
  await page.goto(`${h.base}/app/reset?token=${encodeURIComponent(linkToken(email, "/reset"))}`);
  await page.getByLabel("New password").fill("my brand new pass phrase");
  await page.getByRole("button", { name: "Save new password" }).click();
  await page.getByText("Your password is changed").waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("my brand new pass phrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: /^Home/ }).waitFor();
  await page.close();
});

it("gives a practice user the portal only: no company screens in the navigation or by address", async () => {
  const practice = await call("POST", "/v1/practices", { key: ownerKey, body: { ...samples.practice, contracts: [] } });
  expect(practice.status, JSON.stringify(practice.body)).toBe(201);
  const s = await invitedUser(ownerKey, uniqueEmail("practice"), "practice", practice.body.practiceId);
  const context = await withSession(h, s.cookie);
  const page = await context.newPage();
  await page.goto(`${h.base}/app/`);
  await page.waitForURL(`${h.base}/app/portal`);
  const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
  expect(nav).toEqual(["Practice portal", "Your account"]);
  await page.goto(`${h.base}/app/month-close`);
  await page.getByText("This page is not available to your role").waitFor();
  await context.close();
});
