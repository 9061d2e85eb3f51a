import type { z } from "zod";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { StatementRunEntity, StatementRunPartEntity } from "./patientbilling.entity.ts";
import { statementRunMessages, type StatementRunMessage } from "./messages.ts";
import type { statementRunInput } from "./patientbilling.schema.ts";
import {
  SKIP_REASONS,
  type SkipReason,
  type StatementDocument,
  type StatementRunView,
} from "./patientbilling.schema.ts";
import { NEW_ACCOUNT, afterStatement, nextStatement } from "./cycle.ts";
import { accountWrite, accountsOf, type Account } from "./account.ts";
import { positionOf, sendCycleStatement, sentInRun } from "./statement.service.ts";
import { settingsFor } from "./settings.service.ts";
import { checkMissedInstalments } from "./plan.service.ts";
import { combinedPdf } from "./statement-pdf.ts";
import { claimsOwingMoney, isCrossoverClaim, openMoney } from "../claim/index.ts";
import { getPractice, practiceStatuses } from "../practice/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { sendMessages } from "../shared/queue.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { presign, readObject } from "../shared/storage.ts";
import { AppError, invalid, notFound } from "../shared/errors.ts";
import { isoDateOf, todayIn } from "../shared/dates.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";

/**
 * Statement runs: a batch job through SQS, one message per practice (as month close runs). Each
 * practice's job checks its payment plans, walks every patient who owes or is in a cycle, sends
 * those due a statement (one PDF each, recorded on the patient) and counts the rest by why they
 * were skipped; the job that completes the run puts every statement into one print-ready PDF.
 * Every step is safe to repeat: a run's statement to a patient has one id, so a redelivered job
 * finds what it sent, and a practice's counts join the run once, with its part.
 */
export async function startStatementRun(p: Principal, input: z.infer<typeof statementRunInput>) {
  authorize(p, "statementRun.start");
  let practiceIds: string[];
  let today: string;
  if (input.practiceId) {
    const practice = await getPractice(p, input.practiceId);
    if (practice.status !== "active") throw invalid([{ path: "practiceId", message: "the practice is inactive" }]);
    practiceIds = [input.practiceId];
    today = todayIn(practice.timeZone);
  } else {
    practiceIds = (await practiceStatuses(p.tenantId)).filter((x) => x.status === "active").map((x) => x.practiceId);
    today = isoDateOf(new Date());
  }
  const runDate = input.runDate ?? today;
  if (runDate > today) throw invalid([{ path: "runDate", message: `must not be after today (${today})` }]);
  const run = {
    tenantId: p.tenantId,
    runId: newId("srn"),
    runDate,
    ...(input.practiceId ? { practiceId: input.practiceId } : {}),
    practices: practiceIds.length,
    done: 0,
    failed: 0,
    sent: 0,
    skipped: 0,
    amountDueCents: 0,
    startedAt: now(),
    requestedBy: actorOf(p),
    ...(practiceIds.length ? {} : { finishedAt: now() }),
  };
  await StatementRunEntity.create(run).go();
  await sendMessages(
    "StatementRunQueue",
    statementRunMessages,
    practiceIds.map((practiceId) => ({ tenantId: p.tenantId, runId: run.runId, practiceId, runDate })),
  );
  return viewOf(run, [], null);
}

/** Who the run looks at in a practice: patients with patient money or a pending secondary in A/R, and every account in a cycle. */
async function patientsToVisit(tenantId: string, practiceId: string, accounts: Map<string, Account>) {
  const owing = await claimsOwingMoney(tenantId, practiceId);
  const ids = new Set(owing.filter((c) => openMoney(c).patient !== 0 || isCrossoverClaim(c)).map((c) => c.patientId));
  for (const a of accounts.values()) if (a.stage !== "none") ids.add(a.patientId);
  return [...ids].sort();
}

