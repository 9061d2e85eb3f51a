import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { Claim } from "../claim/index.ts";
import { getPractice } from "../practice/index.ts";
import { payerForSystem } from "../payer/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import type { Principal } from "../shared/context.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { addDays, todayIn } from "../shared/dates.ts";
import { renderPdf } from "../shared/pdf.ts";
import type { Address } from "../shared/schema.ts";
import { presign } from "../shared/storage.ts";
import { letterLines, type LetterFacts } from "./letter.ts";
import type { AppealRecord } from "./appeal.store.ts";
import { levelName } from "./rules.ts";

/** Where an appeal's files live in the document bucket. */
export const appealPrefix = (tenantId: string, appealId: string) => `${tenantId}/appeals/${appealId}`;
export const letterKey = (tenantId: string, appealId: string, version: number) =>
  `${appealPrefix(tenantId, appealId)}/letter-${version}.pdf`;
export const attachmentKey = (tenantId: string, appealId: string, attachmentId: string) =>
  `${appealPrefix(tenantId, appealId)}/attachments/${attachmentId}`;

const dateOf = (iso?: string, tz = "UTC") => (iso ? todayIn(tz, new Date(iso)) : undefined);

/** The letter's facts from the appeal, its claim, the practice, the payer and the company. */
export async function letterFacts(
  p: Principal,
  a: AppealRecord,
  claim: Claim,
  previous?: AppealRecord,
): Promise<LetterFacts> {
  const [practice, payer, tenant] = await Promise.all([
    getPractice(p, claim.practiceId),
    payerForSystem(p.tenantId, claim.payerId),
    tenantForSystem(p.tenantId),
  ]);
  const d = claim.doc;
  const tz = practice.timeZone;
  const lines = d.lines.filter((l) => !a.lineIds || a.lineIds.includes(l.lineId));
  return {
    date: todayIn(tz),
    company: tenant?.name ?? "",
    practice: { legalName: practice.legalName, npi: practice.npi, taxId: practice.taxId, address: practice.address },
    payer: { name: d.coverage.payerName, ...(payer?.address ? { address: payer.address as Address } : {}) },
    levelName: levelName(a.level, d.coverage.claimFilingIndicator),
    family: a.family,
    patient: {
      name: [d.patient.firstName, d.patient.middleName, d.patient.lastName].filter(Boolean).join(" "),
      dateOfBirth: d.patient.dateOfBirth,
      memberId: d.coverage.memberId,
      groupNumber: d.coverage.groupNumber,
      accountNumber: d.patient.accountNumber,
    },
    claim: {
      claimId: claim.claimId,
      payerClaimControlNumber: claim.payerClaimControlNumber,
      serviceDate: d.serviceDate,
      serviceDateTo: d.serviceDateTo,
      totalChargeCents: claim.totalChargeCents,
      priorAuthorization: d.priorAuthorization,
      firstSubmittedOn: dateOf(claim.firstSubmittedAt, tz),
      lastSubmittedOn: dateOf(claim.lastSubmittedAt ?? claim.firstSubmittedAt, tz),
      submissions: claim.submissions,
      timelyFilingDays: d.coverage.timelyFilingDays,
      timelyFilingDeadline: addDays(d.serviceDate, d.coverage.timelyFilingDays),
    },
    lines: lines.map((l) => ({
      lineNumber: l.lineNumber,
      serviceDate: l.serviceDate,
      procedureCode: l.procedureCode,
      modifiers: l.modifiers,
      units: l.units,
      chargeCents: l.chargeCents,
      deniedCents: a.lineDenied?.[l.lineId] ?? 0,
    })),
    reasons: a.reasons,
    deniedOn: a.deniedOn,
    amountCents: a.amountCents,
    argument: a.argument,
    attachments: a.attachments.filter((x) => x.status === "stored").map((x) => x.fileName),
    ...(previous
      ? {
          previous: {
            levelName: levelName(previous.level, d.coverage.claimFilingIndicator),
            decidedOn: previous.decision?.decidedOn,
          },
        }
      : {}),
  };
}

/** Writes the letter of the appeal's current `letterVersion` (PHI stays in the document bucket, never in logs). */
export async function writeLetter(p: Principal, a: AppealRecord, claim: Claim, previous?: AppealRecord) {
  const facts = await letterFacts(p, a, claim, previous);
  await s3Client().send(
    new PutObjectCommand({
      Bucket: bucketName("DocumentBucket"),
      Key: letterKey(p.tenantId, a.appealId, a.letterVersion),
      Body: renderPdf(letterLines(facts), `Appeal ${a.appealId}`),
      ContentType: "application/pdf",
    }),
  );
}

export const letterUrl = (tenantId: string, a: Pick<AppealRecord, "appealId" | "letterVersion">) =>
  presign("DocumentBucket", letterKey(tenantId, a.appealId, a.letterVersion));
