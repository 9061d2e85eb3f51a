import { EligibilityBatchEntity, EligibilityCheckEntity, EligibilityLatestEntity } from "./eligibility.entity.ts";
import type {
  EligibilityBatchInput,
  EligibilityBatchView,
  EligibilityCheckInput,
  EligibilityCheckView,
  LatestEligibility,
} from "./eligibility.schema.ts";
import { inquiryFor } from "./inquiry.ts";
import { checkView, checksById, runChecks, type CheckItem } from "./check.service.ts";
import { CHECKS_PER_MESSAGE, ELIGIBILITY_QUEUE, eligibilityMessages } from "./messages.ts";
import { openRealtimeClearinghouse } from "../clearinghouse/index.ts";
import { getPatient, patientOfPractice, type Patient } from "../patient/index.ts";
import { getPractice } from "../practice/index.ts";
import { auditPut } from "../audit/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { todayIn } from "../shared/dates.ts";
import { now } from "../shared/db.ts";
import { invalid, notFound, type FieldError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { authorize } from "../shared/permissions.ts";
import { sendMessages } from "../shared/queue.ts";
import { transactWrite, tx, type TxItem } from "../shared/transact.ts";

type Selection = { coverageId?: string; coverage?: "primary" | "secondary" | "tertiary" };

function coverageOf(patient: Patient, sel: Selection) {
  const c = sel.coverageId
    ? patient.coverages.find((x) => x.coverageId === sel.coverageId)
    : patient.coverages.find((x) => x.order === (sel.coverage ?? "primary"));
  return c;
}

/** A new queued check's item, for one coverage of a patient. */
function newCheck(
  p: Principal,
  practiceId: string,
  patient: Patient,
  coverage: Patient["coverages"][number],
  serviceDate: string,
  serviceTypes: string[],
  batchId?: string,
) {
  const checkId = newId("elg");
  const { asked } = inquiryFor(checkId, patient, coverage, serviceDate, serviceTypes);
  return {
    tenantId: p.tenantId,
    checkId,
    practiceId,
    patientId: patient.patientId,
    coverageId: coverage.coverageId,
    payerId: coverage.payerId,
    asked,
    serviceDate,
    serviceTypes,
    status: "queued" as const,
    ...(batchId ? { batchId } : {}),
    requestedBy: actorOf(p),
    requestedAt: now(),
  };
}

/**
 * Checks one coverage. With a clearinghouse that answers in real time (the sandbox), the answer
 * is in the response; otherwise the 270 is queued, sent by the eligibility worker, and answered
 * when the 271 comes back (`status` says which).
 */
export async function requestEligibility(p: Principal, input: EligibilityCheckInput): Promise<EligibilityCheckView> {
  authorize(p, "eligibility.check");
  const practice = await getPractice(p, input.practiceId);
  const patient = await patientOfPractice(p, input.practiceId, input.patientId);
  const coverage = coverageOf(patient, input);
  if (!coverage)
    throw invalid([
      {
        path: input.coverageId ? "coverageId" : "coverage",
        message: `the patient has no ${input.coverageId ? "such" : (input.coverage ?? "primary")} coverage`,
      },
    ]);
  const item = newCheck(
    p,
    input.practiceId,
    patient,
    coverage,
    input.serviceDate ?? todayIn(practice.timeZone),
    input.serviceTypes ?? ["30"],
  );
  await transactWrite([
    tx.put(EligibilityCheckEntity.create(item).params()),
    tx.put(
      auditPut(p, `patient:${patient.patientId}`, "eligibility.requested", {
        practiceId: input.practiceId,
        note: item.checkId,
      }),
    ),
  ]);
  const realtime = await openRealtimeClearinghouse(p.tenantId);
  if (realtime) await runChecks(p.tenantId, [item.checkId], async () => realtime);
  else await sendMessages(ELIGIBILITY_QUEUE, eligibilityMessages, [{ tenantId: p.tenantId, checkIds: [item.checkId] }]);
  return getCheck(p, item.checkId);
}

export async function getCheck(p: Principal, checkId: string): Promise<EligibilityCheckView> {
  const [c] = await checksById(p.tenantId, [checkId]);
  if (!c || (p.practiceId && c.practiceId !== p.practiceId)) throw notFound("Eligibility check");
  return checkView(c);
}

/** A patient's coverages with the latest answer for each, and their checks, newest first. */
export async function patientEligibility(p: Principal, practiceId: string, patientId: string) {
  const patient = await getPatient(p, practiceId, patientId);
  const [latest, checks] = await Promise.all([
    Promise.all(
      patient.coverages.map((c) =>
        EligibilityLatestEntity.get({ tenantId: p.tenantId, patientId, coverageId: c.coverageId }).go(),
      ),
    ),
    EligibilityCheckEntity.query.byPatient({ tenantId: p.tenantId, patientId }).go({ order: "desc", limit: 25 }),
  ]);
  return {
    patientId,
    coverages: patient.coverages.map((c, i) => ({
      coverageId: c.coverageId,
      order: c.order,
      payerId: c.payerId,
      memberId: c.memberId,
      ...(latest[i]?.data ? { latest: latest[i].data.summary as LatestEligibility } : {}),
    })),
    checks: checks.data.map((c) => checkView(c as CheckItem)),
  };
}

/**
 * Checks a list of upcoming visits (tomorrow's schedule). Every visit is checked before anything
 * is written: a visit naming no patient or coverage of the practice is a 422 naming it, and
 * nothing is queued. The checks then run through SQS, 50 to a message.
 */
export async function createEligibilityBatch(
  p: Principal,
  input: EligibilityBatchInput,
): Promise<EligibilityBatchView> {
  authorize(p, "eligibility.check");
  await getPractice(p, input.practiceId);
  const batchId = newId("elb");
  const errors: FieldError[] = [];
  const patients = new Map<string, Patient | undefined>();
  const checks: ReturnType<typeof newCheck>[] = [];
  for (const [i, v] of input.visits.entries()) {
    if (!patients.has(v.patientId))
      patients.set(v.patientId, await patientOfPractice(p, input.practiceId, v.patientId).catch(() => undefined));
    const patient = patients.get(v.patientId);
    const coverage = patient && coverageOf(patient, v);
    if (!patient) errors.push({ path: `visits.${i}.patientId`, message: "no such patient in this practice" });
    else if (!coverage) errors.push({ path: `visits.${i}.coverage`, message: "the patient has no such coverage" });
    else checks.push(newCheck(p, input.practiceId, patient, coverage, v.serviceDate, ["30"], batchId));
  }
  if (errors.length)
    throw invalid(errors.slice(0, 50), `${errors.length} of ${input.visits.length} visits cannot be checked`);
  const at = now();
  const batch = {
    tenantId: p.tenantId,
    batchId,
    practiceId: input.practiceId,
    checkIds: checks.map((c) => c.checkId),
    total: checks.length,
    answered: 0,
    active: 0,
    inactive: 0,
    rejected: 0,
    failed: 0,
    createdBy: actorOf(p),
    createdAt: at,
    updatedAt: at,
  };
  const writes: TxItem[] = checks.map((c) => tx.put(EligibilityCheckEntity.create(c).params()));
  // The checks go in first, in transactions of up to 100; the batch last, so a batch never names a missing check.
  for (let i = 0; i < writes.length; i += 99) await transactWrite(writes.slice(i, i + 99));
  await transactWrite([
    tx.put(EligibilityBatchEntity.create(batch).params()),
    tx.put(
      auditPut(p, `eligibilityBatch:${batchId}`, "created", {
        practiceId: input.practiceId,
        note: `${checks.length} visits`,
      }),
    ),
  ]);
  const messages = [];
  for (let i = 0; i < batch.checkIds.length; i += CHECKS_PER_MESSAGE)
    messages.push({ tenantId: p.tenantId, checkIds: batch.checkIds.slice(i, i + CHECKS_PER_MESSAGE) });
  await sendMessages(ELIGIBILITY_QUEUE, eligibilityMessages, messages);
  return batchView(batch);
}

const batchView = (
  {
    tenantId: _t,
    checkIds: _c,
    ...b
  }: { tenantId: string; checkIds: string[] } & Omit<EligibilityBatchView, "status" | "checks">,
  checks?: EligibilityCheckView[],
): EligibilityBatchView => ({
  ...b,
  status: b.answered + b.failed >= b.total ? "done" : "running",
  ...(checks ? { checks } : {}),
});

export async function getEligibilityBatch(p: Principal, batchId: string): Promise<EligibilityBatchView> {
  const { data } = await EligibilityBatchEntity.get({ tenantId: p.tenantId, batchId }).go({ consistent: true });
  if (!data || (p.practiceId && data.practiceId !== p.practiceId)) throw notFound("Eligibility batch");
  const checks = (await checksById(p.tenantId, data.checkIds)).map(checkView);
  return batchView(data, checks);
}

export async function listEligibilityBatches(p: Principal, practiceId: string) {
  await getPractice(p, practiceId);
  const { data } = await EligibilityBatchEntity.query
    .byPractice({ tenantId: p.tenantId, practiceId })
    .go({ order: "desc", limit: 50 });
  return { items: data.map((b) => batchView(b)) };
}
