import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ApiClient } from "./client.ts";
import { demoToday } from "./encounters.ts";

type WaitFor = (what: string, check: () => Promise<boolean>) => Promise<void>;

const download = async (url: string, file: string) =>
  writeFileSync(file, Buffer.from(await (await fetch(url)).arrayBuffer()));

/** The biller's own paragraphs, by the denial's group and reason (the letter adds its family's template). */
const ARGUMENTS: Record<string, string[]> = {
  "CO-16": [
    "The information the remark code names was on the claim as filed; the corrected line detail is enclosed.",
    "Each code and modifier is supported by the visit notes of that date.",
  ],
  "CO-50": ["The rendering provider documented the medical need for each service on the date of service."],
  default: ["The visit notes of the date of service are enclosed and support each service as billed."],
};

/**
 * A denial worked as a biller does: the largest denied claim on the denials queue is appealed (level
 * 1, the letter's template chosen from its CARC codes), the letter PDF saved under
 * demo-output/appeals/, the appeal sent by fax and the payer's decision recorded (overturned, the
 * whole amount expected). The 835 that pays it would close it; the demo's payers have answered.
 */
export async function appealADenial(api: ApiClient, out: string) {
  const { items } = await api.expect(200, "GET", "/v1/work-queues/denials?limit=100");
  const candidates = items
    .flatMap((g: any) => g.claims.map((c: any) => ({ ...c, reason: `${g.group}-${g.reason}`, words: g.description })))
    .filter((c: any) => !c.appeal)
    .sort((a: any, b: any) => b.amountCents - a.amountCents || a.claimId.localeCompare(b.claimId));
  const claim = candidates[0];
  if (!claim) return undefined;
  const draft = await api.expect(201, "POST", `/v1/claims/${claim.claimId}/appeals`, {
    argument: ARGUMENTS[claim.reason] ?? ARGUMENTS.default,
  });
  const dir = resolve(out, "appeals");
  mkdirSync(dir, { recursive: true });
  const letter = resolve(dir, `${draft.appealId}-letter.pdf`);
  await download(draft.letterUrl, letter);
  const ifMatch = (v: number) => ({ "if-match": `"${v}"` });
  // Sent and decided the day of the denial; the sandbox dates its 835s by UTC, a day ahead of the
  // practice every evening, and neither may be after the practice's today.
  const on = draft.deniedOn < demoToday() ? draft.deniedOn : demoToday();
  const sent = await api.expect(
    200,
    "POST",
    `/v1/appeals/${draft.appealId}/sent`,
    { sentOn: on, method: "fax", reference: "FAX-DEMO-0001" },
    ifMatch(draft.version),
  );
  const decided = await api.expect(
    200,
    "POST",
    `/v1/appeals/${draft.appealId}/outcome`,
    { outcome: "overturned", decidedOn: on, expectedCents: draft.amountCents },
    ifMatch(sent.version),
  );
  const summary = {
    appealId: draft.appealId,
    claimId: claim.claimId,
    reason: claim.reason,
    reasonWords: claim.words,
    level: draft.levelName,
    family: draft.family,
    amountCents: draft.amountCents,
    deadline: draft.deadline,
    status: decided.status,
    expectedCents: decided.expectedCents,
    letter,
  };
  writeFileSync(resolve(dir, "appeal.json"), JSON.stringify(summary, null, 2));
  return summary;
}

/**
 * The statement cycle's run for the whole company, today: every patient the last payer left a
 * balance gets a first statement (one PDF each), and the run writes one print-ready PDF of them
 * all, saved under demo-output/statements/. The next runs (every 30 days) send the reminders and
 * then the final notice to those who still owe.
 */
export async function runStatementCycle(api: ApiClient, out: string, waitFor: WaitFor) {
  const started = await api.expect(202, "POST", "/v1/statement-runs", {});
  await waitFor(
    `statement run ${started.runId}`,
    async () => (await api.expect(200, "GET", `/v1/statement-runs/${started.runId}`)).status !== "running",
  );
  const run = await api.expect(200, "GET", `/v1/statement-runs/${started.runId}`);
  if (run.status !== "done") throw new Error(`statement run ${run.runId} ended ${run.status}: ${JSON.stringify(run)}`);
  const dir = resolve(out, "statements");
  mkdirSync(dir, { recursive: true });
  const combined = run.combinedPdfUrl ? resolve(dir, `statements-${run.runDate}.pdf`) : undefined;
  if (combined) await download(run.combinedPdfUrl, combined);
  writeFileSync(resolve(dir, "run.json"), JSON.stringify(run, null, 2));
  return { ...run, combined };
}
