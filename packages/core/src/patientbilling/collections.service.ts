import { z } from "zod";
import { PlacementEntity } from "./patientbilling.entity.ts";
import { allocateRecovery, candidatesCsv, recoveryFee, type Candidate } from "./collections.ts";
import { accountOf, accountWrite, accountsAt } from "./account.ts";
import { dueForCollections } from "./cycle.ts";
import { positionOf } from "./statement.service.ts";
import { settingsFor } from "./settings.service.ts";
import { listPaymentPlans } from "./plan.service.ts";
import { claimsById, claimsOfPatient, claimUpdateItem, historyEvent } from "../claim/index.ts";
import { applyEntries, entriesOfClaim, entryPut, zeroBalances, type EntryDraft } from "../ledger/index.ts";
import { getPatient, patientForSystem } from "../patient/index.ts";
import { getPractice } from "../practice/index.ts";
import { Periods, withOpenMonth } from "../invoice/index.ts";
import { auditPut } from "../audit/index.ts";
import { actorOf, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { cents, isoDate } from "../shared/schema.ts";
import { TransactionConflict, transactWrite, tx } from "../shared/transact.ts";
import { conflict, invalid, notFound } from "../shared/errors.ts";
import { todayIn } from "../shared/dates.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";

export const placementInput = z.strictObject({
  practiceId: z.string().min(1).max(40),
  patientIds: z.array(z.string().min(1).max(40)).min(1).max(100),
  agencyName: z.string().trim().min(2).max(80),
  placedOn: isoDate,
  /** The agency's share of what it recovers, in basis points (3500 = 35%). */
  feeBps: z.number().int().min(0).max(10_000),
});
export const recoveryInput = z.strictObject({
  /** What the agency recovered from the patient, before its fee. */
  grossCents: cents.min(1, "must be positive"),
  recoveredOn: isoDate,
  reference: z.string().trim().max(50).optional(),
});

const PATIENT_MONEY = new Set(["patient_payment", "patient_deposit", "collection_recovery"]);

/** One patient's row for the agency, or undefined when nothing is owed. */
async function candidateOf(tenantId: string, practiceId: string, practiceName: string, patientId: string) {
  const [patient, balance, account] = await Promise.all([
    patientForSystem(tenantId, practiceId, patientId),
    positionOf(tenantId, practiceId, patientId),
    accountOf(tenantId, practiceId, patientId),
  ]);
  const owing = balance.claims.filter((v) => v.patientBalanceCents > 0);
  if (!patient || balance.balanceCents <= 0 || !owing.length) return undefined;
  const claims = await claimsOfPatient(tenantId, practiceId, patientId);
  const paid = (await Promise.all(claims.map((c) => entriesOfClaim(tenantId, c.claimId))))
    .flat()
    .filter((e) => PATIENT_MONEY.has(e.kind) && e.amountCents > 0)
    .map((e) => e.depositDate)
    .sort();
  const dates = owing.map((v) => v.serviceDate).sort();
  const c: Candidate = {
    patientId,
    accountNumber: patient.accountNumber ?? patientId,
    firstName: patient.firstName,
    ...(patient.middleName ? { middleName: patient.middleName } : {}),
    lastName: patient.lastName,
    address: patient.address as Candidate["address"],
    dateOfBirth: patient.dateOfBirth,
    ...(patient.phone ? { phone: patient.phone } : {}),
    balanceCents: balance.balanceCents,
    ...(paid.length ? { lastPaymentDate: paid.at(-1)! } : {}),
    firstServiceDate: dates[0]!,
    lastServiceDate: dates.at(-1)!,
    finalNoticeDate: account.finalNoticeDate ?? "",
    statementsSent: account.sent,
    practiceName,
  };
  return c;
}

/**
 * Accounts past their final notice by the practice's `collectionsAfterDays`, still owing, not on a
 * payment plan in good standing and not yet placed: what the biller hands to an agency.
 */
export async function collectionCandidates(p: Principal, practiceId: string, asOf?: string) {
  authorize(p, "collections.read");
  const practice = await getPractice(p, practiceId);
  const date = asOf ?? todayIn(practice.timeZone);
  const settings = await settingsFor(p.tenantId, practiceId);
  const plans = (await listPaymentPlans(p, { practiceId, status: "active" })).items;
  const onPlan = new Set(plans.filter((x) => x.inGoodStanding).map((x) => x.patientId));
  const due = (await accountsAt(p.tenantId, practiceId, "final")).filter(
    (a) => dueForCollections(a, settings.collectionsAfterDays, date) && !onPlan.has(a.patientId),
  );
  const rows = await Promise.all(due.map((a) => candidateOf(p.tenantId, practiceId, practice.legalName, a.patientId)));
  return {
    asOf: date,
    collectionsAfterDays: settings.collectionsAfterDays,
    items: rows.filter((r) => r !== undefined),
  };
}

export async function collectionCandidatesCsv(p: Principal, practiceId: string, asOf?: string) {
  return candidatesCsv((await collectionCandidates(p, practiceId, asOf)).items);
}

type PlacementItem = NonNullable<Awaited<ReturnType<ReturnType<typeof PlacementEntity.get>["go"]>>["data"]>;
const placementView = ({ tenantId: _t, ...rest }: PlacementItem) => rest;

/** Marks accounts placed with an agency: the placement (with what was owed), the account's stage (statements stop), audited. */
export async function placeAccounts(p: Principal, input: z.infer<typeof placementInput>) {
  authorize(p, "collections.manage");
  const practice = await getPractice(p, input.practiceId);
  if (input.placedOn > todayIn(practice.timeZone))
    throw invalid([{ path: "placedOn", message: "must not be in the future" }]);
  const placed = [];
  for (const [i, patientId] of input.patientIds.entries()) {
    await getPatient(p, input.practiceId, patientId).catch(() => {
      throw invalid([{ path: `patientIds.${i}`, message: "no such patient in this practice" }]);
    });
    const [account, balance] = await Promise.all([
      accountOf(p.tenantId, input.practiceId, patientId),
      positionOf(p.tenantId, input.practiceId, patientId),
    ]);
    if (account.stage === "placed")
      throw conflict(`patientIds.${i}: the account is already placed (${account.placementId})`);
    if (balance.balanceCents <= 0) throw invalid([{ path: `patientIds.${i}`, message: "the patient owes nothing" }]);
    const item = {
      tenantId: p.tenantId,
      practiceId: input.practiceId,
      placementId: newId("plc"),
      patientId,
      agencyName: input.agencyName,
      placedOn: input.placedOn,
      feeBps: input.feeBps,
      placedCents: balance.balanceCents,
      recoveredCents: 0,
      feesCents: 0,
      recoveries: [],
      placedBy: actorOf(p),
      createdAt: now(),
      version: 1,
    };
    await transactWrite([
      tx.put(PlacementEntity.create(item).params()),
      accountWrite(p.tenantId, input.practiceId, account, {
        ...account,
        stage: "placed",
        placementId: item.placementId,
      }),
      tx.put(
        auditPut(p, `patient:${patientId}`, "placed-with-agency", {
          practiceId: input.practiceId,
          note: `${item.placementId}: ${input.agencyName}, ${input.placedOn}, ${balance.balanceCents} cents, fee ${input.feeBps} bps`,
        }),
      ),
    ]).catch((err: unknown) => {
      if (err instanceof TransactionConflict) throw conflict("The account changed at the same time; retry");
      throw err;
    });
    placed.push(placementView(item));
  }
  return { items: placed };
}

/** A practice's placements, each with the patient's name (as the candidates list shows it). */
export async function listPlacements(p: Principal, practiceId: string) {
  authorize(p, "collections.read");
  await getPractice(p, practiceId);
  const { data } = await PlacementEntity.query.byPractice({ tenantId: p.tenantId, practiceId }).go({ pages: "all" });
  const items = await Promise.all(
    data.map(async (x) => {
      const patient = await patientForSystem(p.tenantId, practiceId, x.patientId);
      return { ...placementView(x), patientName: patient ? `${patient.lastName}, ${patient.firstName}` : x.patientId };
    }),
  );
  return { items };
}

/** Every placement of a practice as stored, for the reports (system read). */
export async function placementsOf(tenantId: string, practiceId: string) {
  return (await PlacementEntity.query.byPractice({ tenantId, practiceId }).go({ pages: "all" })).data;
}

/**
 * Posts what the agency reports it recovered: the gross pays the patient's oldest visits first
 * (`collection_recovery`), its fee follows as the practice's cost (`collection_agency_fee`,
 * negative, no balance moved), in the recovery date's month; the placement keeps the totals. One
 * transaction, audited.
 */
export async function recordRecovery(p: Principal, placementId: string, input: z.infer<typeof recoveryInput>) {
  authorize(p, "collections.manage");
  const placement = (await PlacementEntity.query.byId({ tenantId: p.tenantId, placementId }).go()).data[0];
  if (!placement || (p.practiceId && p.practiceId !== placement.practiceId)) throw notFound("Placement");
  const practice = await getPractice(p, placement.practiceId);
  if (input.recoveredOn > todayIn(practice.timeZone))
    throw invalid([{ path: "recoveredOn", message: "must not be in the future" }]);
  const balance = await positionOf(p.tenantId, placement.practiceId, placement.patientId);
  if (input.grossCents > balance.balanceCents)
    throw invalid([{ path: "grossCents", message: `more than the ${balance.balanceCents} cents the patient owes` }]);
  const { feeCents, netCents } = recoveryFee(input.grossCents, placement.feeBps);
  const parts = allocateRecovery(
    balance.claims.map((v) => ({
      claimId: v.claimId,
      serviceDate: v.serviceDate,
      balanceCents: v.patientBalanceCents,
    })),
    input.grossCents,
    feeCents,
  );
  if (parts.length > 20) throw invalid([{ path: "grossCents", message: "spans too many visits for one posting" }]);
  const claims = new Map(
    (
      await claimsById(
        p.tenantId,
        parts.map((x) => x.claimId),
      )
    ).map((c) => [c.claimId, c]),
  );
  const recoveryId = newId("rcv");
  const at = now();
  const actor = actorOf(p);
  const recovery = {
    recoveryId,
    recoveredOn: input.recoveredOn,
    grossCents: input.grossCents,
    feeCents,
    netCents,
    ...(input.reference ? { reference: input.reference } : {}),
    postedAt: at,
    by: actor,
  };
  await withOpenMonth(new Periods(p.tenantId), placement.practiceId, input.recoveredOn, async (month, fence) => {
    const items = parts.flatMap((part) => {
      const c = claims.get(part.claimId)!;
      const entries: EntryDraft[] = [
        { kind: "collection_recovery", amountCents: part.grossCents },
        ...(part.feeCents ? [{ kind: "collection_agency_fee" as const, amountCents: -part.feeCents }] : []),
      ];
      const balances = applyEntries(c.balances ?? zeroBalances(c.totalChargeCents), entries);
      return [
        ...entries.map((e, n) =>
          entryPut({
            tenantId: p.tenantId,
            practiceId: c.practiceId,
            month,
            entryId: `${recoveryId}-${c.claimId}-${n + 1}`,
            claimId: c.claimId,
            kind: e.kind,
            amountCents: e.amountCents,
            remittanceId: recoveryId,
            depositDate: input.recoveredOn,
            postedAt: at,
            actor,
            note: `${placement.agencyName}${input.reference ? ` ${input.reference}` : ""}`,
          }),
        ),
        tx.update(
          claimUpdateItem(p.tenantId, c.claimId, { set: { balances, updatedAt: at }, version: c.version, claim: c }),
        ),
        tx.put(
          historyEvent(
            p.tenantId,
            c.claimId,
            actor,
            {
              kind: "edit",
              fields: ["balances"],
              reason: `collection agency recovery ${recoveryId}: ${part.grossCents} cents, fee ${part.feeCents} cents`,
            },
            at,
          ),
        ),
      ];
    });
    await transactWrite(
      [
        ...items,
        tx.update(
          PlacementEntity.patch({ tenantId: p.tenantId, practiceId: placement.practiceId, placementId })
            .set({ recoveries: [...(placement.recoveries as unknown[]), recovery] })
            .add({ recoveredCents: input.grossCents, feesCents: feeCents, version: 1 })
            .where((a, op) => op.eq(a.version, placement.version))
            .params(),
        ),
        tx.put(
          auditPut(p, `placement:${placementId}`, "recovery-posted", {
            practiceId: placement.practiceId,
            note: `${recoveryId}: gross ${input.grossCents}, fee ${feeCents}, net ${netCents} cents`,
          }),
        ),
      ],
      fence,
    );
  }).catch((err: unknown) => {
    if (err instanceof TransactionConflict) throw conflict("The account changed at the same time; retry");
    throw err;
  });
  return { placementId, ...recovery, allocations: parts };
}
