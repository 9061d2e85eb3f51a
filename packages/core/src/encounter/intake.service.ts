import { encounterInput, type EncounterInput, type InlinePatient } from "./encounter.schema.ts";
import { mapLimit } from "../shared/pool.ts";
import { getPractice, type Practice } from "../practice/index.ts";
import { providerOfPractice } from "../provider/index.ts";
import { findPayer } from "../payer/index.ts";
import {
  findPatientsByIdentity,
  patientOfPractice,
  planCoverageUpdate,
  planNewPatient,
  type CoverageInput,
  type Patient,
} from "../patient/index.ts";
import { feeScheduleOfPractice, type FeeEntry } from "../feeschedule/index.ts";
import { coverageOf, newClaimId, scrubClaim, insertClaim, type Claim } from "../claim/index.ts";
import { buildClaimDocument } from "./claim-document.ts";
import { scrubSettings } from "../settings/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { AppError, invalid, isNotFound, problemOf, type Problem } from "../shared/errors.ts";
import { log } from "../shared/log.ts";
import type { TxItem } from "../shared/transact.ts";

export type IntakeResult =
  | {
      index: number;
      externalId?: string;
      outcome: "accepted";
      claimId: string;
      status: Claim["status"];
      findings: Claim["findings"];
    }
  | { index: number; externalId?: string; outcome: "rejected"; problem: Problem };

/** Shared per request: the practice, its fee schedule and the scrub settings are read once for a whole batch. */
interface IntakeScope {
  p: Principal;
  practice: Practice;
  fees: FeeEntry[];
  overrides: Awaited<ReturnType<typeof scrubSettings>>;
}

/** The patient the encounter is for, and the writes (a new patient, its coverage changed) its claim must carry. */
interface ResolvedPatient {
  patient: Patient;
  items: TxItem[];
}

async function resolvePatient(s: IntakeScope, e: EncounterInput): Promise<ResolvedPatient> {
  if (e.patientId) {
    try {
      return { patient: await patientOfPractice(s.p, s.practice.practiceId, e.patientId), items: [] };
    } catch (err) {
      if (isNotFound(err)) throw invalid([{ path: "patientId", message: "no such patient in this practice" }]);
      throw err;
    }
  }
  const inline = e.patient as InlinePatient;
  const matches = await findPatientsByIdentity(s.p, s.practice.practiceId, inline);
  const same = matches.filter((m) => m.sex === inline.sex);
  if (same.length === 0) return planNewPatient(s.p, s.practice.practiceId, { ...inline, status: "active" });
  // The same person (name, birth date, sex): use the record, taking the practice's latest coverage.
  const existing = same[0]!;
  const changed = inline.coverages.some(
    (n) =>
      !existing.coverages.some(
        (c) =>
          c.order === n.order &&
          c.payerId === n.payerId &&
          c.memberId === n.memberId &&
          c.groupNumber === n.groupNumber,
      ),
  );
  if (!changed) return { patient: existing, items: [] };
  const merged = [
    ...existing.coverages.filter((c) => !inline.coverages.some((n) => n.order === c.order)),
    ...inline.coverages,
  ];
  const coverages = merged.map((c) => {
    const { coverageId: _id, ...rest } = c as typeof c & { coverageId?: string };
    return rest as CoverageInput;
  });
  return planCoverageUpdate(s.p, existing, coverages);
}

async function providerInPractice(s: IntakeScope, id: string, path: string, role: "rendering" | "billing") {
  try {
    const prov = await providerOfPractice(s.p, s.practice.practiceId, id);
    if (prov.status !== "active") throw invalid([{ path, message: "this provider is inactive" }]);
    if (!prov.roles.includes(role))
      throw invalid([{ path, message: `this provider is not set up as a ${role} provider` }]);
    return prov;
  } catch (err) {
    if (isNotFound(err)) throw invalid([{ path, message: "no such provider in this practice" }]);
    throw err;
  }
}

/**
 * One encounter -> one scrubbed claim against the patient's primary coverage. Reads that do not
 * depend on each other go together: the request waits on four round trips after the key check, not eleven.
 */
