import { z } from "zod";
import { practiceStatuses } from "../practice/index.ts";
import { InvoiceRunEntity } from "./invoice.entity.ts";
import { draftInvoice } from "./invoice.service.ts";
import { sendMessages } from "../shared/queue.ts";
import { invoiceRunMessages, type InvoiceRunMessage } from "./messages.ts";
import { period } from "../shared/schema.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, invalid, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";

export { period };

export const invoiceRunInput = z.strictObject({
  period,
  /** Only these practices (default: every active practice of the company). */
  practiceIds: z.array(z.string().min(1).max(40)).min(1).max(1000).optional(),
});

/** The month before the one `at` falls in (UTC): what the run on the 1st closes. */
export function previousMonth(at = new Date()): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Starts a month-close run: one SQS message per practice, each drafting (or recomputing) that
 * practice's invoice. Finalized invoices are left alone, so a run can be repeated at will.
 */
export async function startInvoiceRun(p: Principal, input: z.infer<typeof invoiceRunInput>) {
  const requestedBy = actorOf(p);
  authorize(p, "invoiceRun.start");
  if (input.period > now().slice(0, 7))
    throw invalid([{ path: "period", message: "cannot invoice a month that has not started" }]);
  const data = await practiceStatuses(p.tenantId);
  const active = new Set(data.filter((x) => x.status === "active").map((x) => x.practiceId));
  const practiceIds = input.practiceIds ?? [...active];
  const unknown = practiceIds.filter((id) => !active.has(id));
  if (unknown.length)
    throw invalid(unknown.map((id) => ({ path: "practiceIds", message: `no active practice ${id}` })));
  const runId = newId("run");
  const run = {
    tenantId: p.tenantId,
    runId,
    period: input.period,
    practices: practiceIds.length,
    done: 0,
    failed: 0,
    startedAt: now(),
    requestedBy,
  };
  await InvoiceRunEntity.put(run).go();
  await sendMessages(
    "InvoiceRunQueue",
    invoiceRunMessages,
    practiceIds.map((practiceId) => ({ tenantId: p.tenantId, runId, practiceId, period: input.period })),
  );
  return { ...viewRun(run), status: practiceIds.length ? "running" : "done" };
}

/**
 * One practice of a run (the queue consumer). A practice that cannot be invoiced as it stands (no
 * contract in force, say) is recorded as failed with the reason and not retried; any other error
 * is retried by SQS and recorded as failed only on the last attempt, before the message goes to
 * the dead-letter queue.
 */
export async function runPracticeInvoice(msg: InvoiceRunMessage, lastAttempt = true) {
  try {
    const result = await draftInvoice(msg.tenantId, msg.practiceId, msg.period);
    await InvoiceRunEntity.patch({ tenantId: msg.tenantId, runId: msg.runId }).add({ done: 1 }).go();
    log("info", "invoice drafted", {
      tenantId: msg.tenantId,
      runId: msg.runId,
      practiceId: msg.practiceId,
      outcome: result.outcome,
    });
    return result;
  } catch (err) {
    const permanent = err instanceof AppError && err.status < 500;
    if (permanent || lastAttempt) {
      const message =
        err instanceof AppError
          ? err.errors?.map((f) => f.message).join("; ") || err.message
          : "internal error (see the logs)";
      await InvoiceRunEntity.patch({ tenantId: msg.tenantId, runId: msg.runId })
        .add({ failed: 1 })
        .append({ errors: [{ practiceId: msg.practiceId, message: message.slice(0, 300) }] })
        .go();
    }
    if (permanent) {
      log("warn", "invoice not drafted", {
        tenantId: msg.tenantId,
        runId: msg.runId,
        practiceId: msg.practiceId,
        error: (err as Error).message,
      });
      return undefined;
    }
    throw err;
  }
}

function viewRun(r: {
  runId: string;
  period: string;
  practices: number;
  done: number;
  failed: number;
  startedAt: string;
  errors?: { practiceId: string; message: string }[];
}) {
  return {
    runId: r.runId,
    period: r.period,
    practices: r.practices,
    done: r.done,
    failed: r.failed,
    startedAt: r.startedAt,
    errors: r.errors ?? [],
  };
}

export async function getInvoiceRun(p: Principal, runId: string) {
  authorize(p, "invoiceRun.read");
  const { data } = await InvoiceRunEntity.get({ tenantId: p.tenantId, runId }).go({ consistent: true });
  if (!data) throw notFound("Invoice run");
  const done = data.done + data.failed >= data.practices;
  return { ...viewRun(data), status: done ? (data.failed ? "done_with_errors" : "done") : "running" };
}