/** One practice's statements for the run (the queue consumer). */
export async function runPracticeStatements(msg: StatementRunMessage, lastAttempt = true) {
  const { tenantId, runId, practiceId, runDate } = msg;
  const part = await StatementRunPartEntity.get({ tenantId, runId, practiceId }).go({ consistent: true });
  if (part.data) return finishRun(tenantId, runId);
  try {
    const settings = await settingsFor(tenantId, practiceId);
    const { standing } = await checkMissedInstalments(tenantId, practiceId, runDate);
    const accounts = new Map((await accountsOf(tenantId, practiceId)).map((a) => [a.patientId, a]));
    const keys: string[] = [];
    const reasons: Partial<Record<SkipReason, number>> = {};
    let [sent, skipped, amountDueCents] = [0, 0, 0];
    const counted = (key: string, cents: number) => {
      keys.push(key);
      sent++;
      amountDueCents += cents;
    };
    const problems: { practiceId: string; message: string }[] = [];
    for (const patientId of await patientsToVisit(tenantId, practiceId, accounts)) {
      const account = accounts.get(patientId) ?? { ...NEW_ACCOUNT, patientId, version: 0 };
      const out = await visitPatient(msg, patientId, account, settings, standing).catch((err: unknown) => {
        // One patient the run cannot do (a record gone, say) is named on the run; the others go on.
        if (!(err instanceof AppError && err.status < 500)) throw err;
        problems.push({ practiceId, message: `patient ${patientId}: ${err.message}`.slice(0, 300) });
        return undefined;
      });
      if (out?.sent) counted(out.sent.key, out.sent.cents);
      else if (out?.skipped) {
        reasons[out.skipped] = (reasons[out.skipped] ?? 0) + 1;
        skipped++;
      }
    }
    await transactWrite([
      tx.put(
        StatementRunPartEntity.create({
          tenantId,
          runId,
          practiceId,
          sent,
          skipped,
          reasons,
          keys,
          at: now(),
        }).params(),
        "part",
      ),
      tx.update(
        (problems.length
          ? StatementRunEntity.patch({ tenantId, runId }).append({ errors: problems })
          : StatementRunEntity.patch({ tenantId, runId })
        )
          .add({ done: 1, sent, skipped, amountDueCents })
          .params(),
      ),
    ]).catch(ignoreConflict);
    log("info", "statements sent", { tenantId, runId, practiceId, sent, skipped });
  } catch (err) {
    const permanent = err instanceof AppError && err.status < 500;
    if (!permanent && !lastAttempt) throw err;
    const message = err instanceof AppError ? err.message : "internal error (see the logs)";
    await StatementRunEntity.patch({ tenantId, runId })
      .add({ failed: 1 })
      .append({ errors: [{ practiceId, message: message.slice(0, 300) }] })
      .go();
    log("warn", "statement run failed for a practice", { tenantId, runId, practiceId, error: (err as Error).message });
  }
  return finishRun(tenantId, runId);
}

/** One patient of a run: the statement the cycle sends (or the one this run already sent), or why none. */
async function visitPatient(
  msg: StatementRunMessage,
  patientId: string,
  account: Account,
  settings: Awaited<ReturnType<typeof settingsFor>>,
  standing: Map<string, boolean>,
): Promise<{ sent?: { key: string; cents: number }; skipped?: SkipReason } | undefined> {
  const { tenantId, runId, practiceId, runDate } = msg;
  const already = await sentInRun(tenantId, practiceId, patientId, runId, runDate);
  if (already) return { sent: { key: already.key, cents: already.amountDueCents } };
  const balance = await positionOf(tenantId, practiceId, patientId);
  const position = {
    owedCents: balance.balanceCents,
    pendingSecondaryCents: balance.pendingSecondaryCents,
    planInGoodStanding: standing.get(patientId) ?? false,
  };
  const d = nextStatement(account, position, settings, runDate);
  if (!d.send) {
    if (d.reset) await transactWrite([accountWrite(tenantId, practiceId, account, NEW_ACCOUNT)]).catch(ignoreConflict);
    return { skipped: d.reason };
  }
  const next = afterStatement(account, d.kind, runDate);
  const out = await sendCycleStatement(
    tenantId,
    practiceId,
    patientId,
    { ...d, runId, runDate },
    balance,
    settings,
    account,
    next,
  ).catch((err: unknown) => {
    // The account changed meanwhile (placed with an agency, say): leave the patient to the next run.
    if (err instanceof TransactionConflict && err.failed("account")) return undefined;
    throw err;
  });
  return out ? { sent: { key: out.key, cents: out.doc.amountDueCents } } : undefined;
}

