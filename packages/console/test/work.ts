import type { Browser, Page } from "playwright-core";
import { call } from "../../functions/test/http.ts";
import { PASSWORD, invitedUser, uniqueEmail } from "../../functions/test/users.ts";

/** A person invited with a role (and accepted through the mailed link), signed in through the console's form. */
export async function signedIn(
  browser: Browser,
  base: string,
  ownerKey: string,
  role: "owner" | "biller" | "viewer" | "practice",
  practiceId?: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; email: string; userId: string }> {
  const email = uniqueEmail(role);
  const s = await invitedUser(ownerKey, email, role, practiceId);
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/app/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("h1").filter({ hasNotText: "Sign in" }).first().waitFor();
  return { page, email, userId: s.userId };
}

/** The API as an integration would call it (the test arranging data), by key. */
export const asKey = (key: string, method: string, path: string, body?: unknown) => call(method, path, { key, body });

/** A panel of the screen by its heading. */
export const panel = (page: Page, title: string) =>
  page.locator(".panel").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
