import { countActivity } from "../invoice/index.ts";
import { transactWrite } from "../shared/transact.ts";
import { eventPut } from "../event/index.ts";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { patientBalance } from "./payments.service.ts";
import { getPatient } from "../patient/index.ts";
import { getPractice } from "../practice/index.ts";
import { type Principal } from "../shared/context.ts";
import { authorize } from "../shared/permissions.ts";
import { bucketName, s3Client } from "../shared/aws.ts";
import { presign } from "../shared/storage.ts";
import { renderPdf, type PdfLine } from "../shared/pdf.ts";
import { usd } from "../shared/money.ts";
import { newId } from "../shared/ids.ts";
import { now } from "../shared/db.ts";

/**
 * A patient statement: every claim with a patient share still open, what was charged, what
 * insurance paid, what the patient owes. Written to S3 as JSON and PDF, read through 15-minute links.
 */
export async function createStatement(p: Principal, practiceId: string, patientId: string) {
  // Statements are the billing company's work (and a billable item of the contract): not a practice key's.
  authorize(p, "statement.issue");
  const practice = await getPractice(p, practiceId);
  const patient = await getPatient(p, practiceId, patientId);
  const balance = await patientBalance(p, practiceId, patientId);
  // What the patient owes now; a share pending a secondary payer is not billed to the patient yet.
  const open = balance.claims.filter((c) => c.patientBalanceCents !== 0);
  const statementId = newId("stm");
  const issuedAt = now();
  const statement = {
    statementId,
    issuedAt,
    practice: { practiceId, name: practice.legalName, address: practice.address },
    patient: {
      patientId,
      name: `${patient.firstName} ${patient.lastName}`,
      address: patient.address,
      accountNumber: patient.accountNumber,
    },
    items: open,
    amountDueCents: open.reduce((s, c) => s + c.patientBalanceCents, 0),
  };
  const a = practice.address;
  const lines: PdfLine[] = [
    { text: practice.legalName, bold: true, size: 16 },
    { text: `${a.line1}${a.line2 ? `, ${a.line2}` : ""}, ${a.city}, ${a.state} ${a.postalCode}` },
    { text: "Patient statement", bold: true, size: 13, gap: 18 },
    { text: `Statement ${statementId}, issued ${issuedAt.slice(0, 10)}` },
    {
      text: `Patient: ${statement.patient.name}${patient.accountNumber ? ` (account ${patient.accountNumber})` : ""}`,
      gap: 6,
    },
    {
      text: "Date of service  Charged     Insurance paid  Your share  You paid  You owe",
      bold: true,
      gap: 14,
      mono: true,
      size: 9,
    },
    ...open.map((c) => ({
      text: `${c.serviceDate.padEnd(16)} ${usd(c.chargeCents).padEnd(11)} ${usd(c.insurancePaidCents).padEnd(15)} ${usd(c.patientResponsibilityCents).padEnd(11)} ${usd(c.patientPaidCents).padEnd(9)} ${usd(c.patientBalanceCents)}`,
      mono: true,
      size: 9,
    })),
    { text: `Amount due: ${usd(statement.amountDueCents)}`, bold: true, size: 13, gap: 14 },
  ];
  const base = `${p.tenantId}/statements/${practiceId}/${patientId}/${statementId}`;
  const Bucket = bucketName("DocumentBucket");
  await s3Client().send(
    new PutObjectCommand({
      Bucket,
      Key: `${base}.json`,
      Body: JSON.stringify(statement, null, 2),
      ContentType: "application/json",
    }),
  );
  await s3Client().send(
    new PutObjectCommand({
      Bucket,
      Key: `${base}.pdf`,
      Body: renderPdf(lines, `Statement ${statementId}`),
      ContentType: "application/pdf",
    }),
  );
  await transactWrite([
    countActivity(p.tenantId, practiceId, issuedAt.slice(0, 7), "statements-sent"),
    eventPut(
      p.tenantId,
      { type: "statement.issued", practiceId, ids: { statementId, patientId }, status: "issued" },
      issuedAt,
    ),
  ]);
  return {
    ...statement,
    jsonUrl: await presign("DocumentBucket", `${base}.json`),
    pdfUrl: await presign("DocumentBucket", `${base}.pdf`),
  };
}