const ignoreConflict = (err: unknown) => {
  if (!(err instanceof TransactionConflict)) throw err;
};

/** Once every practice is done: every statement of the run in one PDF, in postal-code order (for the mail presort). */
async function finishRun(tenantId: string, runId: string): Promise<"done" | "running"> {
  const { data: run } = await StatementRunEntity.get({ tenantId, runId }).go({ consistent: true });
  if (!run || run.done + run.failed < run.practices) return "running";
  if (run.finishedAt) return "done";
  const parts = await partsOf(tenantId, runId);
  const keys = parts.flatMap((x) => x.keys);
  let combinedKey: string | undefined;
  if (keys.length) {
    const docs: StatementDocument[] = [];
    for (const key of keys) docs.push(JSON.parse((await readObject("DocumentBucket", `${key}.json`))!));
    docs.sort(
      (a, b) =>
        a.patient.address.postalCode.localeCompare(b.patient.address.postalCode) ||
        a.patient.name.localeCompare(b.patient.name),
    );
    combinedKey = `${tenantId}/statement-runs/${runId}/statements-${run.runDate}.pdf`;
    await s3Client().send(
      new PutObjectCommand({
        Bucket: bucketName("DocumentBucket"),
        Key: combinedKey,
        Body: combinedPdf(docs, `Statements ${run.runDate}`),
        ContentType: "application/pdf",
      }),
    );
  }
  await StatementRunEntity.patch({ tenantId, runId })
    .set({ finishedAt: now(), ...(combinedKey ? { combinedKey } : {}) })
    .go();
  return "done";
}

async function partsOf(tenantId: string, runId: string) {
  return (await StatementRunPartEntity.query.byRun({ tenantId, runId }).go({ pages: "all" })).data;
}

type RunItem = Parameters<typeof StatementRunEntity.create>[0] & { errors?: unknown; combinedKey?: string };

/** A run as the API shows it (the combined PDF's link made by the caller: starting a run has none to sign). */
function viewOf(run: RunItem, parts: { reasons: unknown }[], combinedPdfUrl: string | null): StatementRunView {
  const reasons = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  for (const part of parts)
    for (const [r, n] of Object.entries(part.reasons as Record<SkipReason, number>)) reasons[r as SkipReason] += n;
  const complete = run.done + run.failed >= run.practices && run.finishedAt !== undefined;
  return {
    runId: run.runId,
    runDate: run.runDate,
    ...(run.practiceId ? { practiceId: run.practiceId } : {}),
    status: complete ? (run.failed ? "done_with_errors" : "done") : "running",
    practices: run.practices,
    done: run.done,
    failed: run.failed,
    sent: run.sent,
    skipped: run.skipped,
    reasons,
    amountDueCents: run.amountDueCents,
    combinedPdfUrl,
    errors: (run.errors as StatementRunView["errors"] | undefined) ?? [],
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    requestedBy: run.requestedBy,
  };
}

export async function getStatementRun(p: Principal, runId: string) {
  authorize(p, "statementRun.read");
  const { data } = await StatementRunEntity.get({ tenantId: p.tenantId, runId }).go({ consistent: true });
  if (!data) throw notFound("Statement run");
  return viewOf(data, await partsOf(p.tenantId, runId), await combinedLink(data));
}

const combinedLink = async (run: RunItem) => (run.combinedKey ? presign("DocumentBucket", run.combinedKey) : null);

/** The company's latest runs, newest first. */
export async function listStatementRuns(p: Principal, limit = 20) {
  authorize(p, "statementRun.read");
  const { data } = await StatementRunEntity.query.byTenant({ tenantId: p.tenantId }).go({ limit, order: "desc" });
  return {
    items: await Promise.all(
      data.map(async (r) => viewOf(r, await partsOf(p.tenantId, r.runId), await combinedLink(r))),
    ),
  };
}
