import { mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODESETS_DIR_ENV, codeSetsDir } from "@claimledger/core/codes/codeset-dir.ts";
import { importMpfs } from "@claimledger/core/codes/import-mpfs.ts";
import { resetMpfsCache } from "@claimledger/core/codes/index.ts";
import { call, newKey, newTenant } from "./http.ts";
import { world, type World } from "./era.ts";

/**
 * A contract derived from CMS's own 2025 fee schedule files (the RVU25A excerpt and GPCI file in
 * packages/core/src/codes/fixtures), imported as an operator would, priced for Austin, TX
 * (MAC 04412, locality 31: work 1.000, PE 1.046, MP 0.914) at 115% of Medicare, office setting.
 *
 * Medicare fee = [(W x 1.000) + (PE non-facility x 1.046) + (MP x 0.914)] x 32.3465, to the cent:
 * - 99213: 1.30 + 1.35 x 1.046 + 0.10 x 0.914 = 2.8035 x 32.3465 = 90.683… -> $90.68
 * - 99214: 1.92 + 1.80 x 1.046 + 0.15 x 0.914 = 3.93990 x 32.3465 = 127.441… -> $127.44
 * - 93000: 0.17 + 0.24 x 1.046 + 0.02 x 0.914 = 0.43932 x 32.3465 = 14.210… -> $14.21
 * - 71046-26: 0.22 + 0.08 x 1.046 + 0.01 x 0.914 = 0.31282 x 32.3465 = 10.118… -> $10.12
 * - 36415: status X (statutory exclusion): CMS does not pay it, so it is skipped.
 * x 115%, half up: $104.282 -> $104.28; $146.556 -> $146.56; $16.3415 -> $16.34; $11.638 -> $11.64.
 */
let w: World;
let dataDir: string;
const before = process.env[CODESETS_DIR_ENV];
const base = () => `/v1/practices/${w.practiceId}/payers/${w.payers[0]}/contract-schedules`;
const fixture = (name: string) => join(import.meta.dirname, "../../core/src/codes/fixtures", name);

beforeAll(async () => {
  // The shipped code sets, plus the year imported into a directory of this test's own.
  dataDir = mkdtempSync(join(tmpdir(), "codesets-"));
  for (const entry of readdirSync(codeSetsDir())) symlinkSync(join(codeSetsDir(), entry), join(dataDir, entry));
  importMpfs({
    year: 2025,
    rvuFile: fixture("PPRRVU25_JAN.excerpt.csv"),
    gpciFile: fixture("GPCI2025.csv"),
    dataDir,
  });
  process.env[CODESETS_DIR_ENV] = dataDir;
  w = await world(1);
  const fees = await call("PUT", `/v1/practices/${w.practiceId}/fee-schedule`, {
    key: w.key,
    body: {
      entries: [
        { procedureCode: "99213", chargeCents: 12000 },
        { procedureCode: "99214", chargeCents: 17000 },
        { procedureCode: "93000", chargeCents: 4500 },
        { procedureCode: "36415", chargeCents: 2000 },
        { procedureCode: "71046", modifier: "26", chargeCents: 4000 },
      ],
    },
  });
  expect(fees.status, JSON.stringify(fees.body)).toBe(200);
});

afterAll(() => {
  if (before === undefined) delete process.env[CODESETS_DIR_ENV];
  else process.env[CODESETS_DIR_ENV] = before;
  resetMpfsCache();
});

const derive = (body: object, opts: { key?: string; ifMatch?: string; from?: string } = {}) =>
  call("POST", `${base()}/${opts.from ?? "2025-01-01"}/medicare-fee-schedule:derive`, {
    key: opts.key ?? w.key,
    body,
    headers: { "if-match": opts.ifMatch ?? '"0"' },
  });

