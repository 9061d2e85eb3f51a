/**
 * `npm run demo` — plays a billing company's month on the local stack through the public HTTP
 * API only, with a fixed seed, and writes what it produced under demo-output/. Uses the running
 * stack (`npm start`) when there is one, else starts its own and stops it afterwards.
 */
import { usd } from "@claimledger/core/shared/money.ts";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot, runningStack, startStack } from "./stack.ts";
import { ApiClient, seeded } from "./demo/client.ts";
import { createReferenceData } from "./demo/reference-data.ts";
import { demoToday, uploadEncounters } from "./demo/encounters.ts";
import { checkEligibility, visitWithEndedPlan } from "./demo/eligibility.ts";
import { sendAndAsk } from "./demo/follow-up.ts";
import { receiveRemittances, sendBatches } from "./demo/edi.ts";
import { closeMonth } from "./demo/close.ts";
import { createUsers } from "./demo/users.ts";
import { billSecondaries, cobEncounter, cobPatient } from "./demo/cob.ts";
import { appealADenial, runStatementCycle } from "./demo/recovery.ts";

const out = resolve(repoRoot, "demo-output");
process.env.CLAIMLEDGER_LOG ??= "warn";
const existing = await runningStack();
const stack = existing ? undefined : await startStack({ port: 0 });
const info = existing ?? stack!.info;

