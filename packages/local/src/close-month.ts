/**
 * `npm run close-month [-- YYYY-MM]` — what the monthly cron does in AWS at 06:00 UTC on the 1st,
 * run by hand against the running local stack (`npm start`): starts an invoice run for every
 * company for the given month (default: the month before this one). The stack's workers draft the
 * invoices; review and finalize them through the API (see the README's month close).
 */
import { runningStack } from "./stack.ts";

const stack = await runningStack();
if (!stack) {
  console.error("No local stack is running: start it with `npm start` in another terminal first.");
  process.exit(1);
}
Object.assign(process.env, stack.env, { CLAIMLEDGER_LOG: process.env.CLAIMLEDGER_LOG ?? "warn" });
// Imported only now: the modules read the stack's resource names when they load.
const { handler, periodOf } = await import("@claimledger/functions/cron/invoice-run.ts");
const event = process.argv[2] === undefined ? {} : { period: process.argv[2] };
try {
  periodOf(event);
} catch {
  console.error(`usage: npm run close-month [-- YYYY-MM]   (got ${process.argv[2]})`);
  process.exit(2);
}
const result = await handler(event);
console.log(`Invoice runs for ${result.period}:`);
for (const r of result.runs)
  console.log(`  company ${r.tenantId}: run ${r.runId}, ${r.practices} practices (GET /v1/invoice-runs/${r.runId})`);
