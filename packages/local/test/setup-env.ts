import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";

// Every test worker talks to the run's emulators, never to AWS: the client factory refuses any
// non-loopback endpoint while CLAIMLEDGER_LOCAL_ONLY is set.
Object.assign(process.env, inject("localAwsEnv"), {
  CLAIMLEDGER_LOCAL_ONLY: "1",
  CLAIMLEDGER_LOG: process.env.CLAIMLEDGER_LOG ?? "silent",
  // Finalize waits the month-close fence out: 3 s here instead of 10 s keeps the suite quick, and
  // leaves a posting 1.5 s to land on two loaded cores.
  CLAIMLEDGER_POSTING_FENCE_MS: process.env.CLAIMLEDGER_POSTING_FENCE_MS ?? "3000",
  // Mail goes to an outbox directory per test worker (tests read the links out of it).
  CLAIMLEDGER_MAIL_OUTBOX: mkdtempSync(join(tmpdir(), "claimledger-outbox-")),
  CLAIMLEDGER_CONSOLE_URL: "http://127.0.0.1/app",
  // Every in-process sign-in of a test worker comes from one "address": the per-address limit
  // would count the whole suite's sign-ins together (the per-email limit is tested as it ships).
  CLAIMLEDGER_SIGNIN_PER_ADDRESS: "100000",
  SST_RESOURCE_PlatformAdminKey: JSON.stringify({ value: "test-platform-admin-key-0123456789" }),
});
delete process.env.AWS_PROFILE;
