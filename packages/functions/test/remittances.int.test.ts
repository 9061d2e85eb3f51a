import { beforeAll, expect, it } from "vitest";
import { processBatch } from "@claimledger/core/batch/process.service.ts";
import { applyInbound } from "./inbound.ts";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { app, call, newTenant, samples } from "./http.ts";
import { pollNow } from "./poll.ts";
import { daysAgo, batchReady, sandboxClaim, deniedInFull } from "./cycle.ts";
import { pdfText } from "@claimledger/core/shared/pdf.ts";

/**
 * 835s produced by the sandbox for claims the batch flow submitted, posted to the cent; then a
 * denial, a reversal, a PLB, an unmatched claim and the same file twice, built with the sandbox's
 * own 835 writer.
 */
let key: string;
let tenantId: string;
let practiceId: string;
const claims: { claimId: string; doc: any }[] = [];

async function upload(text: string) {
  const res = await call("POST", "/v1/remittances", {
    key,
    raw: text,
    headers: { "content-type": "application/edi-x12" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  if (!res.body.duplicate) expect(await applyInbound(tenantId, res.body.sha256)).toBe("processed");
  return res.body;
}

beforeAll(async () => {
  const t = await newTenant();
  key = t.ownerKey;
  tenantId = t.tenantId;
  practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  const providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  const payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
  for (let i = 0; i < 6; i++) {
    const patient = { ...samples.patient(payerId), firstName: `Pat${"ABCDEF"[i]}` } as any;
    patient.coverages = [{ ...patient.coverages[0], memberId: `XJH40000${i}` }];
    const r = await call("POST", `/v1/practices/${practiceId}/encounters`, {
      key,
      body: {
        patient,
        renderingProviderId: providerId,
        placeOfService: "11",
        serviceDate: daysAgo(10 + i),
        diagnoses: ["E11.9", "I10"],
        lines: [
          { procedureCode: "99214", modifiers: ["25"], chargeCents: 18500, diagnosisPointers: [1, 2] },
          { procedureCode: "36415", chargeCents: 1500, diagnosisPointers: [1] },
        ],
      },
    });
    expect(r.body.status).toBe("ready");
  }
  const run = await batchReady({ key, tenantId }, { practiceId });
  for (const batchId of run.batchIds) await processBatch(tenantId, batchId);
  for (let round = 0; round < 2; round++) {
    for (const f of (await pollNow(key)).files) await applyInbound(tenantId, f.sha256);
  }
  const list = await call("GET", `/v1/claims?practiceId=${practiceId}&limit=100`, { key });
  for (const c of list.body.items) claims.push({ claimId: c.claimId, doc: c.doc });
});

it("posts the sandbox's 835 to every claim line to the cent", async () => {
  for (const { claimId, doc } of claims) {
    const expected = adjudicate(sandboxClaim(doc));
    const ledger = await call("GET", `/v1/claims/${claimId}/ledger`, { key });
    const paid = ledger.body.items
      .filter((e: any) => e.kind === "insurance_payment")
      .reduce((s: number, e: any) => s + e.amountCents, 0);
    const pr = ledger.body.items
      .filter((e: any) => ["deductible", "coinsurance", "copay"].includes(e.kind))
      .reduce((s: number, e: any) => s + e.amountCents, 0);
    expect(paid).toBe(expected.paidCents);
    expect(pr).toBe(expected.patientResponsibilityCents);
    // What the payer refused (CO-16 on a denied claim, CO-97 on the bundled lab draw) stays owed, in the denied bucket, until a biller works it.
    const refused = expected.lines
      .flatMap((l) => l.adjustments)
      .filter((a) => a.group === "CO" && a.reason !== "45")
      .reduce((s, a) => s + a.amountCents, 0);
    expect(refused).toBeGreaterThan(0);
    expect(ledger.body.balances).toMatchObject({
      chargeCents: 20000,
      insurancePaidCents: expected.paidCents,
      patientResponsibilityCents: expected.patientResponsibilityCents,
      deniedCents: refused,
      insuranceBalanceCents: refused,
    });
    // Every entry sits on one of our lines, matched by REF*6R.
    expect(ledger.body.items.every((e: any) => doc.lines.some((l: any) => l.lineId === e.lineId))).toBe(true);
    const claim = (await call("GET", `/v1/claims/${claimId}`, { key })).body;
    expect(claim.status).toBe(expected.status === "4" ? "denied" : "partially_paid"); // the lab draw is bundled (CO-97)
    expect(claim.payerClaimControlNumber).toBe(expected.payerClaimControlNumber);
  }
  const remits = await call("GET", "/v1/remittances", { key });
  expect(remits.body.items.every((r: any) => r.status === "posted")).toBe(true);
});

it("posts a denial, a reversal with its correction, a PLB and an unmatched claim; the same payment twice posts once", async () => {
  const [a, b] = claims;
  const at = new Date();
  const denied = deniedInFull(a!.doc);
  const unknown = sandboxClaim(a!.doc, { claimId: "CLNOSUCHCLAIM000", memberId: "ZZZ999999" });
  const text = build835(
    "BPH01",
    "BLUE PRAIRIE",
    [
      { claim: sandboxClaim(a!.doc), result: denied },
      { claim: unknown, result: adjudicate(unknown) },
    ],
    7001,
    "X",
    at,
    [
      { reason: "L6", amountCents: -1250 },
      { reason: "WO", amountCents: 3000 },
    ],
  );
  const first = await upload(text);
  expect((await call("GET", `/v1/claims/${a!.claimId}`, { key })).body.status).toBe("denied");
  // PLB: interest in (+12.50) and a recoupment out (-30.00), provider-level entries of the practice.
  const month = new Date().toISOString().slice(0, 7);
  const plb = await call("GET", `/v1/practices/${practiceId}/ledger?month=${month}`, { key });
  expect(
    plb.body.items.filter((e: any) => e.claimId.startsWith("PLB-")).map((e: any) => [e.kind, e.reason, e.amountCents]),
  ).toEqual([
    ["interest", "L6", 1250],
    ["provider_adjustment", "WO", -3000],
  ]);
  const suspense = await call("GET", "/v1/suspense", { key });
  expect(suspense.body.items).toContainEqual(
    expect.objectContaining({
      patientControlNumber: "CLNOSUCHCLAIM000",
      paidCents: adjudicate(unknown).paidCents,
      resolved: false,
    }),
  );

  // The denials queue groups the refused money by reason, with a next action; the biller's choice is kept.
  const queue = (await call("GET", `/v1/work-queues/denials?practiceId=${practiceId}`, { key })).body.items;
  const co50 = queue.find((g: any) => g.group === "CO" && g.reason === "50");
  expect(co50).toMatchObject({ amountCents: 20000, suggestedAction: "appeal" });
  expect(co50.description).toMatch(/medical necessity|not deemed/i);
  expect(co50.claims.map((c: any) => c.claimId)).toEqual([a!.claimId]);
  const bundled = queue.find((g: any) => g.reason === "97");
  expect(bundled.claims.length).toBeGreaterThan(0);
  // The payer's remark code comes with its description (RARC N19: procedure code incidental to primary procedure).
  expect(bundled.remarks).toEqual([{ code: "N19", description: expect.stringMatching(/incidental/i) }]);
  const acted = await call("POST", `/v1/claims/${a!.claimId}/denial-action`, {
    key,
    body: { action: "appeal", note: "records show necessity" },
  });
  expect(acted.body.denialAction).toMatchObject({ action: "appeal", note: "records show necessity" });
  const history = (await call("GET", `/v1/claims/${a!.claimId}/history`, { key })).body.items;
  expect(history.at(-1)).toMatchObject({ kind: "denial_action", reason: "appeal: records show necessity" });
  expect(
    (await call("POST", `/v1/claims/${b!.claimId}/denial-action`, { key, body: { action: "dance" } })).status,
  ).toBe(422);

  // A payer that did not echo our claim id: matched by member, date of service and charge.
  const c3 = claims[2]!;
  const echoless = sandboxClaim(c3.doc, { claimId: "PAYERREF123" });
  const fb = await upload(
    build835(
      "BPH01",
      "BLUE PRAIRIE",
      [{ claim: echoless, result: { ...adjudicate(echoless), status: "2" as any } }],
      7010,
      "X",
      at,
    ),
  );
  const ledger3 = (await call("GET", `/v1/claims/${c3.claimId}/ledger`, { key })).body.items;
  expect(ledger3.some((e: any) => e.remittanceId.startsWith(fb.sha256.slice(0, 16)))).toBe(true);

  // The same file again, this time as a form upload: recognised by its hash, nothing queued.
  const form = new FormData();
  form.set("file", new File([text], "era.835"));
  const again = await app.request("/v1/remittances", {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  expect(again.status).toBe(202);
  expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
  // The same payment (payer + trace) in a different file: flagged duplicate, nothing posted twice.
  await upload(text.replace(/\*7001\*/g, "*7002*"));
  const ledgerA = (await call("GET", `/v1/claims/${a!.claimId}/ledger`, { key })).body;
  expect(ledgerA.items.filter((e: any) => e.reason === "50")).toHaveLength(2);
  expect(first.sha256).toBeTruthy();

  // Reversal of b's payment, then the corrected payment: the ledger nets to the correction.
  const original = adjudicate(sandboxClaim(b!.doc));
  const reversal = { ...original, status: "22" as any };
  const corrected = { ...original };
  const rtext = build835(
    "BPH01",
    "BLUE PRAIRIE",
    [
      { claim: sandboxClaim(b!.doc), result: reversal },
      { claim: sandboxClaim(b!.doc), result: corrected },
    ],
    7003,
    "X",
    at,
  )
    // The reversal and the correction net to zero: nothing new is paid.
    .replace(
      /BPR\*I\*[0-9.]+\*C\*ACH\*CCP\*01\*999999999\*DA\*123456\*1512345678\*\*01\*999988880\*DA\*98765/,
      "BPR*H*0*C*NON*************",
    );
  // Reversal CLP amounts are negative: 835 writers sign them; patch the reversal's CLP/SVC/CAS signs.
  const lines = rtext.split("\n");
  let inReversal = false;
  const signed = lines.map((l) => {
    if (l.startsWith("CLP*")) inReversal = l.split("*")[2] === "22";
    if (!inReversal) return l;
    const e = l.split("*");
    if (e[0] === "CLP") [3, 4, 5].forEach((n) => e[n] !== "0" && (e[n] = `-${e[n]}`));
    if (e[0] === "SVC") [2, 3].forEach((n) => e[n] !== "0" && (e[n] = `-${e[n]}`));
    if (e[0] === "CAS") for (let n = 3; n < e.length; n += 3) if (e[n] && e[n] !== "0") e[n] = `-${e[n]}`;
    return e.join("*");
  });
  await upload(signed.join("\n"));
  const remits = (await call("GET", "/v1/remittances", { key })).body.items;
  expect(remits.find((r: any) => r.trace === "EFT7003BPH01")).toMatchObject({ status: "posted", paymentCents: 0 });
  const ledgerB = (await call("GET", `/v1/claims/${b!.claimId}/ledger`, { key })).body;
  const net = ledgerB.items
    .filter((e: any) => e.kind === "insurance_payment")
    .reduce((s: number, e: any) => s + e.amountCents, 0);
  expect(net).toBe(original.paidCents);
  expect(ledgerB.items.some((e: any) => e.amountCents < 0)).toBe(true);
  // Nothing left with insurance but the bundled lab draw's 15.00 (CO-97), denied and open.
  expect(ledgerB.balances).toMatchObject({ deniedCents: 1500, insuranceBalanceCents: 1500 });
});

it("posts patient payments and refunds against what the patient owes", async () => {
  // A claim where the patient owes something after the 835.
  let target: { claimId: string; doc: any; owes: number } | undefined;
  for (const c of claims) {
    const b = (await call("GET", `/v1/claims/${c.claimId}`, { key })).body;
    if (b.status !== "denied" && b.balances?.patientBalanceCents > 0)
      target = { ...c, owes: b.balances.patientBalanceCents };
  }
  expect(target).toBeDefined();
  const { claimId, doc, owes } = target!;
  const pay = (kind: string, amountCents: number) =>
    call("POST", "/v1/payments", {
      key,
      body: {
        practiceId,
        kind,
        method: "card",
        paymentDate: "2026-11-21",
        amountCents,
        allocations: [{ claimId, amountCents }],
      },
    });
  // Nothing paid and nothing held as credit yet: there is nothing to refund.
  expect((await pay("refund", 1)).status).toBe(422);
  const bad = await call("POST", "/v1/payments", {
    key,
    body: {
      practiceId,
      kind: "patient",
      method: "cash",
      paymentDate: "2026-11-21",
      amountCents: 500,
      allocations: [{ claimId, amountCents: 400 }],
    },
  });
  expect(bad.body.errors).toContainEqual({
    path: "allocations",
    message: "the allocations must add up to amountCents",
  });

  expect((await pay("patient", 1000)).status).toBe(201);
  expect((await pay("refund", 300)).status).toBe(201);
  expect((await pay("refund", 800)).status).toBe(422);
  const balance = (await call("GET", `/v1/practices/${practiceId}/patients/${doc.patient.patientId}/balance`, { key }))
    .body;
  const line = balance.claims.find((c: any) => c.claimId === claimId);
  expect(line).toMatchObject({ patientPaidCents: 700, patientBalanceCents: owes - 700 });
  // The statement lists the open share with what insurance paid, as JSON and as a PDF.
  const stmt = await call("POST", `/v1/practices/${practiceId}/patients/${doc.patient.patientId}/statements`, { key });
  expect(stmt.status).toBe(201);
  expect(stmt.body.amountDueCents).toBe(balance.balanceCents);
  const pdf = Buffer.from(await (await fetch(stmt.body.pdfUrl)).arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf);
  expect(text).toContain(`Amount due: $${(balance.balanceCents / 100).toFixed(2)}`);
  const [y, m, d] = doc.serviceDate.split("-");
  expect(text).toContain(`${m}/${d}/${y}`); // the visit, dated as a US patient reads it
  const json = (await (await fetch(stmt.body.jsonUrl)).json()) as { visits: { claimId: string }[] };
  expect(json.visits.map((i) => i.claimId)).toContain(claimId);

  const month = await call("GET", `/v1/practices/${practiceId}/ledger?month=2026-11&limit=100`, { key });
  const kinds = month.body.items
    .filter((e: any) => e.claimId === claimId && e.depositDate === "2026-11-21")
    .map((e: any) => [e.kind, e.amountCents]);
  expect(kinds).toEqual(
    expect.arrayContaining([
      ["patient_payment", 1000],
      ["refund", -300],
    ]),
  );
});

it("takes every 835 written by other systems: flags the unbalanced and the miscounted ones, keeps unknown claims in suspense", async () => {
  const { readdirSync, readFileSync, statSync } = await import("node:fs");
  const { join } = await import("node:path");
  const root = new URL("../../x12/test/fixtures", import.meta.url).pathname;
  const files: string[] = [];
  const walk = (d: string) =>
    readdirSync(d).forEach((n) =>
      statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : /835/.test(join(d, n)) && files.push(join(d, n)),
    );
  walk(root);
  expect(files.length).toBeGreaterThanOrEqual(9);
  const other = await newTenant();
  for (const f of files) {
    const res = await call("POST", "/v1/remittances", {
      key: other.ownerKey,
      raw: readFileSync(f, "utf8"),
      headers: { "content-type": "application/edi-x12" },
    });
    expect(res.status, f).toBe(202);
    if (!res.body.duplicate) expect(await applyInbound(other.tenantId, res.body.sha256), f).toBe("processed");
  }
  const remits = (await call("GET", "/v1/remittances?limit=100", { key: other.ownerKey })).body.items;
  expect(remits.length).toBeGreaterThanOrEqual(files.length);
  expect(remits.every((r: any) => ["posted", "unbalanced", "duplicate", "incomplete"].includes(r.status))).toBe(true);
  expect(remits.some((r: any) => r.status === "unbalanced")).toBe(true);
  // mjkubba's demo 835 says SE*31 over 32 segments: a 999 would reject it, so it posts nothing.
  const miscounted = remits.filter((r: any) => r.status === "incomplete");
  expect(miscounted).toHaveLength(1);
  expect(miscounted[0].problems[0].message).toMatch(/SE01 .*segment count "31" does not match the 32 segments/);
  // Nothing of another company's claims: every CLP went to suspense with its money.
  const suspense = (await call("GET", "/v1/suspense?limit=100", { key: other.ownerKey })).body.items;
  expect(suspense.length).toBeGreaterThan(0);
});
