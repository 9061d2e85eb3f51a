import { z } from "zod";
import type { EntityItem } from "electrodb";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { REPORT_JOB_STATUSES, REPORT_KINDS, ReportJobEntity } from "./report-job.entity.ts";
import { arAging, arAgingCsv } from "./aging.ts";
import { claimPerformance, collectionsByMonth, collectionsCsv } from "./report.service.ts";
import { payerMix, payerMixCsv } from "./payer-mix.ts";
import { reimbursementByCode, reimbursementCsv, underpaidByPayer, underpaidCsv } from "./reimbursement.ts";
import { feeAdvice, feeAdviceCsv } from "./fee-advice.ts";
import { profitability, profitabilityCsv } from "./profitability.ts";
import { authorize } from "../shared/permissions.ts";
import type { Principal, Role } from "../shared/context.ts";
import { idOf, queueMessage, sendMessage } from "../shared/queue.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { presign } from "../shared/storage.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { notFound } from "../shared/errors.ts";
import { isTransient } from "../shared/transact.ts";
import { isoDate } from "../shared/schema.ts";
import { period } from "../invoice/index.ts";

const practiceId = z.string().max(40).optional();
/** What a job may be asked for: the same parameters as the report's GET. */
export const reportJobInput = z.discriminatedUnion("report", [
  z.strictObject({ report: z.literal("ar-aging"), asOf: isoDate.optional(), practiceId }),
  z.strictObject({ report: z.literal("collections"), from: period, to: period, practiceId }),
  z.strictObject({ report: z.literal("claims"), from: isoDate, to: isoDate, practiceId }),
  z.strictObject({ report: z.literal("payer-mix"), from: period, to: period, practiceId }),
  z.strictObject({ report: z.literal("reimbursement"), from: isoDate, to: isoDate, practiceId }),
  z.strictObject({ report: z.literal("fee-advice"), from: isoDate, to: isoDate, practiceId }),
  z.strictObject({ report: z.literal("underpayments"), from: isoDate, to: isoDate, practiceId }),
  z.strictObject({ report: z.literal("profitability"), from: period, to: period, practiceId }),
]);
export type ReportJobInput = z.infer<typeof reportJobInput>;

export const reportJobView = z.object({
  jobId: z.string(),
  report: z.enum(REPORT_KINDS),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(REPORT_JOB_STATUSES).describe("queued, running, done (with jsonUrl, csvUrl) or failed (with error)"),
  error: z.string().optional(),
  jsonUrl: z.string().optional().describe("The report as JSON, a link valid 15 minutes"),
  csvUrl: z.string().optional().describe("The report as CSV, a link valid 15 minutes"),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
});

export const reportJobMessages = queueMessage(
  "report job",
  z.strictObject({ tenantId: idOf("tnt"), jobId: idOf("rpt") }),
);

const KEEP_DAYS = 30;

/** Queues a report job and answers it, `queued`. */
export async function startReportJob(p: Principal, input: ReportJobInput) {
  authorize(p, "report.read");
  // Profitability is the owners': refused now, not when the job runs.
  if (input.report === "profitability") authorize(p, "profitability.read");
  const { report, ...params } = input;
  const jobId = newId("rpt");
  const createdAt = now();
  const job = await ReportJobEntity.create({
    tenantId: p.tenantId,
    jobId,
    report,
    params,
    askedBy: { keyId: p.keyId, role: p.role, ...(p.practiceId ? { practiceId: p.practiceId } : {}) },
    status: "queued",
    createdAt,
    expiresAt: Math.floor(Date.parse(createdAt) / 1000) + KEEP_DAYS * 86_400,
  }).go();
  await sendMessage("ReportJobQueue", reportJobMessages, { tenantId: p.tenantId, jobId });
  return view(job.data);
}

/** A job as its asker (or anyone of the company who may read reports) sees it; another practice's is not found. */
export async function getReportJob(p: Principal, jobId: string) {
  authorize(p, "report.read");
  const { data } = await ReportJobEntity.get({ tenantId: p.tenantId, jobId }).go();
  if (!data || (p.practiceId && data.askedBy.practiceId !== p.practiceId)) throw notFound("Report job");
  return view(data);
}

async function view(j: EntityItem<typeof ReportJobEntity>) {
  return {
    jobId: j.jobId,
    report: j.report,
    params: j.params as Record<string, unknown>,
    status: j.status,
    ...(j.error ? { error: j.error } : {}),
    ...(j.files?.json ? { jsonUrl: await presign("DocumentBucket", j.files.json) } : {}),
    ...(j.files?.csv ? { csvUrl: await presign("DocumentBucket", j.files.csv) } : {}),
    createdAt: j.createdAt,
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
  };
}

/** A report as a job runs it: as its GET, with the JSON and (when it has one) the CSV. */
const job =
  <Q, R>(run: (p: Principal, q: Q) => Promise<R>, csv?: (r: R) => string) =>
  async (p: Principal, q: Record<string, unknown>) => {
    const r = await run(p, q as Q);
    return { json: r, csv: csv?.(r) };
  };

const reports = {
  "ar-aging": job(arAging, arAgingCsv),
  collections: job(collectionsByMonth, collectionsCsv),
  claims: job(claimPerformance),
  "payer-mix": job(payerMix, payerMixCsv),
  reimbursement: job(reimbursementByCode, reimbursementCsv),
  "fee-advice": job(feeAdvice, feeAdviceCsv),
  underpayments: job(underpaidByPayer, underpaidCsv),
  profitability: job(profitability, profitabilityCsv),
} satisfies Record<(typeof REPORT_KINDS)[number], unknown>;

/**
 * The report-job worker's work: computes the report as its asker would see it and writes it to
 * the document bucket. A job done already is left alone; a passing DynamoDB failure is thrown for
 * SQS to redeliver; anything else marks the job failed with the reason.
 */
export async function runReportJob(tenantId: string, jobId: string): Promise<"done" | "failed" | "skipped"> {
  const { data: job } = await ReportJobEntity.get({ tenantId, jobId }).go({ consistent: true });
  if (!job || job.status === "done" || job.status === "failed") return "skipped";
  await ReportJobEntity.patch({ tenantId, jobId }).set({ status: "running" }).go();
  const asker: Principal = {
    tenantId,
    keyId: job.askedBy.keyId,
    role: job.askedBy.role as Role,
    ...(job.askedBy.practiceId ? { practiceId: job.askedBy.practiceId } : {}),
  };
  try {
    const out = await reports[job.report](asker, job.params as Record<string, unknown>);
    const base = `${tenantId}/reports/${jobId}`;
    await put(`${base}.json`, JSON.stringify(out.json), "application/json");
    if (out.csv !== undefined) await put(`${base}.csv`, out.csv, "text/csv; charset=utf-8");
    await ReportJobEntity.patch({ tenantId, jobId })
      .set({
        status: "done",
        files: { json: `${base}.json`, ...(out.csv !== undefined ? { csv: `${base}.csv` } : {}) },
        finishedAt: now(),
      })
      .go();
    return "done";
  } catch (err) {
    if (isTransient(err)) throw err;
    await ReportJobEntity.patch({ tenantId, jobId })
      .set({ status: "failed", error: (err as Error).message.slice(0, 500), finishedAt: now() })
      .go();
    return "failed";
  }
}

async function put(key: string, body: string, contentType: string) {
  await s3Client().send(
    new PutObjectCommand({ Bucket: bucketName("DocumentBucket"), Key: key, Body: body, ContentType: contentType }),
  );
}
