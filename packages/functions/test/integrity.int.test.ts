/**
 * Issue 12, integrity: an 835 posts only when its envelope is whole, a refused request writes
 * nothing, text and numbers that would break X12 or DynamoDB are refused at the door, one payment
 * in two files posts once, and a file interrupted mid-way shows it and can be requeued.
 */
import { describe, expect, it } from "vitest";
import { adjudicate } from "@claimledger/core/clearinghouse/sandbox/payer-model.ts";
import { build835 } from "@claimledger/core/clearinghouse/sandbox/responses.ts";
import { InboundFileEntity } from "@claimledger/core/inbound/inbound.entity.ts";
import { RemittanceEntity } from "@claimledger/core/remittance/remittance.entity.ts";
import { applyInbound } from "./inbound.ts";
import { call, samples } from "./http.ts";
import { acceptedClaims, daysAgo, encounterFor, post835, practiceSetUp, sandboxClaim, deniedInFull } from "./cycle.ts";

const ledgerOf = async (key: string, claimId: string) =>
  (await call("GET", `/v1/claims/${claimId}/ledger`, { key })).body.items as { kind: string; amountCents: number }[];

describe("an 835 posts only when its envelope is whole", () => {
  it("keeps a cut or miscounted 835 flagged with what is wrong, posting nothing; the whole file then posts", async () => {
    const s = await acceptedClaims(3);
    const [a, b] = s.claims;
    const paid = adjudicate(sandboxClaim(a!.doc));
    // b is denied in full: CO-50 on each line, nothing paid.
    const denied = deniedInFull(b!.doc);
    const whole = (control: number) =>
      build835(
        "BPH01",
        "BLUE PRAIRIE",
        [
          { claim: sandboxClaim(a!.doc), result: paid },
          { claim: sandboxClaim(b!.doc), result: denied },
        ],
        control,
        "X",
        new Date(),
      );
    const text = whole(8101);
    const seg = (t: string, id: string) =>
      t
        .split("~")
        .find((x) => x.replace(/^\s+/, "").startsWith(`${id}*`))!
        .trim();
    const variants: [string, string, RegExp][] = [
      // Cut after a's CLP loop, before b's: it balances, and it would have lost b's denial.
      ["cut before the denied claim", text.slice(0, text.indexOf(`CLP*${b!.claimId}`)), /SE/],
      [
        "SE01 one too many",
        text.replace(
          seg(text, "SE"),
          seg(text, "SE").replace(/^SE\*(\d+)/, (_, n) => `SE*${Number(n) + 1}`),
        ),
        /SE01/,
      ],
      ["SE02 not ST02", text.replace(seg(text, "SE"), seg(text, "SE").replace(/\*(\d+)$/, "*9999")), /SE02/],
      ["GE02 not GS06", text.replace(seg(text, "GE"), seg(text, "GE").replace(/\*(\d+)$/, "*77")), /GE02/],
      ["IEA02 not ISA13", text.replace(seg(text, "IEA"), "IEA*1*000000001"), /IEA02/],
      ["no IEA", text.slice(0, text.indexOf("IEA*")), /IEA/],
      ["no GE or IEA", text.slice(0, text.indexOf("GE*")), /GE/],
    ];
    for (const [what, t] of variants) {
      const r = await post835(s, t);
      expect(r.outcome, what).toBe("processed");
    }
    const remits = (await call("GET", "/v1/remittances?limit=100", { key: s.key })).body.items;
    expect(remits).toHaveLength(variants.length);
    for (const r of remits) {
      expect(r.status).toBe("incomplete");
      expect(r.problems.length).toBeGreaterThan(0);
    }
    for (const [what, , names] of variants)
      expect(
        remits.some((r: any) => r.problems.some((p: any) => names.test(p.message))),
        what,
      ).toBe(true);
    for (const c of [a!, b!]) {
      expect(await ledgerOf(s.key, c.claimId)).toEqual([]);
      expect((await call("GET", `/v1/claims/${c.claimId}`, { key: s.key })).body.status).toBe("accepted");
    }

    // The complete file, same payment: it was never claimed by the incomplete ones, so it posts.
    expect((await post835(s, text)).outcome).toBe("processed");
    expect((await call("GET", `/v1/claims/${a!.claimId}`, { key: s.key })).body.status).toBe(
      paid.status === "4" ? "denied" : "partially_paid",
    );
    expect((await call("GET", `/v1/claims/${b!.claimId}`, { key: s.key })).body.status).toBe("denied");
    expect(
      (await ledgerOf(s.key, a!.claimId))
        .filter((e) => e.kind === "insurance_payment")
        .reduce((t, e) => t + e.amountCents, 0),
    ).toBe(paid.paidCents);
  });

  it("posts one payment once when two files carrying it are processed at the same time", async () => {
    const s = await acceptedClaims(2);
    const [a] = s.claims;
    const result = adjudicate(sandboxClaim(a!.doc));
    // Same payer and trace (EFT8201BPH01), two different files: a resend with a new interchange number.
    const one = build835("BPH01", "BLUE PRAIRIE", [{ claim: sandboxClaim(a!.doc), result }], 8201, "X", new Date());
    const two = one
      .replace(/^(ISA(?:\*[^*]*){12}\*)000008201/, "$1000008299")
      .replace(/IEA\*1\*000008201/, "IEA*1*000008299");
    expect(two).not.toBe(one);
    const up = async (t: string) =>
      (
        await call("POST", "/v1/remittances", {
          key: s.key,
          raw: t,
          headers: { "content-type": "application/edi-x12" },
        })
      ).body.sha256 as string;
    const [h1, h2] = [await up(one), await up(two)];
    expect(h1).not.toBe(h2);
    await Promise.all([applyInbound(s.tenantId, h1), applyInbound(s.tenantId, h2)]);
    const statuses = (await call("GET", "/v1/remittances", { key: s.key })).body.items.map((r: any) => r.status).sort();
    expect(statuses).toEqual(["duplicate", "posted"]);
    const payments = (await ledgerOf(s.key, a!.claimId)).filter((e) => e.kind === "insurance_payment");
    expect(payments.reduce((t, e) => t + e.amountCents, 0)).toBe(result.paidCents);
  });
});

