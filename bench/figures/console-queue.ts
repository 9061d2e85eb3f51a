/**
 * console.queue: how long a biller waits for the review queue of 1,000 claims to be usable in
 * Chromium (page navigation to the first page of the queue drawn, its first row active for j/k and
 * Enter: the shell, the session check, the screen's chunk, its reads), against the API call alone
 * (the same `GET /v1/claims?status=needs_review&limit=100` the screen makes, from Node with the
 * same session cookie). Ratio = API time / screen time: 1 would mean the console adds nothing.
 *
 * The 1,000 claims are cloned from real intake claims (bench/lib/claims.ts) and written straight
 * to DynamoDB in needs_review with a scrub finding each, as the scrubber would have left them.
 * The queue reads 100 a page (the API's most), so the figure is the first page usable; the log
 * also prints the time until all 1,000 are loaded with "Load more".
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { seedCompany, isoDaysAgo } from "../lib/company.ts";
import { cloneId, templateClaims } from "../lib/claims.ts";
import { fig, median, seeded, type FigureModule } from "../lib/figure.ts";

const CLAIMS = 1000;
const PASSWORD = "bench console password 1";

export const figure: FigureModule = {
  title: "Console: the review queue of 1,000 claims, usable in Chromium, against the API call alone",
  order: 80,
  async run(ctx) {
    const runs = ctx.quick ? 5 : 15;
    const stack = await ctx.stack();
    const outbox = join(ctx.tmp, "outbox");
    process.env.CLAIMLEDGER_MAIL_OUTBOX = outbox;
    process.env.CLAIMLEDGER_CONSOLE_URL = `${stack.url}/app`;
    const { ensureConsoleBuilt } = await import("../../packages/console/scripts/build.ts");
    ensureConsoleBuilt();
    const { launchChromium } = await import("../../packages/local/test/chromium.ts");
    const { putClaims } = await import("../lib/seed.ts");
    const { screenKeys, patientKeys } = await import("../../packages/core/src/claim/screens.ts");

    const company = await seedCompany(stack, seeded(8080), "Bench Console Billing", 12);
    const templates = await templateClaims(stack, company);
    const finding = {
      ruleId: "dx.format",
      severity: "error",
      path: "diagnoses.0",
      message: 'Diagnosis 1 "E119" is not an ICD-10-CM code: it needs its dot (e.g. E11.9).',
      fixHint: "Correct the code from the visit note.",
    };
    const claims = [];
    for (let i = 0; i < CLAIMS; i++) {
      const t = templates[i % templates.length]!;
      const claimId = cloneId("RQ", i);
      const serviceDate = isoDaysAgo(2 + (i % 120));
      const doc = structuredClone(t.doc);
      doc.claimId = claimId;
      doc.serviceDate = serviceDate;
      doc.diagnoses = ["E119", ...doc.diagnoses.slice(1)];
      doc.lines = doc.lines.map((l: any, j: number) => ({ ...l, lineId: `${claimId}L${j + 1}`, serviceDate }));
      const { balances: _b, postedRemittances: _p, secondaryClaimId: _s, firstPaidDate: _f, ...rest } = t;
      const claim = {
        ...rest,
        claimId,
        doc,
        serviceDate,
        status: "needs_review",
        statusReason: "scrub found 1 error",
        findings: [finding],
        fingerprint: `bench-${claimId}`,
        version: 1,
      };
      claims.push({ ...claim, ...screenKeys(t.tenantId, claim as any).set, ...patientKeys(t.tenantId, claim as any) });
    }
    await putClaims(claims);
    ctx.log(`seeded ${CLAIMS} claims in needs_review`);

    // A biller, invited and accepted as a person would be, then signed in through the console.
    const email = "bench.biller@example.com";
    await stack.call(company.ownerKey, "POST", "/v1/invitations", { email, name: "Bench Biller", role: "biller" }, 201);
    const mail = readdirSync(outbox)
      .map((f) => JSON.parse(readFileSync(join(outbox, f), "utf8")) as { to: string; text: string })
      .find((m) => m.to === email);
    const token = decodeURIComponent(/\/app\/accept\?token=([^\s]+)/.exec(mail?.text ?? "")?.[1] ?? "");
    const accepted = await fetch(`${stack.url}/v1/invitations/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token, password: PASSWORD }),
    });
    if (accepted.status !== 201) throw new Error(`invitation not accepted: ${accepted.status}`);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${stack.url}/app/sign-in`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Home" }).waitFor();
      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

      const queue = `${stack.url}/app/queues/review`;
      const open = async () => {
        const t = performance.now();
        await page.goto(queue);
        await page.locator(".queue-list tr.active").waitFor();
        return performance.now() - t;
      };
      const api = async () => {
        const t = performance.now();
        const res = await fetch(`${stack.url}/v1/claims?status=needs_review&limit=100`, { headers: { cookie } });
        const body = (await res.json()) as { items: unknown[] };
        if (res.status !== 200 || body.items.length !== 100) throw new Error(`queue read answered ${res.status}`);
        return performance.now() - t;
      };
      await open(); // warm: assets cached, the screen's chunk compiled, the API's modules loaded
      await api();
      const screen: number[] = [];
      const alone: number[] = [];
      for (let i = 0; i < runs; i++) {
        alone.push(await api());
        screen.push(await open());
      }
      // Usable: j moves the active row.
      const before = await page.locator(".queue-list tr.active").textContent();
      await page.keyboard.press("j");
      await page.waitForFunction(
        `document.querySelector(".queue-list tr.active")?.textContent !== ${JSON.stringify(before)}`,
      );
      // For the log: every page of the 1,000 pulled in with Load more.
      const t = performance.now();
      for (let p = 1; p < CLAIMS / 100; p++) {
        await page.getByRole("button", { name: "Load more" }).click();
        await page.getByText(`${Math.min(CLAIMS, (p + 1) * 100)} rows`, { exact: true }).waitFor();
      }
      ctx.log(
        `review queue usable in ${median(screen).toFixed(0)} ms (median of ${runs}); the API call alone ${median(alone).toFixed(0)} ms; all ${CLAIMS} loaded by Load more in a further ${(performance.now() - t).toFixed(0)} ms`,
      );
      const value = median(screen);
      const baseline = median(alone);
      ctx.target({
        figure: "console.queue",
        target: "the review queue of 1,000 claims usable within 2 s",
        met: value < 2000,
        note: `${value.toFixed(0)} ms`,
      });
      return [
        fig(
          "console.queue",
          value,
          "ms",
          "the same queue read (GET /v1/claims?status=needs_review&limit=100) from Node, no browser",
          baseline,
          "lower",
        ),
      ];
    } finally {
      await browser.close();
      delete process.env.CLAIMLEDGER_MAIL_OUTBOX;
      delete process.env.CLAIMLEDGER_CONSOLE_URL;
    }
  },
};
