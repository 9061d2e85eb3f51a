import { expect, it } from "vitest";
import { runReportJob } from "@claimledger/core/report/index.ts";
import { call, newKey, newTenant, samples } from "./http.ts";
import { visit, world } from "./era.ts";

/**
 * A company-wide report as a job: the request answers at once, the worker computes it and writes
 * it to S3, and the job links to the JSON and CSV. The job reads as its asker would: a practice
 * key's job covers its practice only, and another company never sees it.
 */
it("runs A/R aging as a job written to S3, scoped like the asker, and answers with links", async () => {
  const w = await world(1);
  await visit(w, "2026-10-05"); // the 260.00 visit, sent, not yet paid
  // A second practice, with nothing owed: the company's report has both, a practice key's only its own.
  const other = await call("POST", "/v1/practices", {
    key: w.key,
    body: { ...samples.practice, legalName: "Riverbend Family Medicine PC", npi: "1861474595" },
  });

  const asked = await call("POST", "/v1/report-jobs", {
    key: w.key,
    body: { report: "ar-aging", asOf: "2026-10-31" },
  });
  expect(asked.status).toBe(202);
  expect(asked.body).toMatchObject({ report: "ar-aging", status: "queued", params: { asOf: "2026-10-31" } });
  const { jobId } = asked.body;
  const job = async (key = w.key) => call("GET", `/v1/report-jobs/${jobId}`, { key });
  expect((await job()).body.jsonUrl).toBeUndefined();

  // The worker's job.
  expect(await runReportJob(w.tenantId, jobId)).toBe("done");
  const done = (await job()).body;
  expect(done.status).toBe("done");
  const report: any = await (await fetch(done.jsonUrl)).json();
  // The same report the GET answers, for the whole company.
  const direct = (await call("GET", "/v1/reports/ar-aging?asOf=2026-10-31", { key: w.key })).body;
  expect(report).toEqual(direct);
  // The 260.00 visit is 26 days old on 2026-10-31: 26,000 cents of insurance A/R in 0-30.
  const mine = report.practices.find((p: any) => p.practiceId === w.practiceId);
  expect(mine.fromServiceDate.insurance).toMatchObject({ totalCents: 26_000, buckets: { "0-30": 26_000 } });
  expect(await (await fetch(done.csvUrl)).text()).toContain(",service_date,insurance,");
  // Done is done: a redelivered message changes nothing.
  expect(await runReportJob(w.tenantId, jobId)).toBe("skipped");

  // A practice key's job covers its practice; it cannot read the company's job; another company sees nothing.
  const practiceKey = await newKey(w.key, "practice", w.practiceId);
  expect((await job(practiceKey)).status).toBe(404);
  const theirs = (await call("POST", "/v1/report-jobs", { key: practiceKey, body: { report: "ar-aging" } })).body;
  await runReportJob(w.tenantId, theirs.jobId);
  const scoped: any = await (
    await fetch((await call("GET", `/v1/report-jobs/${theirs.jobId}`, { key: practiceKey })).body.jsonUrl)
  ).json();
  expect(other.status).toBe(201);
  expect(report.practices.map((p: any) => p.practiceId).sort()).toEqual([w.practiceId, other.body.practiceId].sort());
  expect(scoped.practices.map((p: any) => p.practiceId)).toEqual([w.practiceId]);
  expect((await job((await newTenant()).ownerKey)).status).toBe(404);

  // Bad input is a problem, not a job.
  const bad = await call("POST", "/v1/report-jobs", { key: w.key, body: { report: "collections", from: "2026-13" } });
  expect(bad.status).toBe(422);
});

it("runs the contract reports and profitability as jobs, the same as their GETs; profitability is the owners'", async () => {
  const w = await world(1);
  await visit(w, "2026-10-05"); // the 260.00 visit to the first payer, sent, not yet paid
  const asJob = async (body: object) => {
    const asked = await call("POST", "/v1/report-jobs", { key: w.key, body });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(await runReportJob(w.tenantId, asked.body.jobId)).toBe("done");
    const done = (await call("GET", `/v1/report-jobs/${asked.body.jobId}`, { key: w.key })).body;
    return { json: await (await fetch(done.jsonUrl)).json(), csv: await (await fetch(done.csvUrl)).text() };
  };
  const mix = await asJob({ report: "payer-mix", from: "2026-10", to: "2026-10" });
  expect(mix.json).toEqual((await call("GET", "/v1/reports/payer-mix?from=2026-10&to=2026-10", { key: w.key })).body);
  // One claim of 260.00 to the payer in October, nothing paid yet.
  const october = (mix.json as any).practices[0].months.find((m: any) => m.month === "2026-10");
  expect(october.payers[0]).toMatchObject({ payerId: w.payers[0], claims: 1, chargesCents: 26_000, paymentsCents: 0 });
  expect(mix.csv.split("\r\n")[0]).toContain("payer_id");
  for (const report of ["reimbursement", "fee-advice", "underpayments"]) {
    const r = await asJob({ report, from: "2026-10-01", to: "2026-10-31" });
    const direct = (await call("GET", `/v1/reports/${report}?from=2026-10-01&to=2026-10-31`, { key: w.key })).body;
    expect(r.json, report).toEqual(direct);
  }
  const profit = await asJob({ report: "profitability", from: "2026-10", to: "2026-10" });
  expect(profit.json).toEqual(
    (await call("GET", "/v1/reports/profitability?from=2026-10&to=2026-10", { key: w.key })).body,
  );
  // A biller may run reports, not profitability: refused when asked, no job is made.
  const biller = await newKey(w.key, "biller");
  const refused = await call("POST", "/v1/report-jobs", {
    key: biller,
    body: { report: "profitability", from: "2026-10", to: "2026-10" },
  });
  expect(refused.status).toBe(403);
});
