import { addDays } from "@claimledger/core/shared/dates.ts";
import { demoToday } from "./encounters.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ApiClient } from "./client.ts";

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * Month close as an owner does it: run the period, review the drafts, finalize, download each
 * invoice (JSON, CSV, PDF) and its month-end packet; then the reports. Files go under demo-output/invoices and /reports.
 */
export async function closeMonth(
  api: ApiClient,
  out: string,
  period: string,
  waitFor: (what: string, check: () => Promise<boolean>) => Promise<void>,
) {
  const run = await api.expect(202, "POST", "/v1/invoice-runs", { period });
  await waitFor(
    `invoice run ${run.runId}`,
    async () => (await api.expect(200, "GET", `/v1/invoice-runs/${run.runId}`)).status !== "running",
  );
  const finished = await api.expect(200, "GET", `/v1/invoice-runs/${run.runId}`);
  if (finished.failed) throw new Error(`invoice run failed for ${JSON.stringify(finished.errors)}`);

  const invoicesDir = resolve(out, "invoices");
  mkdirSync(invoicesDir, { recursive: true });
  const { items } = await api.expect(200, "GET", `/v1/invoices?period=${period}`);
  const invoices = [];
  for (const draft of [...items].sort((a: any, b: any) => a.practiceName.localeCompare(b.practiceName))) {
    const inv = await api.expect(200, "POST", `/v1/practices/${draft.practiceId}/invoices/${period}/finalize`);
    const base = resolve(invoicesDir, `${inv.number}-${slug(inv.practice.name)}-${period}`);
    for (const [ext, url] of [
      ["json", inv.jsonUrl],
      ["csv", inv.csvUrl],
      ["pdf", inv.pdfUrl],
    ] as const) {
      writeFileSync(`${base}.${ext}`, Buffer.from(await (await fetch(url)).arrayBuffer()));
    }
    // The month-end packet: the invoice worker draws it after finalize.
    const invoicePath = `/v1/practices/${draft.practiceId}/invoices/${period}`;
    await waitFor(`packet of ${inv.number}`, async () => !!(await api.expect(200, "GET", invoicePath)).packetUrl);
    const { packetUrl } = await api.expect(200, "GET", invoicePath);
    writeFileSync(`${base}-packet.pdf`, Buffer.from(await (await fetch(packetUrl)).arrayBuffer()));
    invoices.push({
      number: inv.number,
      practice: inv.practice.name,
      collectedCents: inv.collections.countedCents,
      lines: inv.lines,
      totalCents: inv.totalCents,
      dueDate: inv.dueDate,
      file: `${base}.pdf`,
      packet: `${base}-packet.pdf`,
    });
  }

  const reportsDir = resolve(out, "reports");
  mkdirSync(reportsDir, { recursive: true });
  const asOf = demoToday();
  const from = addDays(asOf, -120);
  const reports: [string, string][] = [
    ["ar-aging", `/v1/reports/ar-aging?asOf=${asOf}`],
    ["profitability", `/v1/reports/profitability?from=${from.slice(0, 7)}&to=${period}`],
    ["collections", `/v1/reports/collections?from=${from.slice(0, 7)}&to=${period}`],
    ["claims", `/v1/reports/claims?from=${from}&to=${asOf}`],
  ];
  for (const [name, path] of reports) {
    writeFileSync(resolve(reportsDir, `${name}.json`), JSON.stringify(await api.expect(200, "GET", path), null, 2));
    if (name !== "claims") {
      const csv = await api.request<string>("GET", `${path}&format=csv`);
      writeFileSync(resolve(reportsDir, `${name}.csv`), csv.body);
    }
  }
  return {
    runId: run.runId,
    invoices,
    claims: await api.expect(200, "GET", `/v1/reports/claims?from=${from}&to=${asOf}`),
  };
}