describe("a file interrupted mid-way", () => {
  it("shows processing, since when and the attempt; an operator requeues it only past its worker's time limit; it finishes once", async () => {
    const s = await acceptedClaims(2);
    const [a] = s.claims;
    const result = adjudicate(sandboxClaim(a!.doc));
    const text = build835("BPH01", "BLUE PRAIRIE", [{ claim: sandboxClaim(a!.doc), result }], 8301, "X", new Date());
    const { sha256 } = await post835(s, text);
    const before = await ledgerOf(s.key, a!.claimId);
    expect(before.length).toBeGreaterThan(0);
    // A crash after posting but before the file was marked: as a worker that died leaves it.
    const remittanceId = `${sha256.slice(0, 16)}-1`;
    await RemittanceEntity.patch({ tenantId: s.tenantId, remittanceId }).set({ status: "posting" }).go();
    await InboundFileEntity.patch({ tenantId: s.tenantId, sha256 })
      .set({ status: "processing", processingSince: new Date().toISOString() })
      .go();
    const shown = (await call("GET", `/v1/inbound-files/${sha256}`, { key: s.key })).body;
    expect(shown).toMatchObject({ status: "processing", attempts: 1 });
    expect(Date.now() - Date.parse(shown.processingSince)).toBeLessThan(60_000);
    // Within the worker's 300 s: the worker may still be running; the answer says until when.
    const early = await call("POST", `/v1/inbound-files/${sha256}/retry`, { key: s.key });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/processing since .* \(attempt 1\); it can be requeued .* 300 s/);
    // Past it: requeued, and the run finishes the file without posting anything twice.
    await InboundFileEntity.patch({ tenantId: s.tenantId, sha256 })
      .set({ processingSince: new Date(Date.now() - 301_000).toISOString() })
      .go();
    const late = await call("POST", `/v1/inbound-files/${sha256}/retry`, { key: s.key });
    expect(late.status).toBe(202);
    expect(await applyInbound(s.tenantId, sha256)).toBe("processed");
    expect(await ledgerOf(s.key, a!.claimId)).toEqual(before);
    expect((await call("GET", `/v1/inbound-files/${sha256}`, { key: s.key })).body).toMatchObject({
      status: "processed",
      attempts: 2,
    });
    expect((await call("GET", "/v1/remittances", { key: s.key })).body.items.map((r: any) => r.status)).toEqual([
      "posted",
    ]);
    // A processed file is never requeued.
    expect((await call("POST", `/v1/inbound-files/${sha256}/retry`, { key: s.key })).status).toBe(409);
  });
});

