import { afterAll, beforeAll, expect, it } from "vitest";
import { runStatusInquiries } from "../../core/src/claimstatus/index.ts";
import { acceptedClaims } from "../../functions/test/cycle.ts";
import { applyInbound } from "../../functions/test/inbound.ts";
import { pollNow } from "../../functions/test/poll.ts";
import { shot, startConsole, watch, type ConsoleHarness } from "./console.ts";
import { panel, signedIn } from "./work.ts";

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.close());

it("a biller asks the payer about an unpaid claim from its page and reads the payer's answer there", async () => {
  // One claim accepted by the payer, no 835 yet: $185.00 + $15.00 = $200.00, whose last whole
  // dollar (0) the sandbox answers pended (P1, README "Claim status").
  const s = await acceptedClaims(1);
  const claimId = s.claims[0]!.claimId;
  const { page } = await signedIn(h.browser, h.base, s.key, "biller");
  const seen = watch(page, h.base);
  await page.goto(`${h.base}/app/claims/${claimId}`);
  const p = panel(page, "Claim status at the payer");
  await p.getByText(/Not asked yet/).waitFor();
  const asked = page.waitForResponse((r) => r.url().endsWith(`/v1/claims/${claimId}/status-inquiries`));
  await p.getByRole("button", { name: "Ask the payer now (276)" }).click();
  const { runId } = (await (await asked).json()) as { runId: string };
  await p.getByText("Asked: a 276 is on its way to the payer.").waitFor();

  // What the status-inquiry worker does with the run's message, then the poll that brings the 277.
  expect((await runStatusInquiries(s.tenantId, { runId })).status).toBe("submitted");
  const files = (await pollNow(s.key)).files as { sha256: string; kind: string }[];
  for (const f of files.filter((x) => x.kind === "277")) await applyInbound(s.tenantId, f.sha256);

  await page.reload();
  await p.getByText("Pending", { exact: true }).waitFor();
  const text = (await p.textContent())!;
  expect(text).toContain("P1");
  expect(text).toMatch(/asked 1 time\(s\)/);
  await shot(page, "claim-status");
  expect(seen.errors).toEqual([]);
  await page.close();
}, 150_000);
