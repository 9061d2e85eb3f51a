/**
 * Child process of the scrub figure: in a fresh process (a Lambda container's first request),
 * times loading the coding-edit tables of CLAIMLEDGER_CODESETS_DIR, the memory they hold, and
 * `scrub` per claim with them against `scrub` with the shape-only code sets, and prints JSON.
 *
 *   node bench/children/scrub.ts CLAIMS
 */
import { codeSets, shapeOnlyCodeSets } from "../../packages/core/src/claim/rules/codesets.ts";
import { scrub } from "../../packages/core/src/claim/rules/index.ts";
import { cleanClaim } from "../../packages/core/src/claim/rules/fixtures.ts";
import type { ClaimDocument } from "../../packages/core/src/claim/claim.types.ts";
import { seeded } from "../lib/figure.ts";

const n = Number(process.argv[2] ?? 2000);
const COMMON = [
  "99213",
  "99214",
  "99204",
  "36415",
  "80053",
  "80048",
  "85025",
  "96372",
  "J1885",
  "J3420",
  "20610",
  "G0439",
  "99396",
  "81002",
];
const rng = seeded(17);

function claims(): ClaimDocument[] {
  return Array.from({ length: n }, (_, i) => {
    const c = cleanClaim();
    c.claimId = `CLBENCH${i}`;
    const k = 2 + rng.int(0, 4);
    c.lines = Array.from({ length: k }, (_, j) => ({
      ...c.lines[0]!,
      lineNumber: j + 1,
      lineId: `L${j}`,
      procedureCode: COMMON[rng.int(0, COMMON.length - 1)]!,
      modifiers: j === 0 ? ["25"] : [],
      units: 1 + (rng.int(0, 9) === 0 ? 2 : 0),
    }));
    c.totalChargeCents = c.submittedTotalCents = c.lines.reduce((s, l) => s + l.chargeCents, 0);
    return c;
  });
}

const mem = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, buffers: m.arrayBuffers };
};

const docs = claims();
const ctx = (claim: ClaimDocument, codes: typeof codeSets) => ({ claim, today: "2026-03-10", codes });
// Warm the ICD-10 set and the code paths, without the edits, so the load below is only the tables.
for (const d of docs.slice(0, 50)) scrub(ctx(d, shapeOnlyCodeSets));
const before = mem();
const t0 = performance.now();
const e = codeSets.edits!;
e.ptp("99213", "36415", "2026-02-20");
e.mue("99213", "2026-02-20");
e.code("hcpcs", "J1885", "2026-02-20");
e.dxLists("I10", "2026-02-20");
e.ageBand("99396");
const loadMs = performance.now() - t0;
const after = mem();

function time(codes: typeof codeSets): number[] {
  for (const d of docs.slice(0, 200)) scrub(ctx(d, codes));
  return docs.map((d) => {
    const t = performance.now();
    scrub(ctx(d, codes));
    return performance.now() - t;
  });
}
const base = time(shapeOnlyCodeSets);
const withEdits = time(codeSets);
const findings = docs.reduce(
  (s, d) => s + scrub(ctx(d, codeSets)).filter((f) => f.ruleId.startsWith("ncci.")).length,
  0,
);
console.log(
  JSON.stringify({ loadMs, before, after, base, withEdits, ptp: e.set("ptp", "2026-02-20")?.entries, findings }),
);