describe("a refused request writes nothing", () => {
  const patientsOf = async (s: { key: string; practiceId: string }) =>
    (await call("GET", `/v1/practices/${s.practiceId}/patients?limit=100`, { key: s.key })).body.items;

  it("creates no inline patient for an encounter refused for want of primary coverage", async () => {
    const s = await practiceSetUp();
    const enc = encounterFor(s, 0);
    enc.patient.coverages = [{ ...enc.patient.coverages[0], order: "secondary" }];
    const res = await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: enc });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: "patient.coverages", message: "the patient has no primary coverage to bill" },
    ]);
    expect(await patientsOf(s)).toEqual([]);
  });

  it("leaves the patient's coverage as it was when the encounter is a duplicate (409)", async () => {
    const s = await practiceSetUp();
    const enc = encounterFor(s, 0);
    expect((await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: enc })).status).toBe(
      201,
    );
    const [before] = await patientsOf(s);
    expect(before.version).toBe(1);
    const again = structuredClone(enc);
    again.patient.coverages[0].memberId = "CHANGED0001";
    const dup = await call("POST", `/v1/practices/${s.practiceId}/encounters`, { key: s.key, body: again });
    expect(dup.status).toBe(409);
    const [after] = await patientsOf(s);
    expect([after.version, after.coverages[0].memberId]).toEqual([1, enc.patient.coverages[0].memberId]);
  });

  it("answers a batch with one result per encounter: the good kept, the bad refused with its reason", async () => {
    const s = await practiceSetUp();
    const good = encounterFor(s, 0);
    const bad = encounterFor(s, 1);
    bad.lines[0] = { ...bad.lines[0]!, units: 1e-300 } as never;
    const res = await call("POST", `/v1/practices/${s.practiceId}/encounters`, {
      key: s.key,
      body: { encounters: [good, bad] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.body.results[0].outcome).toBe("accepted");
    expect(res.body.results[1].problem.errors).toContainEqual({
      path: "lines.0.units",
      message: "must be at least 0.001",
    });
    expect((await call("GET", `/v1/claims/${res.body.results[0].claimId}`, { key: s.key })).status).toBe(200);
    expect(await patientsOf(s)).toHaveLength(1); // the bad one's patient was not registered
  });
});

