import { getClaim } from "../claim/index.ts";
import { getPractice } from "../practice/index.ts";
import { payerForSystem } from "../payer/index.ts";
import { tenantForSystem } from "../tenant/index.ts";
import { canSeePractice, type Principal } from "../shared/context.ts";
import { todayIn } from "../shared/dates.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { authorize } from "../shared/permissions.ts";
import { renderPdf } from "../shared/pdf.ts";
import type { Address } from "../shared/schema.ts";
import { underpaymentLetterLines } from "./letter.ts";
import { read, underpaymentsById } from "./underpayment.store.ts";

/**
 * The reprocessing request for an underpayment's claim, as a PDF: every line of the claim that the
 * same 835 underpaid and that is still open or appealed. Drawn on request, never stored (it holds
 * PHI; the document goes to the asker only).
 */
export async function underpaymentLetter(p: Principal, underpaymentId: string): Promise<Buffer> {
  authorize(p, "underpayment.read");
  const u = await read(p.tenantId, underpaymentId);
  if (!u || !canSeePractice(p, u.practiceId)) throw notFound("Underpayment");
  const group = [
    ...(await underpaymentsById(p.tenantId, u.groupIds?.length ? u.groupIds : [u.underpaymentId])).values(),
  ]
    .filter((x) => x.status === "open" || x.status === "appealed")
    .sort((a, b) => (a.lineNumber ?? 0) - (b.lineNumber ?? 0));
  if (!group.length)
    throw new AppError(
      409,
      "nothing-to-request",
      "Nothing to request",
      `The underpayments of claim ${u.claimId} on this 835 are all recovered or written off`,
    );
  const [claim, practice, payer, tenant] = await Promise.all([
    getClaim(p, u.claimId),
    getPractice(p, u.practiceId),
    payerForSystem(p.tenantId, u.payerId),
    tenantForSystem(p.tenantId),
  ]);
  const d = claim.doc;
  return renderPdf(
    underpaymentLetterLines({
      date: todayIn(practice.timeZone),
      company: tenant?.name ?? "",
      practice: { legalName: practice.legalName, npi: practice.npi, taxId: practice.taxId, address: practice.address },
      payer: {
        name: payer?.name ?? d.coverage.payerName,
        ...(payer?.address ? { address: payer.address as Address } : {}),
      },
      patient: {
        name: [d.patient.firstName, d.patient.middleName, d.patient.lastName].filter(Boolean).join(" "),
        dateOfBirth: d.patient.dateOfBirth,
        memberId: d.coverage.memberId,
        groupNumber: d.coverage.groupNumber,
        accountNumber: d.patient.accountNumber,
      },
      claim: {
        claimId: claim.claimId,
        payerClaimControlNumber: u.payerClaimControlNumber ?? claim.payerClaimControlNumber,
        serviceDate: d.serviceDate,
        totalChargeCents: claim.totalChargeCents,
      },
      depositDate: u.depositDate,
      scheduleFrom: u.scheduleFrom,
      lines: group,
    }),
    `Underpayment ${u.underpaymentId}`,
  );
}