try {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rng = seeded(20261101);
  const admin = new ApiClient(info.url, info.adminKey);
  const owner = { email: "owner@northwind-billing.example", name: "Nora Owner" };
  const { tenant, ownerKey } = await admin.expect(201, "POST", "/v1/tenants", {
    name: "Northwind Medical Billing",
    ownerKeyName: "demo owner",
    owner,
  });
  const api = new ApiClient(info.url, ownerKey.apiKey);
  await api.expect(200, "PATCH", "/v1/tenant", {
    address: { line1: "400 Commerce St", line2: "Suite 12", city: "Madison", state: "WI", postalCode: "53703" },
    phone: "(608) 555-0190",
    email: "accounts@northwind-billing.example",
    paymentInstructions: "ACH to Northwind Medical Billing, First Lakes Bank, routing 075000022, account 88812",
  });
  const signIns = await createUsers(api, owner);
  const ref = await createReferenceData(api, rng);
  writeFileSync(
    resolve(out, "company.json"),
    JSON.stringify({ tenant, ownerKey: ownerKey.apiKey, signIns, ...ref }, null, 2),
  );

  console.log(`Demo company ${tenant.name} (${tenant.tenantId}) on ${info.url}`);
  console.log(`  owner key: ${ownerKey.apiKey}`);
  console.log(`  payers: ${ref.payers.length}`);
  for (const p of ref.practices) {
    console.log(`  ${p.practice.legalName}: ${p.providers.length} providers, ${p.patients.length} patients`);
  }

  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 360; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const eligibility = await checkEligibility(api, ref.practices, waitFor);
  for (const e of eligibility) {
    const b = e.batch;
    console.log(
      `  eligibility ${e.practice}: ${b.total} patients checked, ${b.active} active, ${b.inactive} inactive, ${b.rejected} not recognised`,
    );
  }
  const ended = eligibility[0]?.inactive[0];
  const home = ref.practices[0]!;
  const endedVisit = ended
    ? await visitWithEndedPlan(api, home.practice.practiceId, ended.patientId, home.providers[0].providerId)
    : undefined;
  if (endedVisit)
    console.log(`  a visit for the patient whose plan ended: ${endedVisit.status} (${endedVisit.finding?.message})`);
  writeFileSync(resolve(out, "eligibility.json"), JSON.stringify({ eligibility, endedVisit }, null, 2));

  const claims = await uploadEncounters(api, rng, ref.practices);
  writeFileSync(resolve(out, "claims.json"), JSON.stringify(claims, null, 2));
  for (const c of claims) {
    const review = c.claims.filter((x: any) => x.status === "needs_review").length;
    console.log(
      `  ${c.practice}: ${c.accepted} encounters in, ${c.accepted - review} claims ready, ${review} need review`,
    );
  }

  // A patient with Medicaid as secondary coverage, and a visit billed to both.
  const cobHome = ref.practices[0]!;
  const cob = await cobPatient(api, cobHome.practice, ref.payers);
  await cobEncounter(api, cobHome.practice.practiceId, cob.patientId, cobHome.providers[0].providerId);

  const edi = await sendBatches(
    api,
    out,
    ref.practices.map((p: any) => p.practice.practiceId),
    waitFor,
  );
  for (const b of edi.batches) console.log(`  batch ${b.batchId}: ${b.claims} claims, ${b.status} (${b.file})`);
  const claimStatus = async () => {
    const counts: Record<string, number> = {};
    for (const p of ref.practices) {
      for (let cursor: string | null = null, first = true; first || cursor; first = false) {
        const page: any = await api.expect(
          200,
          "GET",
          `/v1/claims?practiceId=${p.practice.practiceId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        for (const c of page.items) counts[c.status] = (counts[c.status] ?? 0) + 1;
        cursor = page.nextCursor;
      }
    }
    return counts;
  };
  console.log(`  claims after acknowledgements: ${JSON.stringify(await claimStatus())}`);
  const posting = await receiveRemittances(
    api,
    out,
    ref.practices.map((p: any) => p.practice.practiceId),
    waitFor,
  );
  const sum = (k: string) => posting.reduce((s: number, c: any) => s + c[k], 0);
  console.log(
    `  835s posted to ${posting.length} claims: charged ${usd(sum("chargeCents"))}, paid ${usd(sum("paidCents"))}, adjusted ${usd(sum("adjustmentsCents"))}, denied and still open ${usd(sum("deniedOpenCents"))}, patient share ${usd(sum("patientResponsibilityCents"))}`,
  );
  console.log(`  claims now: ${JSON.stringify(await claimStatus())}`);
  const chain = await billSecondaries(api, out, cobHome.practice.practiceId, cob.patientId, waitFor);
  console.log(
    `  secondary coverage: ${usd(chain.chargeCents)} visit, primary paid ${usd(chain.primary.paidCents)} and left ${usd(chain.primary.patientShareCents)} (pending secondary, not billed);` +
      ` Medicaid paid ${usd(chain.secondary.paidCents)}, the patient's statement bills ${usd(chain.statementAmountDueCents)}`,
  );

  const appeal = await appealADenial(api, out);
  if (appeal)
    console.log(
      `  appeal ${appeal.appealId} (${appeal.level}, ${appeal.family}) of ${usd(appeal.amountCents)} denied ${appeal.reason} on claim ${appeal.claimId}: letter written, sent by fax, ${appeal.status}; deadline ${appeal.deadline}`,
    );
  const statements = await runStatementCycle(api, out, waitFor);
  const skipped = Object.entries(statements.reasons)
    .filter(([, v]) => Number(v) > 0)
    .map(([k, v]) => `${v} ${k.replaceAll("_", " ")}`)
    .join(", ");
  console.log(
    `  statement run ${statements.runId} (${statements.runDate}): ${statements.sent} first statements for ${usd(statements.amountDueCents)}, skipped ${skipped || "none"}; print file ${statements.combined ?? "none"}`,
  );
  // The payments were deposited this month: close it (a real company closes the month before, on the 1st).
  const period = demoToday().slice(0, 7);
  const close = await closeMonth(api, out, period, waitFor);
  console.log(`Month close ${period} (run ${close.runId}):`);
  for (const i of close.invoices) {
    console.log(
      `  ${i.number} ${i.practice}: collected ${usd(i.collectedCents)}, ${i.lines.map((l: any) => `${l.description} ${usd(l.amountCents)}`).join(", ")}; total ${usd(i.totalCents)}, due ${i.dueDate}`,
    );
    console.log(`    month-end packet for the physician: ${i.packet}`);
  }
  for (const p of close.claims.practices) {
    console.log(
      `  ${p.name}: clean claim rate ${p.cleanClaimRatePercent}%, denial rate ${p.denialRatePercent}%, days in A/R ${p.daysInAR}`,
    );
  }
  // Last, so no later poll brings these claims' 835s: they stay on the follow-up queue.
  const followUp = await sendAndAsk(api, home.practice, home.providers[0].providerId, home.patients.slice(1), waitFor);
  writeFileSync(resolve(out, "follow-up.json"), JSON.stringify(followUp, null, 2));
  console.log(
    `  the day's last ${followUp.asked.length} claims sent and asked about: ${followUp.asked.map((a) => `${usd(a.chargeCents)} ${a.statusClass ?? "no answer"}`).join(", ")}`,
  );
  const reasons: Record<string, number> = {};
  for (const f of followUp.followUps) reasons[f.reason] = (reasons[f.reason] ?? 0) + 1;
  console.log(`  follow-up queue: ${followUp.followUps.length} claims ${JSON.stringify(reasons)}`);
  console.log(
    `Wrote ${out}/company.json, eligibility.json, claims.json, posting.json, cob.json, follow-up.json, edi/, appeals/, statements/, invoices/ and reports/`,
  );
  const consoleAt = stack ? "http://127.0.0.1:3000/app once `npm start` runs" : `${info.url}/app`;
  console.log(`\nSign in to the console at ${consoleAt}:`);
  for (const u of signIns) console.log(`  ${u.role.padEnd(6)} ${u.email}  password ${u.password}`);
} finally {
  await stack?.stop();
}
