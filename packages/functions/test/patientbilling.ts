import { expect } from "vitest";
import { runPracticeStatements } from "@claimledger/core/patientbilling/index.ts";
import { pdfText } from "@claimledger/core/shared/pdf.ts";
import { call } from "./http.ts";
import { world, type World } from "./era.ts";

/**
 * Patient-billing helpers: a patient of the world's practice with the given name (accents and all),
 * statement runs driven as the statement-run worker drives them (the queue message is left alone,
 * as every test does), PDFs read back as text.
 */
export async function patientOf(
  w: World,
  who: { firstName: string; lastName: string; accountNumber?: string; postalCode?: string },
  coverages = [
    {
      payerId: w.payers[0]!,
      memberId: `M${Math.random().toString(36).slice(2, 10)}`,
      order: "primary",
      relationship: "self",
    },
  ],
) {
  const res = await call("POST", `/v1/practices/${w.practiceId}/patients`, {
    key: w.key,
    body: {
      firstName: who.firstName,
      lastName: who.lastName,
      dateOfBirth: "1979-03-14",
      sex: "F",
      phone: "2175550142",
      ...(who.accountNumber ? { accountNumber: who.accountNumber } : {}),
      address: { line1: "48 Elm St", city: "Springfield", state: "IL", postalCode: who.postalCode ?? "62704" },
      coverages,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...w, patientId: res.body.patientId as string };
}

/** A world whose practice has a billing phone (printed on statements). */
export async function billingWorld(coverages: 1 | 2 = 1) {
  const w = await world(coverages);
  const practice = await call("GET", `/v1/practices/${w.practiceId}`, { key: w.key });
  const patched = await call("PATCH", `/v1/practices/${w.practiceId}`, {
    key: w.key,
    body: { phone: "2175550100" },
    headers: { "if-match": `"${practice.body.version}"` },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return w;
}

/** Starts a run for the practice on `runDate` and runs its job; answers the finished run. */
export async function statementRun(w: World, runDate: string) {
  const res = await call("POST", "/v1/statement-runs", { key: w.key, body: { practiceId: w.practiceId, runDate } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await runPracticeStatements({ tenantId: w.tenantId, runId: res.body.runId, practiceId: w.practiceId, runDate });
  const run = await call("GET", `/v1/statement-runs/${res.body.runId}`, { key: w.key });
  expect(run.body.status).toBe("done");
  return run.body;
}

export const pdfAt = async (url: string) => pdfText(Buffer.from(await (await fetch(url)).arrayBuffer()));

export const history = async (w: World, patientId = w.patientId) =>
  (await call("GET", `/v1/practices/${w.practiceId}/patients/${patientId}/statements`, { key: w.key })).body.items;

export const desk = (w: World, amountCents: number, paymentDate: string, patientId = w.patientId) =>
  call("POST", `/v1/practices/${w.practiceId}/patients/${patientId}/desk-payments`, {
    key: w.key,
    body: { amountCents, method: "card", paymentDate },
  });