describe("a contract as a percent of CMS's Medicare fee schedule", () => {
  it("prices the practice's codes for its locality and says which CMS does not pay", async () => {
    const r = await derive({ year: 2025, locality: "04412-31", percentBps: 11500 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.headers.get("etag")).toBe('"1"');
    expect(r.body.schedule.entries).toEqual([
      { procedureCode: "71046", modifier: "26", allowedCents: 1164 },
      { procedureCode: "93000", allowedCents: 1634 },
      { procedureCode: "99213", allowedCents: 10428 },
      { procedureCode: "99214", allowedCents: 14656 },
    ]);
    expect(r.body.schedule.basis).toEqual({
      kind: "medicare_percent",
      percentBps: 11500,
      locality: "04412-31",
      localityName: "AUSTIN, TX",
      mpfsYear: 2025,
      setting: "non_facility",
    });
    expect(r.body.skipped).toEqual([{ procedureCode: "36415", reason: "not_payable", status: "X" }]);
    expect(r.body.sources.map((s: { file: string }) => s.file)).toEqual(["PPRRVU25_JAN.excerpt.csv", "GPCI2025.csv"]);
    // The saved period reads back the same.
    const got = await call("GET", `${base()}/2025-01-01`, { key: w.key });
    expect(got.body.entries).toEqual(r.body.schedule.entries);
  });

  it("prices listed codes in a facility, where 93000 is not priced", async () => {
    // 99213 facility: 1.30 + 0.57 x 1.046 + 0.0914 = 1.98762 x 32.3465 = 64.292… -> $64.29, at 100%.
    const r = await derive(
      {
        year: 2025,
        locality: "04412-31",
        percentBps: 10000,
        setting: "facility",
        codes: [{ procedureCode: "99213" }, { procedureCode: "93000" }, { procedureCode: "99215" }],
      },
      { from: "2025-07-01" },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.schedule.entries).toEqual([{ procedureCode: "99213", allowedCents: 6429 }]);
    expect(r.body.skipped).toEqual([
      { procedureCode: "93000", reason: "not_priced_in_setting", status: "A" },
      { procedureCode: "99215", reason: "not_in_file" },
    ]);
  });

  it("names what is wrong: a year not imported, an unknown or malformed locality, a stale version", async () => {
    const year = await derive({ year: 2024, locality: "04412-31", percentBps: 11500 }, { from: "2024-01-01" });
    expect(year.status).toBe(422);
    expect(year.body.errors[0]).toMatchObject({ path: "year" });
    expect(year.body.errors[0].message).toContain("npm run import-mpfs");
    const unknown = await derive({ year: 2025, locality: "99999-99", percentBps: 11500 }, { from: "2024-01-01" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe("locality");
    const shape = await derive({ year: 2025, locality: "Austin", percentBps: 11500 }, { from: "2024-01-01" });
    expect(shape.status).toBe(422);
    expect(shape.body.errors[0].path).toBe("locality");
    const stale = await derive({ year: 2025, locality: "04412-31", percentBps: 12000 }, { ifMatch: '"0"' });
    expect(stale.status).toBe(412);
    // Nothing was saved by any of them.
    const periods = await call("GET", base(), { key: w.key });
    expect(periods.body.items.map((x: { effectiveFrom: string }) => x.effectiveFrom)).toEqual([
      "2025-01-01",
      "2025-07-01",
    ]);
  });

  it("is the company's: a viewer, a practice key and another tenant cannot derive", async () => {
    const viewer = await newKey(w.key, "viewer");
    expect((await derive({ year: 2025, locality: "04412-31", percentBps: 11500 }, { key: viewer })).status).toBe(403);
    const practiceKey = await newKey(w.key, "practice", w.practiceId);
    const asPractice = await derive({ year: 2025, locality: "04412-31", percentBps: 11500 }, { key: practiceKey });
    expect(asPractice.status).toBe(403);
    const other = await newTenant("Other Billing LLC");
    const cross = await derive({ year: 2025, locality: "04412-31", percentBps: 11500 }, { key: other.ownerKey });
    expect(cross.status).toBe(404);
  });
});