async function intakeOne(s: IntakeScope, e: EncounterInput, reason: string): Promise<Claim> {
  const [rendering, billing, known] = await Promise.all([
    providerInPractice(s, e.renderingProviderId, "renderingProviderId", "rendering"),
    e.billingProviderId ? providerInPractice(s, e.billingProviderId, "billingProviderId", "billing") : undefined,
    e.patientId ? resolvePatient(s, e) : undefined,
  ]);
  // An inline patient is created or updated in the claim's own transaction: a refused encounter writes nothing.
  const { patient, items: patientWrites } = known ?? (await resolvePatient(s, e));
  const primary = patient.coverages.find((c) => c.order === "primary");
  if (!primary)
    throw invalid([
      { path: e.patientId ? "patientId" : "patient.coverages", message: "the patient has no primary coverage to bill" },
    ]);
  const payer = await findPayer(s.p, primary.payerId);
  if (!payer)
    throw invalid([{ path: "patient.coverages.0.payerId", message: "the primary coverage's payer no longer exists" }]);
  const doc = buildClaimDocument({
    claimId: newClaimId(),
    practice: s.practice,
    encounter: e,
    patient,
    coverage: coverageOf(primary, payer),
    rendering,
    billing,
    fees: s.fees,
  });
  // A duplicate visit is refused by the insert's fingerprint condition (409), not by a read first.
  const scrubbed = await scrubClaim(s.p.tenantId, doc, s.practice.timeZone, {
    overrides: s.overrides,
    skipDuplicateLookup: true,
  });
  return insertClaim(s.p, doc, scrubbed.findings, scrubbed.status, scrubbed.fingerprint, reason, patientWrites);
}

export async function intakeScope(p: Principal, practiceId: string): Promise<IntakeScope> {
  authorize(p, "encounter.submit");
  const [practice, fees, overrides] = await Promise.all([
    getPractice(p, practiceId),
    feeScheduleOfPractice(p, practiceId),
    scrubSettings(p.tenantId),
  ]);
  if (practice.status !== "active") throw invalid([{ path: "practiceId", message: "the practice is inactive" }]);
  return { p, practice, fees: fees.entries, overrides };
}

function toProblem(err: unknown): Problem {
  if (err instanceof AppError) return problemOf(err);
  throw err;
}

/** Validates and takes one raw encounter; a refusal is returned as a problem, never half-written. */
export async function intakeRaw(
  s: IntakeScope,
  raw: unknown,
  index: number,
  reason = "encounter received",
): Promise<IntakeResult> {
  const externalId =
    typeof (raw as { externalId?: unknown })?.externalId === "string"
      ? (raw as { externalId: string }).externalId
      : undefined;
  const parsed = encounterInput.safeParse(raw);
  if (!parsed.success) {
    return {
      index,
      externalId,
      outcome: "rejected",
      problem: problemOf(
        invalid(
          parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message })),
          "The encounter is not valid",
        ),
      ),
    };
  }
  try {
    const claim = await intakeOne(s, parsed.data, reason);
    return {
      index,
      externalId,
      outcome: "accepted",
      claimId: claim.claimId,
      status: claim.status,
      findings: claim.findings,
    };
  } catch (err) {
    return { index, externalId, outcome: "rejected", problem: toProblem(err) };
  }
}

/**
 * Several encounters, a few at a time; results keep the request's order. Each encounter stands
 * alone: one that fails on our side is a 500 result of its own, and the others keep theirs.
 */
export async function intakeMany(s: IntakeScope, raws: unknown[], concurrency = 4): Promise<IntakeResult[]> {
  return mapLimit(raws, concurrency, async (raw, i): Promise<IntakeResult> => {
    try {
      return await intakeRaw(s, raw, i);
    } catch (err) {
      log("error", "encounter intake failed", {
        tenantId: s.p.tenantId,
        practiceId: s.practice.practiceId,
        index: i,
        error: (err as Error).name,
      });
      return {
        index: i,
        outcome: "rejected",
        problem: problemOf(
          new AppError(
            500,
            "internal",
            "Internal error",
            "This encounter could not be taken because of an error on our side; nothing of it was written. Send it again.",
          ),
        ),
      };
    }
  });
}
