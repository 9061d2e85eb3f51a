/**
 * The API over HTTP on the local stack: one encounter per request to POST
 * /v1/practices/{id}/encounters (intake, scrubber, claim written), against GET /health on the same
 * server. autocannon runs in a child process on loopback, bounded in time. Latency is taken with
 * one connection (a single encounter, nothing queued behind it); throughput with four.
 */
import { resolve } from "node:path";
import { seedCompany } from "../lib/company.ts";
import { runChild } from "../lib/child.ts";
import { fig, seeded, type Figure, type FigureModule } from "../lib/figure.ts";

interface Load {
  rps: number;
  p50: number;
  p99: number;
  responses: number;
  sent: number;
  statuses: Record<string, number>;
  errors: number;
}

export const figure: FigureModule = {
  title: "API: encounter intake over HTTP",
  order: 40,
  async run(ctx) {
    const stack = await ctx.stack();
    const company = await seedCompany(stack, seeded(4040), "Bench API Billing", 20);
    const child = resolve(import.meta.dirname, "../children/load.ts");
    const seconds = ctx.quick ? 2 : 10;
    let offset = 0;
    const load = async (kind: "health" | "intake", connections: number, s: number): Promise<Load> => {
      const r = await runChild<Load>(child, [
        JSON.stringify({
          url: stack.url,
          kind,
          seconds: s,
          connections,
          key: company.ownerKey,
          practiceId: company.practiceId,
          providerId: company.providerId,
          patientIds: company.patientIds,
          offset,
        }),
      ]);
      offset += r.sent + 1;
      const ok = kind === "health" ? "200" : "201";
      if (r.errors || r.responses === 0 || (r.statuses[ok] ?? 0) !== r.responses)
        throw new Error(`${kind} load: ${JSON.stringify(r)}`);
      return r;
    };
    // Warm both paths (JIT, DynamoDB Local's own JIT) before measuring.
    await load("health", 1, 1);
    await load("intake", 1, 1);
    const health1 = await load("health", 1, seconds);
    const intake1 = await load("intake", 1, seconds);
    const health4 = await load("health", 4, seconds);
    const intake4 = await load("intake", 4, seconds);
    ctx.log(
      `intake, 1 connection: p50 ${intake1.p50.toFixed(1)} ms, p99 ${intake1.p99.toFixed(1)} ms (${intake1.responses} requests); 4 connections: ${intake4.rps.toFixed(1)} req/s`,
    );
    ctx.log(
      `health, 1 connection: p50 ${health1.p50.toFixed(2)} ms, p99 ${health1.p99.toFixed(2)} ms; 4 connections: ${health4.rps.toFixed(0)} req/s`,
    );
    const out: Figure[] = [
      fig("api.intake.p50", intake1.p50, "ms", "GET /health, same server, 1 connection", health1.p50, "lower"),
      fig("api.intake.p99", intake1.p99, "ms", "GET /health, same server, 1 connection", health1.p99, "lower"),
      fig("api.intake.rps", intake4.rps, "req/s", "GET /health, same server, 4 connections", health4.rps, "higher"),
    ];
    ctx.target({
      figure: "api.intake.p99",
      target: "p99 under 50 ms for a single encounter",
      met: intake1.p99 < 50,
      note: `${intake1.p99.toFixed(1)} ms against DynamoDB Local`,
    });
    return out;
  },
};
