import { PatientEntity } from "./patient.entity.ts";
import {
  matchKey,
  type Coverage,
  type CoverageInput,
  type Patient,
  type PatientInput,
  type PatientPatch,
} from "./patient.schema.ts";
import { getPractice } from "../practice/index.ts";
import { findPayer } from "../payer/index.ts";
import { newId } from "../shared/ids.ts";
import { now, runPage } from "../shared/db.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { invalid, notFound, type FieldError } from "../shared/errors.ts";
import { transactWrite, tx, type TxItem } from "../shared/transact.ts";
import { changedFields, versionedUpdate, versionedUpdateItems } from "../shared/versioned.ts";
import { auditPut } from "../audit/index.ts";
import type { ListQuery, Page } from "../shared/schema.ts";

const view = ({ tenantId: _t, matchKey: _m, ...rest }: Record<string, unknown>) => rest as Patient;

/** Coverages must name payers of this tenant; each gets a stable id (kept across edits by order). */
async function resolveCoverages(p: Principal, input: CoverageInput[], previous: Coverage[] = []): Promise<Coverage[]> {
  const errors: FieldError[] = [];
  const out: Coverage[] = [];
  for (const [i, c] of input.entries()) {
    if (!(await findPayer(p, c.payerId))) errors.push({ path: `coverages.${i}.payerId`, message: "no such payer" });
    const prior = previous.find((x) => x.order === c.order && x.payerId === c.payerId && x.memberId === c.memberId);
    out.push({ ...(c as Coverage), coverageId: prior?.coverageId ?? newId("cov") });
  }
  if (errors.length) throw invalid(errors);
  return out;
}

export async function createPatient(p: Principal, practiceId: string, input: PatientInput): Promise<Patient> {
  authorize(p, "patient.write");
  await getPractice(p, practiceId);
  const planned = await planNewPatient(p, practiceId, input);
  await transactWrite(planned.items);
  return planned.patient;
}

/**
 * A new patient's writes, not yet made: for a caller whose own write must succeed with it or not
 * at all (an encounter registering its patient). The practice must have been checked.
 */
export async function planNewPatient(
  p: Principal,
  practiceId: string,
  input: PatientInput,
): Promise<{ patient: Patient; items: TxItem[] }> {
  const coverages = await resolveCoverages(p, input.coverages);
  const patientId = newId("pat");
  const at = now();
  const item = {
    tenantId: p.tenantId,
    practiceId,
    patientId,
    ...input,
    coverages,
    matchKey: matchKey(input),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return {
    patient: view(item),
    items: [
      tx.put(PatientEntity.create(item).params()),
      tx.put(auditPut(p, `patient:${patientId}`, "created", { practiceId })),
    ],
  };
}

/** An update of a patient's coverages, not yet written, conditional on the version read. */
export async function planCoverageUpdate(
  p: Principal,
  current: Patient,
  coverages: CoverageInput[],
): Promise<{ patient: Patient; items: TxItem[] }> {
  const resolved = await resolveCoverages(p, coverages, current.coverages);
  const { practiceId, patientId } = current;
  const planned = versionedUpdateItems(
    PatientEntity,
    { tenantId: p.tenantId, practiceId, patientId },
    current.version,
    { coverages: resolved },
    auditPut(p, `patient:${patientId}`, "updated", { practiceId, fields: ["coverages"] }),
  );
  return {
    patient: { ...current, coverages: resolved, version: planned.version, updatedAt: planned.updatedAt },
    items: planned.items,
  };
}

export async function getPatient(p: Principal, practiceId: string, patientId: string): Promise<Patient> {
  await getPractice(p, practiceId);
  return patientOfPractice(p, practiceId, patientId);
}

/** The patient, for a caller that has already checked the practice (one read instead of two). */
export async function patientOfPractice(p: Principal, practiceId: string, patientId: string): Promise<Patient> {
  const { data } = await PatientEntity.get({ tenantId: p.tenantId, practiceId, patientId }).go();
  if (!data) throw notFound("Patient");
  return view(data);
}

export async function listPatients(p: Principal, practiceId: string, q: ListQuery): Promise<Page<Patient>> {
  await getPractice(p, practiceId);
  const page = await runPage(() =>
    PatientEntity.query
      .byPractice({ tenantId: p.tenantId, practiceId })
      .go({ limit: q.limit, cursor: q.cursor ?? null }),
  );
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

/** Patients of the practice with the same normalised name and birth date. */
export async function findPatientsByIdentity(
  p: Principal,
  practiceId: string,
  who: { lastName: string; firstName: string; dateOfBirth: string },
): Promise<Patient[]> {
  const { data } = await PatientEntity.query
    .byMatchKey({ tenantId: p.tenantId, practiceId })
    .begins({ matchKey: matchKey(who) })
    .go({ pages: "all" });
  return data.filter((d) => d.matchKey === matchKey(who)).map(view);
}

export async function updatePatient(
  p: Principal,
  practiceId: string,
  patientId: string,
  patch: PatientPatch,
  ifMatch?: number,
): Promise<Patient> {
  authorize(p, "patient.write");
  const current = await getPatient(p, practiceId, patientId);
  const changes: Record<string, unknown> = { ...patch };
  if (patch.coverages) changes.coverages = await resolveCoverages(p, patch.coverages, current.coverages);
  const merged = { ...current, ...changes } as Patient;
  if (patch.firstName || patch.lastName || patch.dateOfBirth) changes.matchKey = matchKey(merged);
  const { version, updatedAt } = await versionedUpdate(
    PatientEntity,
    { tenantId: p.tenantId, practiceId, patientId },
    current.version,
    changes,
    ifMatch,
    auditPut(p, `patient:${patientId}`, "updated", { practiceId, fields: changedFields(current, patch) }),
  );
  return { ...merged, version, updatedAt };
}

/** The patient as stored, for a system actor (a secondary claim made by posting): no principal. */
export async function patientForSystem(tenantId: string, practiceId: string, patientId: string) {
  return (await PatientEntity.get({ tenantId, practiceId, patientId }).go()).data ?? undefined;
}
