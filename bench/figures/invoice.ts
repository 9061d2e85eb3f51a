/**
 * Month close for one practice: drafting its invoice (one Query over its ledger partition for the
 * month, the fee, then the JSON, CSV and PDF to S3) with 50,000 ledger entries, against the same
 * practice-month with 5,000. Linear scaling means 10x the entries take at most 10x the time
 * (ratio >= 1); the read units show no table-wide reads (they follow the partition's size).
 */
import { fig, median, seeded, timeRuns, type Figure, type FigureModule } from "../lib/figure.ts";

/** Entry ids as posting writes them: the 835's SHA-256 prefix (hex), the claim's place in it, the entry's. */
const remittanceHex = (n: number) =>
  ((Math.imul(n + 1, 2654435761) >>> 0).toString(16).padStart(8, "0") + "00000000").slice(0, 16);

const KINDS = [
  "insurance_payment",
  "insurance_payment",
  "insurance_payment",
  "contractual_adjustment",
  "coinsurance",
  "patient_payment",
] as const;

export const figure: FigureModule = {
  title: "Invoice run: one practice-month, and the same with ten times the ledger entries",
  order: 60,
  async run(ctx) {
    const stack = await ctx.stack();
    const { LedgerEntryEntity } = await import("../../packages/core/src/ledger/ledger.entity.ts");
    const { draftInvoice } = await import("../../packages/core/src/invoice/invoice.service.ts");
    const { readMeter } = await import("../../packages/core/src/shared/metering.ts");
    const small = ctx.quick ? 500 : 5_000;
    const large = small * 10;
    const created = await stack.call<any>(
      stack.adminKey,
      "POST",
      "/v1/tenants",
      { name: "Bench Invoice Billing", ownerKeyName: "bench owner" },
      201,
    );
    const tenantId = created.tenant.tenantId as string;
    const key = created.ownerKey.apiKey as string;
    const practice = {
      legalName: "",
      npi: "1234567893",
      taxId: "12-3456789",
      taxonomyCode: "207Q00000X",
      address: { line1: "1 Main St", city: "Springfield", state: "IL", postalCode: "62701" },
      timeZone: "America/Chicago",
      contracts: [
        {
          effectiveFrom: "2026-01-01",
          percentBps: 0,
          tiers: [{ upToCents: 5_000_000, percentBps: 700 }, { percentBps: 600 }],
          monthlyMinimumCents: 50_000,
        },
      ],
    };
    const rng = seeded(6060);
    const practiceWith = async (entries: number) => {
      const { practiceId } = await stack.call<any>(
        key,
        "POST",
        "/v1/practices",
        { ...practice, legalName: `Practice with ${entries} entries` },
        201,
      );
      const items = Array.from({ length: entries }, (_, i) => ({
        tenantId,
        practiceId,
        month: "2026-10",
        entryId: `${remittanceHex(i >> 6)}-1-C${String(i & 63).padStart(5, "0")}-001`,
        claimId: `CLBENCH${String(i >> 2).padStart(9, "0")}`,
        kind: rng.pick(KINDS),
        amountCents: rng.int(500, 25_000),
        payerId: "BPH01",
        remittanceId: `bench-${i >> 6}`,
        depositDate: `2026-10-${String(rng.int(1, 31)).padStart(2, "0")}`,
        postedAt: "2026-10-31T12:00:00.000Z",
      }));
      for (let i = 0; i < items.length; i += 2_500)
        await LedgerEntryEntity.put(items.slice(i, i + 2_500)).go({ concurrent: 4 });
      return practiceId as string;
    };
    ctx.log(`writing ${small.toLocaleString()} + ${large.toLocaleString()} ledger entries`);
    const smallId = await practiceWith(small);
    const largeId = await practiceWith(large);

    const measure = async (practiceId: string, runs: number) => {
      const before = readMeter().dynamo.readUnits;
      const ms = median(await timeRuns(runs, () => draftInvoice(tenantId, practiceId, "2026-10")));
      return { ms, rru: (readMeter().dynamo.readUnits - before) / (runs + 1) };
    };
    const s = await measure(smallId, 5);
    const l = await measure(largeId, 5);
    ctx.log(
      `draft: ${Math.round(s.ms)} ms for ${small}, ${Math.round(l.ms)} ms for ${large}; ${s.rru.toFixed(0)} and ${l.rru.toFixed(0)} read units`,
    );
    const limitSeconds = 10;
    ctx.target({
      figure: "invoice.run",
      target: `linear (ratio >= 1 within noise); ${large.toLocaleString()} entries under ${limitSeconds} s`,
      met: l.ms < limitSeconds * 1000 && (10 * s.ms) / l.ms >= 0.8,
    });
    const figures: Figure[] = [
      // Baseline: the small month's time scaled linearly to the large month's size.
      fig(
        "invoice.run",
        l.ms / 1000,
        `s per ${large.toLocaleString()} entries`,
        `${small.toLocaleString()}-entry month x10 (linear)`,
        (10 * s.ms) / 1000,
        "lower",
      ),
      fig(
        "invoice.run.rru",
        l.rru,
        `RRU per ${large.toLocaleString()}-entry month`,
        `${small.toLocaleString()}-entry month x10 (linear)`,
        10 * s.rru,
        "lower",
      ),
    ];
    return figures;
  },
};
