import { createHash } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { StatementEntity } from "./patientbilling.entity.ts";
import type { StatementDocument, StatementKind, StatementSettings } from "./patientbilling.schema.ts";
import { statementMessage } from "./cycle.ts";
import { describeService } from "./describe.ts";
import { statementPdf } from "./statement-pdf.ts";
import { accountWrite, type Account } from "./account.ts";
import { settingsFor } from "./settings.service.ts";
import { claimsById } from "../claim/index.ts";
import { patientBalance, type VisitBalance } from "../remittance/index.ts";
import { patientForSystem, getPatient } from "../patient/index.ts";
import { getPractice, practiceForSystem } from "../practice/index.ts";
import { feeScheduleOfPractice } from "../feeschedule/index.ts";
import { hcpcsShortDescription } from "../codes/index.ts";
import { countActivity } from "../invoice/index.ts";
import { eventPut } from "../event/index.ts";
import { actorOf, systemPrincipal, type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { TransactionConflict, transactWrite, tx, type TxItem } from "../shared/transact.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { presign } from "../shared/storage.ts";
import { addDays, todayIn } from "../shared/dates.ts";
import { invalid, notFound } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";
import { log } from "../shared/log.ts";

/** Where a statement's JSON and PDF live. */
export const statementKey = (tenantId: string, practiceId: string, patientId: string, statementId: string) =>
  `${tenantId}/statements/${practiceId}/${patientId}/${statementId}`;

/** A run's statement for a patient has one id, so a redelivered job finds the statement it already sent. */
export const runStatementId = (runId: string, patientId: string) =>
  `stm_${createHash("sha256").update(`${runId}:${patientId}`).digest("hex").slice(0, 20)}`;

/** What a patient owes now, visit by visit, as the cycle and the statement see it. */
export async function positionOf(tenantId: string, practiceId: string, patientId: string) {
  return patientBalance(systemPrincipal(tenantId, "statements"), practiceId, patientId);
}
type Balance = Awaited<ReturnType<typeof positionOf>>;

/** The visits a statement lists (those with something owed) with their services in plain words. */
async function statementVisits(tenantId: string, practiceId: string, owing: VisitBalance[]) {
  const claims = new Map(
    (await claimsById(tenantId, [...new Set(owing.flatMap((v) => v.claimIds))])).map((c) => [c.claimId, c]),
  );
  const fees = await feeScheduleOfPractice(systemPrincipal(tenantId, "statements"), practiceId);
  const practice = new Map(
    fees.entries.flatMap((e) =>
      e.description
        ? [[e.modifier ? `${e.procedureCode}:${e.modifier}` : e.procedureCode, e.description] as const]
        : [],
    ),
  );
  return owing.map((v) => {
    const chain = v.claimIds.map((id) => claims.get(id)).filter((c) => c !== undefined);
    const live = chain.filter((c, i) => i === 0 || (c.status !== "voided" && c.status !== "corrected"));
    const insuranceOpen = Math.max(0, live.at(-1)?.balances?.insuranceBalanceCents ?? 0);
    return {
      claimId: v.claimId,
      serviceDate: v.serviceDate,
      services: (chain[0]?.doc.lines ?? []).map((l) => ({
        code: l.procedureCode,
        description: describeService(l.procedureCode, l.modifiers ?? [], {
          practice,
          hcpcsShort: hcpcsShortDescription,
        }),
        chargeCents: l.chargeCents,
      })),
      chargeCents: v.chargeCents,
      insurancePaidCents: v.insurancePaidCents,
      insuranceAdjustedCents: v.chargeCents - v.insurancePaidCents - v.patientResponsibilityCents - insuranceOpen,
      patientPaidCents: v.patientPaidCents,
      balanceCents: v.patientBalanceCents,
    };
  });
}

/** A statement's document: the practice as contact and payee, the patient, each visit owed, the message for its step. */
export async function buildStatement(
  tenantId: string,
  practiceId: string,
  patientId: string,
  s: { statementId: string; kind: StatementKind; sequence: number; statementDate: string },
  balance: Balance,
  settings: StatementSettings,
): Promise<StatementDocument> {
  const [practice, patient] = await Promise.all([
    practiceForSystem(tenantId, practiceId),
    patientForSystem(tenantId, practiceId, patientId),
  ]);
  if (!practice || !patient) throw notFound("Patient");
  const owing = balance.claims
    .filter((v) => v.patientBalanceCents > 0)
    .sort((a, b) => a.serviceDate.localeCompare(b.serviceDate));
  const amountDueCents = owing.reduce((t, v) => t + v.patientBalanceCents, 0);
  const dueDate = addDays(s.statementDate, settings.paymentDueDays);
  const phone = (practice as { phone?: string }).phone;
  return {
    ...s,
    dueDate,
    accountNumber: patient.accountNumber ?? patientId,
    practice: {
      name: practice.legalName,
      address: practice.address as StatementDocument["remitTo"],
      ...(phone ? { phone } : {}),
    },
    remitTo: settings.remitTo ?? (practice.address as StatementDocument["remitTo"]),
    patient: {
      patientId,
      name: [patient.firstName, patient.middleName, patient.lastName].filter(Boolean).join(" "),
      address: patient.address as StatementDocument["remitTo"],
    },
    visits: await statementVisits(tenantId, practiceId, owing),
    amountDueCents,
    pendingSecondaryCents: balance.pendingSecondaryCents,
    message: statementMessage(s.kind, s.sequence, amountDueCents, dueDate, phone),
  };
}

/**
 * Stores a statement (JSON and PDF in S3, first) and records it in one transaction: the history
 * record (once: a redelivered run finds it there), the patient's account moved on, the month's
 * statement count (a billable item of the contract) and a `statement.issued` event.
 */
export async function storeStatement(
  tenantId: string,
  practiceId: string,
  doc: StatementDocument,
  by: string,
  extra: { runId?: string; account?: TxItem } = {},
): Promise<{ key: string; recorded: boolean }> {
  const key = statementKey(tenantId, practiceId, doc.patient.patientId, doc.statementId);
  const Bucket = bucketName("DocumentBucket");
  const put = (suffix: string, Body: string | Buffer, ContentType: string) =>
    s3Client().send(new PutObjectCommand({ Bucket, Key: `${key}.${suffix}`, Body, ContentType }));
  await put("json", JSON.stringify(doc, null, 2), "application/json");
  await put("pdf", statementPdf(doc), "application/pdf");
  const at = now();
  const record = StatementEntity.create({
    tenantId,
    practiceId,
    patientId: doc.patient.patientId,
    statementDate: doc.statementDate,
    statementId: doc.statementId,
    kind: doc.kind,
    sequence: doc.sequence,
    amountDueCents: doc.amountDueCents,
    dueDate: doc.dueDate,
    ...(extra.runId ? { runId: extra.runId } : {}),
    key,
    issuedAt: at,
    issuedBy: by,
  }).params();
  try {
    await transactWrite([
      tx.put(record, "statement"),
      ...(extra.account ? [extra.account] : []),
      countActivity(tenantId, practiceId, doc.statementDate.slice(0, 7), "statements-sent"),
      eventPut(
        tenantId,
        {
          type: "statement.issued",
          practiceId,
          ids: { statementId: doc.statementId, patientId: doc.patient.patientId },
          status: doc.kind,
        },
        at,
      ),
    ]);
    return { key, recorded: true };
  } catch (err) {
    if (err instanceof TransactionConflict && err.failed("statement")) return { key, recorded: false };
    throw err;
  }
}

/** A statement issued by hand (the billing company's work): what is owed now; it does not move the cycle. */
export async function createStatement(p: Principal, practiceId: string, patientId: string) {
  authorize(p, "statement.issue");
  const practice = await getPractice(p, practiceId);
  await getPatient(p, practiceId, patientId);
  const balance = await positionOf(p.tenantId, practiceId, patientId);
  const settings = await settingsFor(p.tenantId, practiceId);
  const statementDate = todayIn(practice.timeZone);
  const doc = await buildStatement(
    p.tenantId,
    practiceId,
    patientId,
    { statementId: newId("stm"), kind: "on_demand", sequence: 0, statementDate },
    balance,
    settings,
  );
  const { key } = await storeStatement(p.tenantId, practiceId, doc, actorOf(p));
  log("info", "statement issued", { tenantId: p.tenantId, practiceId, patientId, statementId: doc.statementId });
  return {
    ...doc,
    issuedAt: now(),
    jsonUrl: await presign("DocumentBucket", `${key}.json`),
    pdfUrl: await presign("DocumentBucket", `${key}.pdf`),
  };
}

/** The statements a patient was sent, newest first, each with a 15-minute link to its PDF. */
export async function statementHistory(p: Principal, practiceId: string, patientId: string) {
  await getPatient(p, practiceId, patientId);
  const { data } = await StatementEntity.query
    .byPatient({ tenantId: p.tenantId, practiceId, patientId })
    .go({ pages: "all", order: "desc" });
  return {
    items: await Promise.all(
      data.map(async ({ tenantId: _t, practiceId: _p, patientId: _pt, key, ...r }) => ({
        ...r,
        pdfUrl: await presign("DocumentBucket", `${key}.pdf`),
      })),
    ),
  };
}

/** A statement the cycle sends (run jobs): the document, stored and recorded with the account's next state. */
export async function sendCycleStatement(
  tenantId: string,
  practiceId: string,
  patientId: string,
  step: { kind: Exclude<StatementKind, "on_demand">; sequence: number; runId: string; runDate: string },
  balance: Balance,
  settings: StatementSettings,
  account: Account,
  next: Parameters<typeof accountWrite>[3],
) {
  const statementId = runStatementId(step.runId, patientId);
  const doc = await buildStatement(
    tenantId,
    practiceId,
    patientId,
    { statementId, kind: step.kind, sequence: step.sequence, statementDate: step.runDate },
    balance,
    settings,
  );
  if (doc.amountDueCents <= 0) throw invalid([{ path: "patientId", message: "nothing is owed" }]);
  const stored = await storeStatement(tenantId, practiceId, doc, `system:statement-run:${step.runId}`, {
    runId: step.runId,
    account: accountWrite(tenantId, practiceId, account, { ...next, lastStatementId: statementId }),
  });
  return { doc, ...stored };
}

/** The statement a run already sent this patient (a redelivered job), if any. */
export async function sentInRun(
  tenantId: string,
  practiceId: string,
  patientId: string,
  runId: string,
  runDate: string,
) {
  const { data } = await StatementEntity.get({
    tenantId,
    practiceId,
    patientId,
    statementDate: runDate,
    statementId: runStatementId(runId, patientId),
  }).go({ consistent: true });
  return data ?? undefined;
}
