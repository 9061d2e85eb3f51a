import type { EntityItem } from "electrodb";
import { build270, read271, type Eligibility271 } from "@claimledger/x12";
import { EligibilityBatchEntity, EligibilityCheckEntity, EligibilityLatestEntity } from "./eligibility.entity.ts";
import type { EligibilityCheckView, EligibilityResult, LatestEligibility } from "./eligibility.schema.ts";
import { toResult, type Asked } from "./result.ts";
import { inquiryFor } from "./inquiry.ts";
import type { OpenClearinghouse } from "../clearinghouse/index.ts";
import { feeFor, feeScheduleOfPractice } from "../feeschedule/index.ts";
import { patientForSystem, type Coverage } from "../patient/index.ts";
import { payerForSystem } from "../payer/index.ts";
import { practiceForSystem } from "../practice/index.ts";
import { eventPut } from "../event/index.ts";
import { systemPrincipal } from "../shared/context.ts";
import { nextCounter } from "../shared/counter.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";
import { archiveEdi } from "../shared/storage.ts";
import { TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";

export type CheckItem = EntityItem<typeof EligibilityCheckEntity>;

export const checkView = ({ tenantId: _t, asked: _a, requestKey: _q, responseKey: _r, ...c }: CheckItem) =>
  c as EligibilityCheckView;

/** Checks by id, in the order asked (missing ones left out). */
export async function checksById(tenantId: string, checkIds: string[]): Promise<CheckItem[]> {
  if (checkIds.length === 0) return [];
  const { data } = await EligibilityCheckEntity.get(checkIds.map((checkId) => ({ tenantId, checkId }))).go({
    consistent: true,
  });
  const byId = new Map(data.map((c) => [c.checkId, c]));
  return checkIds.map((id) => byId.get(id)).filter((c): c is CheckItem => c !== undefined);
}

/**
 * Asks the payers about queued checks through the clearinghouse `open` gives (the API hands in
 * the real-time one; the worker the company's, SFTP included): in real time when it
 * answers so (each check is answered before this returns), else as one 270 file per practice and
 * payer, answered by a 271 at a later poll. A check that cannot be asked (its patient or coverage
 * gone) fails with the reason; the others go on.
 */
export async function runChecks(
  tenantId: string,
  checkIds: string[],
  open: (tenantId: string) => Promise<OpenClearinghouse>,
): Promise<{ answered: number; sent: number; failed: number }> {
  const out = { answered: 0, sent: 0, failed: 0 };
  const checks = (await checksById(tenantId, checkIds)).filter((c) => c.status === "queued");
  if (checks.length === 0) return out;
  const ch = await open(tenantId);
  try {
    const groups = new Map<string, CheckItem[]>();
    for (const c of checks)
      groups.set(`${c.practiceId}|${c.payerId}`, [...(groups.get(`${c.practiceId}|${c.payerId}`) ?? []), c]);
    for (const group of groups.values()) {
      const first = group[0]!;
      const [practice, payer] = await Promise.all([
        practiceForSystem(tenantId, first.practiceId),
        payerForSystem(tenantId, first.payerId),
      ]);
      const ready: { check: CheckItem; inquiry: ReturnType<typeof inquiryFor>["inquiry"] }[] = [];
      for (const check of group) {
        const patient = await patientForSystem(tenantId, check.practiceId, check.patientId);
        const coverage = (patient?.coverages as Coverage[] | undefined)?.find((c) => c.coverageId === check.coverageId);
        if (!practice || !payer || !patient || !coverage) {
          await failCheck(tenantId, check, "the patient, coverage, practice or payer no longer exists");
          out.failed++;
          continue;
        }
        ready.push({
          check,
          inquiry: inquiryFor(check.checkId, patient, coverage, check.serviceDate, check.serviceTypes).inquiry,
        });
      }
      if (!practice || !payer || ready.length === 0) continue;
      const file = async (inquiries: typeof ready) => {
        const at = new Date();
        const control = await nextCounter(tenantId, "interchange");
        const text = build270({
          interchange: {
            senderId: ch.senderId,
            receiverId: ch.receiverId,
            controlNumber: control,
            date: at,
            usage: ch.usage,
          },
          groupControlNumber: control,
          payer: { name: payer.name.toUpperCase(), id: payer.clearinghousePayerId },
          provider: { npi: practice.npi, organizationName: practice.legalName.toUpperCase() },
          inquiries: inquiries.map((r) => r.inquiry),
        });
        const stored = await archiveEdi(tenantId, "out", "270", text, at);
        return { text, key: stored.key, name: `${String(control).padStart(9, "0")}.270` };
      };
      if (ch.connection.realtime) {
        for (const r of ready) {
          const f = await file([r]);
          await markSent(tenantId, [r.check], f.key, "realtime");
          const answer = await ch.connection.realtime(f.text);
          const stored = await archiveEdi(tenantId, "in", "271", answer);
          const [e] = read271(answer);
          if (e) await recordAnswer(tenantId, r.check, e, stored.key);
          else await failCheck(tenantId, r.check, "the clearinghouse's 271 held no answer");
          if (e) out.answered++;
          else out.failed++;
        }
      } else {
        const f = await file(ready);
        await ch.connection.submit({ name: f.name, content: f.text });
        await markSent(
          tenantId,
          ready.map((r) => r.check),
          f.key,
          "batch",
        );
        out.sent += ready.length;
      }
    }
  } finally {
    await ch.connection.close();
  }
  return out;
}

async function markSent(tenantId: string, checks: CheckItem[], requestKey: string, mode: "realtime" | "batch") {
  const sentAt = now();
  for (const c of checks)
    await EligibilityCheckEntity.patch({ tenantId, checkId: c.checkId })
      .set({ status: "sent", sentAt, requestKey, mode })
      .go();
}

async function failCheck(tenantId: string, check: CheckItem, error: string) {
  await transactWrite([
    tx.update(
      EligibilityCheckEntity.patch({ tenantId, checkId: check.checkId }).set({ status: "failed", error }).params(),
    ),
    ...(check.batchId
      ? [
          tx.update(
            EligibilityBatchEntity.patch({ tenantId, batchId: check.batchId })
              .add({ failed: 1 })
              .set({ updatedAt: now() })
              .params(),
          ),
        ]
      : []),
  ]);
}

/** The summary the scrubber and the patient page read. */
const latestOf = (check: CheckItem, answeredAt: string, r: EligibilityResult): LatestEligibility => ({
  checkId: check.checkId,
  answeredAt,
  serviceDate: check.serviceDate,
  asked: check.asked as Asked,
  subscriber: r.subscriber,
  ...(r.dependent ? { dependent: r.dependent } : {}),
  status: r.status,
  coverageDates: r.coverageDates,
  rejections: r.rejections,
  mismatches: r.mismatches,
  officeVisit: r.officeVisit,
});

/**
 * One 271 answer for its check, in one transaction: the check answered, the coverage's latest
 * answer (unless a later one is there already), the batch's counts, the event. Answering a check
 * twice (a redelivered file) changes nothing.
 */
export async function recordAnswer(tenantId: string, check: CheckItem, e: Eligibility271, responseKey?: string) {
  const schedule = await feeScheduleOfPractice(systemPrincipal(tenantId, "eligibility"), check.practiceId);
  const result = toResult(e, check.asked as Asked, feeFor(schedule.entries, "99213", []));
  const answeredAt = now();
  const items = (withLatest: boolean): TxItem[] => [
    tx.update(
      EligibilityCheckEntity.patch({ tenantId, checkId: check.checkId })
        .set({ status: "answered", answeredAt, result, ...(responseKey ? { responseKey } : {}) })
        .remove(["error"])
        .where((a, op) => op.ne(a.status, "answered"))
        .params(),
      "check",
    ),
    ...(withLatest
      ? [
          tx.put(
            EligibilityLatestEntity.put({
              tenantId,
              patientId: check.patientId,
              coverageId: check.coverageId,
              checkId: check.checkId,
              answeredAt,
              serviceDate: check.serviceDate,
              summary: latestOf(check, answeredAt, result),
            })
              .where((a, op) => `${op.notExists(a.answeredAt)} OR ${op.lt(a.answeredAt, answeredAt)}`)
              .params(),
            "latest",
          ),
        ]
      : []),
    ...(check.batchId
      ? [
          tx.update(
            EligibilityBatchEntity.patch({ tenantId, batchId: check.batchId })
              .add({ answered: 1, [result.status === "unknown" ? "failed" : result.status]: 1 })
              .set({ updatedAt: answeredAt })
              .params(),
          ),
        ]
      : []),
    eventPut(
      tenantId,
      {
        type: "eligibility.answered",
        practiceId: check.practiceId,
        ids: { checkId: check.checkId, patientId: check.patientId, coverageId: check.coverageId },
        status: result.status,
      },
      answeredAt,
    ),
  ];
  try {
    await transactWrite(items(true));
  } catch (err) {
    if (!(err instanceof TransactionConflict)) throw err;
    if (err.failed("check")) return; // answered already
    if (err.failed("latest")) return transactWrite(items(false)); // a later answer is the latest
    throw err;
  }
}

/** A 271 file from the clearinghouse: each answer to the check whose trace number it echoes. */
export async function applyEligibilityFile(tenantId: string, text: string, responseKey?: string) {
  const summary = { answers: 0, matched: 0, unknown: 0 };
  for (const e of read271(text)) {
    summary.answers++;
    const [check] = e.traceNumber ? await checksById(tenantId, [e.traceNumber]) : [];
    if (!check) {
      summary.unknown++;
      log("warn", "271 answer for no check of ours", { tenantId });
      continue;
    }
    await recordAnswer(tenantId, check, e, responseKey);
    summary.matched++;
  }
  return summary;
}

/** The latest answer for a coverage (one read), for the scrubber's coverage rule. */
export async function latestEligibility(
  tenantId: string,
  patientId: string,
  coverageId: string,
): Promise<LatestEligibility | undefined> {
  const { data } = await EligibilityLatestEntity.get({ tenantId, patientId, coverageId }).go();
  return (data?.summary as LatestEligibility | undefined) ?? undefined;
}
