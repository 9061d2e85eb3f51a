import { afterAll, beforeAll, expect, it } from "vitest";
import { newTenant } from "../../functions/test/http.ts";
import { invitedUser, uniqueEmail } from "../../functions/test/users.ts";
import { shot, startConsole, withSession, type ConsoleHarness } from "./console.ts";

/**
 * Automatic log-off (HIPAA): with the idle timeout at 6 seconds, a user who does nothing is
 * warned, then signed out and told why; the server has ended the session too.
 */
let h: ConsoleHarness;
beforeAll(async () => {
  process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS = "6";
  h = await startConsole();
});
afterAll(async () => {
  delete process.env.CLAIMLEDGER_SESSION_IDLE_SECONDS;
  await h?.close();
});

it("warns before the idle timeout, then signs out to the sign-in page with the reason", async () => {
  const { ownerKey } = await newTenant("Idle Billing LLC");
  const s = await invitedUser(ownerKey, uniqueEmail("idle"), "viewer");
  const context = await withSession(h, s.cookie);
  const page = await context.newPage();
  await page.goto(`${h.base}/app/account`);
  await page.getByRole("heading", { name: "Your account" }).waitFor();
  const warning = page.getByRole("dialog", { name: "Still there?" });
  await warning.waitFor({ timeout: 15_000 });
  expect(await warning.innerText()).toMatch(/signed out in \d+ seconds?/);
  expect(await warning.getByRole("button", { name: "Stay signed in" }).isVisible()).toBe(true);
  await shot(page, "idle-warning");
  await page.getByRole("heading", { name: "Sign in" }).waitFor({ timeout: 15_000 });
  await page.getByText("You were signed out because the session was idle").waitFor();
  await shot(page, "idle-signed-out");
  expect((await page.request.get(`${h.base}/v1/session`)).status()).toBe(401);
  await context.close();
});
