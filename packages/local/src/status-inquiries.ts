/**
 * `npm run status-inquiries [-- 2026-12-01T07:00:00Z]` — what the daily cron does in AWS at 07:00
 * UTC (and the local stack once a day), run now against the running local stack (`npm start`):
 * queues one claim status inquiry run (276) per company, for the day of the time given (default
 * now), so claims that waited their payer's days are asked about; the stack's worker sends them.
 */
import { runningStack } from "./stack.ts";

const stack = await runningStack();
if (!stack) {
  console.error("No local stack is running: start it with `npm start` in another terminal first.");
  process.exit(1);
}
Object.assign(process.env, stack.env, { CLAIMLEDGER_LOG: process.env.CLAIMLEDGER_LOG ?? "warn" });
// Imported only now: the modules read the stack's resource names when they load.
const { handler } = await import("@claimledger/functions/cron/status-inquiries.ts");
const at = process.argv[2];
if (at !== undefined && Number.isNaN(Date.parse(at))) {
  console.error(`usage: npm run status-inquiries [-- ISO date-time]   (got ${at})`);
  process.exit(2);
}
const result = await handler(at === undefined ? {} : { at });
console.log(
  `Status inquiry run ${result.runId} queued for ${result.queued} companies (GET /v1/status-inquiries/${result.runId}).`,
);
