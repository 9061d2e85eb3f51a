/**
 * Production volume (DynamoDB Local, faults on): a large ERA posted in chunks, each chunk job held
 * to the deployed worker's timeout, and several ERAs of one practice posted at once.
 *
 * Chunk jobs run here, in this process (so they are metered and see the injected faults), five at
 * a time like the deployed queue's maximum concurrency, each invocation given the deployed
 * consumer timeout as its deadline (postChunk stops before it and goes on in the next one).
 *
 * - posting.835.large: a 100,000-claim ERA (1,000 in quick mode; `--large=N`), conflicts and
 *   throttles injected. Claims posted exactly once (must be all), wall time, chunks, the longest
 *   invocation. Baseline: the same claims' rate posted as one job, the whole file in one go
 *   (post835, a 1,000-claim file; 100 quick), which on Lambda could not finish a large file.
 * - posting.concurrent: five 2,000-claim ERAs of one practice (200 quick) at once, conflicts
 *   injected: files failed (must be 0) and claims/s, against one such ERA alone.
 */
import { seedCompany } from "../lib/company.ts";
import { remittanceFor, seedAcceptedClaims, templateClaims } from "../lib/claims.ts";
import { fig, seeded, type Figure, type FigureModule } from "../lib/figure.ts";

export const figure: FigureModule = {
  title: "Production volume: large and concurrent ERAs (DynamoDB Local, faults on)",
  order: 35,
  async run(ctx) {
    const largeArg = process.argv.find((a) => a.startsWith("--large="));
    const large = largeArg ? Number(largeArg.slice("--large=".length)) : ctx.quick ? 1_000 : 100_000;
    const single = ctx.quick ? 100 : 1_000;
    const each = ctx.quick ? 200 : 2_000;
    const stack = await ctx.stack();
    const { archiveEdi, streamEdi } = await import("../../packages/core/src/shared/storage.ts");
    const { planPosting, postChunk, post835 } = await import("../../packages/core/src/remittance/posting-run.ts");
    const { setFaults, injectedFaults } = await import("../../packages/core/src/shared/faults.ts");
    const { queues } = await import("../../infra/resources.ts");
    const timeoutMs = queues.remittanceChunks.consumerTimeoutSeconds * 1000;
    const consumers = queues.remittanceChunks.maxConcurrency ?? 1;

    const company = await seedCompany(stack, seeded(1500), "Bench Volume Billing", 6);
    const templates = await templateClaims(stack, company);
    const file = async (prefix: string, n: number, control: number) => {
      const docs = await seedAcceptedClaims(templates, prefix, n);
      return archiveEdi(company.tenantId, "in", "835", await remittanceFor(docs, control));
    };

    /** Posts the planned runs' chunks with `consumers` jobs at once; answers what it saw. */
    const postRuns = async (files: { sha256: string; key: string }[]) => {
      const jobs: { sha256: string; runId: string; chunk: number }[] = [];
      let chunks = 0;
      for (const f of files) {
        const { runId, chunks: n } = await planPosting(company.tenantId, f.sha256, () => streamEdi(f.key));
        for (let chunk = 0; chunk < n; chunk++) jobs.push({ sha256: f.sha256, runId, chunk });
        chunks += n;
      }
      const summaries = new Map<string, { posted: number }>();
      let invocations = 0;
      let longest = 0;
      const consumer = async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          invocations++;
          const started = Date.now();
          const out = await postChunk(company.tenantId, job.sha256, job.runId, job.chunk, started + timeoutMs);
          longest = Math.max(longest, Date.now() - started);
          if (out.state === "continue") jobs.push(job);
          if (out.state === "finished") summaries.set(job.sha256, out.summary);
        }
      };
      await Promise.all(Array.from({ length: consumers }, consumer));
      return { chunks, invocations, longest, summaries };
    };

    // The baseline: one job posting a whole file.
    const singleFile = await file("VS", single, 1500001);
    let t = performance.now();
    const singleSummary = await post835(company.tenantId, singleFile.sha256, () => streamEdi(singleFile.key));
    const singleRate = (singleSummary.posted / (performance.now() - t)) * 1000;
    if (singleSummary.posted !== single) throw new Error(`one job posted ${singleSummary.posted} of ${single}`);

    const largeFile = await file("VL", large, 1500002);
    ctx.log(`${large.toLocaleString()}-claim ERA of ${(largeFile.bytes / 1e6).toFixed(1)} MB in S3`);
    setFaults({ conflict: 0.05, throttle: 0.02, seed: 15 });
    const before = injectedFaults();
    t = performance.now();
    const big = await postRuns([largeFile]).finally(() => setFaults({ conflict: 0, throttle: 0 }));
    const largeMs = performance.now() - t;
    const injected = injectedFaults();
    const posted = big.summaries.get(largeFile.sha256)?.posted ?? 0;
    ctx.log(
      `large: ${posted.toLocaleString()} of ${large.toLocaleString()} posted in ${(largeMs / 1000).toFixed(1)} s, ${big.chunks} chunks, ${big.invocations} invocations, longest ${(big.longest / 1000).toFixed(1)} s of ${timeoutMs / 1000} s; ${injected.conflicts - before.conflicts} conflicts and ${injected.throttles - before.throttles} throttles injected`,
    );
    if (posted !== large) throw new Error(`the large ERA posted ${posted} of ${large} claims`);

    // One ERA alone, then five of the same practice at once, conflicts injected in both.
    const alone = await file("VA", each, 1500003);
    setFaults({ conflict: 0.1, throttle: 0, seed: 16 });
    t = performance.now();
    const aloneRun = await postRuns([alone]);
    const aloneRate = (each / (performance.now() - t)) * 1000;
    const five = [];
    for (let k = 0; k < 5; k++) five.push(await file(`V${k}`, each, 1500010 + k));
    t = performance.now();
    const together = await postRuns(five).finally(() => setFaults({ conflict: 0, throttle: 0 }));
    const togetherRate = ((5 * each) / (performance.now() - t)) * 1000;
    const failed = five.filter((f) => together.summaries.get(f.sha256)?.posted !== each).length;
    if (aloneRun.summaries.size !== 1) throw new Error("the lone ERA did not finish");
    ctx.log(
      `concurrent: 5 x ${each} claims at ${togetherRate.toFixed(1)} claims/s against ${aloneRate.toFixed(1)} alone; ${failed} files failed`,
    );

    ctx.target({
      figure: "posting.835.large",
      target: `every claim of a ${large.toLocaleString()}-claim ERA posted once, no invocation past the ${timeoutMs / 1000} s timeout, faults on`,
      met: posted === large && big.longest < timeoutMs,
      note: `${big.chunks} chunks in ${big.invocations} invocations, ${(largeMs / 1000).toFixed(0)} s`,
    });
    ctx.target({
      figure: "posting.concurrent",
      target: "five ERAs of one practice at once under conflicts: 0 files failed",
      met: failed === 0,
    });
    const out: Figure[] = [
      fig(
        "posting.835.large",
        (large / largeMs) * 1000,
        "claims/s",
        `one job posting a whole ${single}-claim file (what could not finish a large one in a Lambda)`,
        singleRate,
        "higher",
      ),
      fig(
        "posting.835.large.longest",
        big.longest / 1000,
        "s per invocation",
        "the deployed worker timeout",
        timeoutMs / 1000,
        "lower",
      ),
      fig(
        "posting.concurrent",
        togetherRate,
        "claims/s",
        `one ${each}-claim ERA alone, conflicts injected alike`,
        aloneRate,
        "higher",
      ),
    ];
    return out;
  },
};
