/**
 * `npm start` — the product on this machine: DynamoDB Local + fauxqs (data under .data/),
 * the API on a printed port, and the queue workers. `npm start -- --reset` wipes local data.
 */
import { startStack } from "./stack.ts";

const args = process.argv.slice(2);
const portArg = args.indexOf("--port");
const stack = await startStack({
  reset: args.includes("--reset"),
  port: portArg >= 0 ? Number(args[portArg + 1]) : undefined,
}).catch((err: Error) => {
  console.error(`Could not start the local stack: ${err.message}`);
  process.exit(1);
});

const { url, adminKey, demoOwnerKey, demoOwner } = stack.info;
console.log(`
ClaimLedger is running at ${url}
  Console:            ${url}/app    (sign in as ${demoOwner?.email}, password ${demoOwner?.password})
  Mail outbox:        ${url}/local/outbox   (invitations and password resets land here)
  API docs:           ${url}/docs   (OpenAPI: ${url}/openapi.json)
  Demo company owner: ${demoOwnerKey}
  Platform admin key: ${adminKey}   (creates more billing companies: POST /v1/tenants)
  Data:               .data/  (kept across restarts; npm start -- --reset wipes it)

Try:  curl -H "Authorization: Bearer ${demoOwnerKey}" ${url}/v1/practices
Ctrl-C stops the API, the workers and the emulators.`);

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping…");
    void stack.stop().then(() => process.exit(0));
  });
}
