import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (apt-get install chromium); `.ci/run` installs it. Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Headless Chromium with the flags a closed network needs (no background connections, no
 * first-run), its clock in America/Chicago, the test practices' zone: a user sits where the
 * practice is, so "today" on a screen is the practice's today whatever the UTC date is.
 */
export const BROWSER_TZ = "America/Chicago";
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, TZ: BROWSER_TZ },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where screenshots go, to be looked at (ignored by git). */
export const SCREENSHOTS = new URL("../../../test-results/screenshots/", import.meta.url).pathname;