describe("numbers are bounded", () => {
  it("refuses units and NDC quantities DynamoDB or X12 cannot hold, in encounters, claim edits and CSV", async () => {
    const s = await practiceSetUp();
    const post = (line: Record<string, unknown>) =>
      call("POST", `/v1/practices/${s.practiceId}/encounters`, {
        key: s.key,
        body: encounterFor(s, 0, {
          lines: [{ procedureCode: "J1100", chargeCents: 2500, diagnosisPointers: [1], ...line }],
        }),
      });
    for (const [line, path] of [
      [{ units: 1e-300 }, "lines.0.units"],
      [{ units: 1e308 }, "lines.0.units"],
      [{ units: 1.0005 }, "lines.0.units"],
      [{ ndc: "00009-0090-10", ndcQuantity: 1e308 }, "lines.0.ndcQuantity"],
      [{ ndc: "00009-0090-10", ndcQuantity: 1e-300 }, "lines.0.ndcQuantity"],
      [{ chargeCents: 1e15 }, "lines.0.chargeCents"],
      [{ diagnosisPointers: [0] }, "lines.0.diagnosisPointers.0"],
    ] as const) {
      const res = await post(line);
      expect(res.status, JSON.stringify(line)).toBe(422);
      expect(
        res.body.errors.map((e: any) => e.path),
        JSON.stringify(line),
      ).toContain(path);
    }
    expect((await post({ units: 2.5, ndc: "00009-0090-10", ndcQuantity: 0.5 })).status).toBe(201);
    const claims = (await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items;
    expect(claims).toHaveLength(1);

    const c = claims[0];
    const patch = await call("PATCH", `/v1/claims/${c.claimId}`, {
      key: s.key,
      body: { lines: [{ procedureCode: "99213", chargeCents: 9000, units: 1e-300, diagnosisPointers: [1] }] },
      headers: { "if-match": `"${c.version}"` },
    });
    expect(patch.status).toBe(422);
    expect(patch.body.errors.map((e: any) => e.path)).toContain("lines.0.units");

    const patientId = c.patientId;
    const csv = [
      "encounter_ref,patient_id,rendering_provider_id,place_of_service,service_date,diagnosis_1,procedure_code,units,charge,diagnosis_pointers",
      `A,${patientId},${s.providerId},11,${daysAgo(3)},I10,99213,0.0000000001,90.00,1`,
    ].join("\n");
    const imported = await call("POST", `/v1/practices/${s.practiceId}/encounters:import`, {
      key: s.key,
      raw: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(JSON.stringify(imported.body)).toContain("must be at least 0.001");
    expect((await call("GET", `/v1/claims?practiceId=${s.practiceId}`, { key: s.key })).body.items).toHaveLength(1);
  });
});

describe("text that would break X12", () => {
  it("refuses control characters in names and addresses of patients, practices, payers and the company, naming the field", async () => {
    const s = await practiceSetUp();
    const cases: [string, string, unknown, string][] = [
      [
        "POST",
        `/v1/practices/${s.practiceId}/patients`,
        { ...samples.patient(s.payerId), firstName: "Ann\u0007" },
        "firstName",
      ],
      [
        "POST",
        `/v1/practices/${s.practiceId}/patients`,
        {
          ...samples.patient(s.payerId),
          address: { ...samples.patient(s.payerId).address, line1: "12 Oak\u0000 Ave" },
        },
        "address.line1",
      ],
      [
        "POST",
        `/v1/practices/${s.practiceId}/patients`,
        { ...samples.patient(s.payerId), address: { ...samples.patient(s.payerId).address, city: "Spring\nfield" } },
        "address.city",
      ],
      [
        "POST",
        "/v1/practices",
        { ...samples.practice, npi: "1861474595", address: { ...samples.practice.address, line1: "1 Main\r\nSt" } },
        "address.line1",
      ],
      ["POST", "/v1/payers", { ...samples.payer, name: "Blue\u001bPrairie" }, "name"],
      [
        "PATCH",
        "/v1/tenant",
        { address: { line1: "9 Elm\tSt", city: "Peoria", state: "IL", postalCode: "61602" } },
        "address.line1",
      ],
      [
        "POST",
        `/v1/practices/${s.practiceId}/encounters`,
        { encounters: [encounterFor(s, 0, { externalId: "V-1\u0000" })] },
        "encounters.0.externalId",
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await call(method, path, { key: s.key, body });
      expect(res.status, `${method} ${path} ${field}`).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.errors.map((e: any) => e.path)).toEqual([field]);
    }
    const csv = `encounter_ref,patient_id,rendering_provider_id,place_of_service,service_date,diagnosis_1,procedure_code,units,charge,diagnosis_pointers\nA,pat_x\u0007,${s.providerId},11,${daysAgo(3)},I10,99213,1,90.00,1`;
    const imported = await call("POST", `/v1/practices/${s.practiceId}/encounters:import`, {
      key: s.key,
      raw: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(imported.status).toBe(422);
    expect(imported.body.errors.map((e: any) => e.path)).toEqual(["row 2"]);
    // Nothing was written.
    expect((await call("GET", `/v1/practices/${s.practiceId}/patients`, { key: s.key })).body.items).toEqual([]);
    expect((await call("GET", "/v1/payers", { key: s.key })).body.items.map((p: any) => p.name)).toEqual([
      samples.payer.name,
    ]);
    expect((await call("GET", "/v1/practices", { key: s.key })).body.items).toHaveLength(1);
  });
});

describe("an 835 too large for a request body", () => {
  it("goes straight to S3 through an upload link, then takes the archive-first path and posts", async () => {
    const s = await acceptedClaims(2);
    const [a] = s.claims;
    const result = adjudicate(sandboxClaim(a!.doc));
    const text = build835("BPH01", "BLUE PRAIRIE", [{ claim: sandboxClaim(a!.doc), result }], 8401, "X", new Date());
    const started = await call("POST", "/v1/remittances/uploads", { key: s.key });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ uploadId: expect.stringMatching(/^upl_/), method: "PUT" });
    // Completing before anything was PUT says so.
    const early = await call("POST", `/v1/remittances/uploads/${started.body.uploadId}/complete`, { key: s.key });
    expect([early.status, early.body.type]).toEqual([409, "urn:claimledger:problem:nothing-uploaded"]);
    expect((await fetch(started.body.url, { method: "PUT", body: text })).ok).toBe(true);
    const done = await call("POST", `/v1/remittances/uploads/${started.body.uploadId}/complete`, { key: s.key });
    expect(done.status).toBe(202);
    expect(done.body).toMatchObject({ kind: "835", duplicate: false });
    expect(await applyInbound(s.tenantId, done.body.sha256)).toBe("processed");
    const paid = (await ledgerOf(s.key, a!.claimId)).filter((e) => e.kind === "insurance_payment");
    expect(paid.reduce((t, e) => t + e.amountCents, 0)).toBe(result.paidCents);
    // The staging copy is gone: completing again finds nothing; another company cannot complete it.
    expect(
      (await call("POST", `/v1/remittances/uploads/${started.body.uploadId}/complete`, { key: s.key })).status,
    ).toBe(409);
    const other = await practiceSetUp();
    const theirs = await call("POST", "/v1/remittances/uploads", { key: s.key });
    await fetch(theirs.body.url, { method: "PUT", body: text });
    expect(
      (await call("POST", `/v1/remittances/uploads/${theirs.body.uploadId}/complete`, { key: other.key })).status,
    ).toBe(409);
  });
});
