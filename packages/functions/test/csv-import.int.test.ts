import { beforeAll, expect, it } from "vitest";
import { call, newTenant, samples } from "./http.ts";
import { daysAgo } from "./cycle.ts";

let key: string;
let practiceId: string;
let providerId: string;
let payerId: string;

const HEADER =
  "encounter_ref,patient_id,rendering_provider_id,place_of_service,service_date,diagnosis_1,diagnosis_2,procedure_code,modifier_1,units,charge,diagnosis_pointers";

async function post(csv: string) {
  return call("POST", `/v1/practices/${practiceId}/encounters:import`, {
    key,
    raw: csv,
    headers: { "content-type": "text/csv" },
  });
}

beforeAll(async () => {
  ({ ownerKey: key } = await newTenant());
  practiceId = (await call("POST", "/v1/practices", { key, body: samples.practice })).body.practiceId;
  providerId = (await call("POST", `/v1/practices/${practiceId}/providers`, { key, body: samples.provider })).body
    .providerId;
  payerId = (await call("POST", "/v1/payers", { key, body: samples.payer })).body.payerId;
});

it("serves a template whose columns the importer accepts", async () => {
  const res = await call("GET", "/v1/encounters/import-template.csv", { key });
  expect(res.headers.get("content-type")).toContain("text/csv");
  const text = String(res.body);
  expect(text.split(/\r?\n/)[0]).toContain("encounter_ref");
  // The template's example rows, pointed at this tenant's payer and provider, import cleanly.
  const csv = text
    .replace(/pyr_[0-9a-z]+/g, payerId)
    .replace(/,prv_9d8c7b6a5z4y3x,/g, ",,") // the example billing provider
    .replace(/prv_k2m4x8t1vbn3q7/g, providerId)
    .replace(/2025-03-14/g, daysAgo(5));
  const res2 = await post(csv);
  expect(res2.status, JSON.stringify(res2.body)).toBe(200);
  expect(res2.body.accepted).toBe(1);
  expect(res2.body.results[0].rows).toEqual([2, 3]);
  const claim = await call("GET", `/v1/claims/${res2.body.results[0].claimId}`, { key });
  expect(claim.body.doc.lines.map((l: { chargeCents: number }) => l.chargeCents)).toEqual([12500, 4050]);
  expect(claim.body.doc.coverage.relationship).toBe("spouse");
});

it("groups rows into encounters and answers row-numbered errors, importing nothing from a bad file", async () => {
  const patientId = (
    await call("POST", `/v1/practices/${practiceId}/patients`, { key, body: samples.patient(payerId) })
  ).body.patientId;
  const d = daysAgo(6);
  const good = [
    HEADER,
    `A,${patientId},${providerId},11,${d},I10,E78.5,99213,,1,110.00,"1,2"`,
    `A,${patientId},${providerId},11,${d},I10,E78.5,80061,,1,45.00,2`,
    `B,${patientId},${providerId},11,${daysAgo(7)},J06.9,,99212,,1,80,1`,
  ].join("\n");
  const bad =
    good +
    `\nC,${patientId},${providerId},11,not-a-date,J06.9,,99212,,1,80.999,1\nD,${patientId},,11,${d},J06.9,,99212,,1,80,1`;
  const refused = await post(bad);
  expect(refused.status).toBe(422);
  const paths = refused.body.errors.map((e: { path: string }) => e.path);
  expect(paths).toEqual(expect.arrayContaining(["row 5 service_date", "row 5 charge", "row 6 rendering_provider_id"]));
  expect(
    (await call("GET", `/v1/claims?practiceId=${practiceId}&serviceDateFrom=${daysAgo(7)}&serviceDateTo=${d}`, { key }))
      .body.items,
  ).toHaveLength(0);

  const ok = await post(good);
  expect(ok.body).toMatchObject({ accepted: 2, rejected: 0 });
  expect(ok.body.results.map((r: { rows: number[] }) => r.rows)).toEqual([[2, 3], [4]]);
  // The same file again: both encounters are duplicates, reported with their rows.
  const again = await post(good);
  expect(again.body).toMatchObject({ accepted: 0, rejected: 2 });
  expect(again.body.results[0].problem.status).toBe(409);

  const unknownColumn = await post(`${HEADER},favourite_colour\n`);
  expect(unknownColumn.status).toBe(422);
  expect(JSON.stringify(unknownColumn.body.errors)).toContain("favourite_colour");
  expect((await call("POST", `/v1/practices/${practiceId}/encounters:import`, { key, body: { a: 1 } })).status).toBe(
    415,
  );
});
