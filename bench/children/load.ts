/**
 * Child process of the API figure: autocannon against the bench's server on loopback, in its own
 * process so the load generator does not share the server's event loop. Latencies are taken from
 * autocannon's per-response times (microsecond resolution; its histogram keeps whole ms only).
 * Prints one JSON line.
 *
 *   node bench/children/load.ts '{"url":"http://127.0.0.1:PORT","kind":"health"|"intake",...}'
 */
import { createRequire } from "node:module";
import { encounterFor } from "../lib/company.ts";

interface Config {
  url: string;
  kind: "health" | "intake";
  seconds: number;
  connections: number;
  key?: string;
  practiceId?: string;
  providerId?: string;
  patientIds?: string[];
  /** First encounter number: every request sends a different visit. */
  offset?: number;
}

const cfg = JSON.parse(process.argv[2] ?? "{}") as Config;
const autocannon = createRequire(import.meta.url)("autocannon");
let n = cfg.offset ?? 0;
const company = { providerId: cfg.providerId ?? "", patientIds: cfg.patientIds ?? [] };
const request =
  cfg.kind === "health"
    ? { method: "GET", path: "/health" }
    : {
        method: "POST",
        path: `/v1/practices/${cfg.practiceId}/encounters`,
        headers: { authorization: `Bearer ${cfg.key}`, "content-type": "application/json" },
        setupRequest: (req: { body?: string }) => {
          req.body = JSON.stringify(encounterFor(company, n++));
          return req;
        },
      };

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const instance = autocannon({ url: cfg.url, connections: cfg.connections, duration: cfg.seconds, requests: [request] });
instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
  latencies.push(ms);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
const result = await new Promise<any>((ok, fail) => instance.once("done", ok).once("error", fail));
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? NaN;
console.log(
  JSON.stringify({
    kind: cfg.kind,
    connections: cfg.connections,
    seconds: result.duration,
    responses: latencies.length,
    rps: latencies.length / result.duration,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies.at(-1),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    sent: n - (cfg.offset ?? 0),
  }),
);
