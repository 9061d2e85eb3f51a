import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import type { ApiClient } from "./client.ts";
import { isoDaysAgo } from "./encounters.ts";
import { pollUntil, saveInbound, type WaitFor } from "./edi.ts";

/**
 * Coordination of benefits in the demo: a patient with commercial primary coverage (Blue Prairie)
 * and Medicaid as secondary. The primary's 835 creates the secondary claim in the same posting;
 * the demo sends it, the sandbox's Medicaid pays 80% of the share the primary left, and the
 * patient's statement bills only what Medicaid left, never the primary's share as well.
 */
const MEMBER = "BPH700100200";
const LINES = [
  { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1] },
  { procedureCode: "93000", chargeCents: 7500, diagnosisPointers: [1] },
];

export async function cobPatient(api: ApiClient, practice: any, payers: any[]) {
  const [primary, , medicaid] = payers;
  return api.expect(201, "POST", `/v1/practices/${practice.practiceId}/patients`, {
    firstName: "Rowan",
    lastName: "Ellison",
    dateOfBirth: "1958-03-09",
    sex: "F",
    address: {
      line1: "27 Willow Ct",
      city: practice.address.city,
      state: practice.address.state,
      postalCode: practice.address.postalCode.slice(0, 5),
    },
    coverages: [
      { payerId: primary.payerId, memberId: MEMBER, groupNumber: "GRP4410", order: "primary", relationship: "self" },
      { payerId: medicaid.payerId, memberId: "GLM300200100", order: "secondary", relationship: "self" },
    ],
  });
}

/**
 * The visit, on a date the sandbox's primary pays (its model denies about one visit in thirteen,
 * keyed on the date), so the secondary has an adjudication to coordinate with.
 */
export async function cobEncounter(api: ApiClient, practiceId: string, patientId: string, renderingProviderId: string) {
  let serviceDate = isoDaysAgo(6);
  for (let d = 6; d < 30; d++) {
    serviceDate = isoDaysAgo(d);
    const lines = LINES.map((l, i) => ({
      lineId: `L${i}`,
      procedureCode: l.procedureCode,
      modifiers: [],
      units: 1,
      chargeCents: l.chargeCents,
      serviceDate,
    }));
    if (
      adjudicate({
        claimId: "probe",
        payerId: "BPH01",
        memberId: MEMBER,
        claimFilingIndicator: "CI",
        totalChargeCents: 26000,
        lines,
      }).status === "1"
    )
      break;
  }
  return api.expect(201, "POST", `/v1/practices/${practiceId}/encounters`, {
    patientId,
    renderingProviderId,
    placeOfService: "11",
    serviceDate,
    diagnoses: ["I10"],
    lines: LINES,
  });
}

/**
 * Sends the secondary claims the primaries' postings created, waits for Medicaid's 835, and
 * writes the chain's figures to cob.json: each payer's payment and patient share, the patient's
 * balance and statement. Checks them: the patient owes what the last payer left.
 */
export async function billSecondaries(
  api: ApiClient,
  out: string,
  practiceId: string,
  patientId: string,
  waitFor: WaitFor,
) {
  const ready = (
    await api.expect<any>(200, "GET", `/v1/claims?practiceId=${practiceId}&status=ready&limit=100`)
  ).items.filter((c: any) => c.doc.primaryClaimId);
  if (!ready.length) throw new Error("no secondary claim was created for the COB patient");
  const pending = await api.expect<any>(200, "GET", `/v1/practices/${practiceId}/patients/${patientId}/balance`);
  const batch = await api.expect<any>(201, "POST", "/v1/claim-batches", { claimIds: ready.map((c: any) => c.claimId) });
  const batchId = batch.batches[0].batchId;
  await waitFor("secondary batch submitted", async () =>
    ["submitted", "failed"].includes((await api.expect<any>(200, "GET", `/v1/claim-batches/${batchId}`)).status),
  );
  const files = await pollUntil(api, waitFor, "secondary 835 posted", (f) => f.some((x) => x.kind === "835"));
  for (const f of files) await saveInbound(api, resolve(out, "edi"), f.sha256, f.name);

  const secondary = await api.expect<any>(
    200,
    "GET",
    `/v1/claims/${ready.find((c: any) => c.patientId === patientId).claimId}`,
  );
  const primary = await api.expect<any>(200, "GET", `/v1/claims/${secondary.doc.primaryClaimId}`);
  const balance = await api.expect<any>(200, "GET", `/v1/practices/${practiceId}/patients/${patientId}/balance`);
  const statement = await api.expect<any>(201, "POST", `/v1/practices/${practiceId}/patients/${patientId}/statements`);
  const cob = {
    chargeCents: primary.totalChargeCents,
    primary: {
      claimId: primary.claimId,
      status: primary.status,
      paidCents: primary.balances.insurancePaidCents,
      adjustedCents: primary.balances.adjustedCents,
      patientShareCents: primary.balances.patientResponsibilityCents,
      movedToSecondaryCents: primary.balances.transferredCents,
    },
    pendingSecondaryBeforeItPaidCents: pending.pendingSecondaryCents,
    secondary: {
      claimId: secondary.claimId,
      status: secondary.status,
      paidCents: secondary.balances.insurancePaidCents,
      patientShareCents: secondary.balances.patientResponsibilityCents,
    },
    patientBalanceCents: balance.balanceCents,
    statementAmountDueCents: statement.amountDueCents,
  };
  writeFileSync(
    resolve(out, "cob.json"),
    JSON.stringify({ ...cob, balance, statement: { ...statement, jsonUrl: undefined, pdfUrl: undefined } }, null, 2),
  );
  // The rules, checked on the demo's own figures.
  const expectEq = (what: string, a: number, b: number) => {
    if (a !== b) throw new Error(`COB demo: ${what} is ${a}, expected ${b}`);
  };
  expectEq("the share pending secondary", cob.pendingSecondaryBeforeItPaidCents, cob.primary.patientShareCents);
  expectEq(
    "charge = primary paid + adjusted + share",
    cob.chargeCents,
    cob.primary.paidCents + cob.primary.adjustedCents + cob.primary.patientShareCents,
  );
  expectEq(
    "the secondary's payment + what it left = the primary's share",
    cob.secondary.paidCents + cob.secondary.patientShareCents,
    cob.primary.patientShareCents,
  );
  expectEq(
    "the statement's amount due (what the last payer left)",
    cob.statementAmountDueCents,
    cob.secondary.patientShareCents,
  );
  return cob;
}
