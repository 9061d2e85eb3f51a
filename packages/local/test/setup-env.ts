import { inject } from "vitest";

// Every test worker talks to the run's emulators, never to AWS: the client factory refuses any
// non-loopback endpoint while CLAIMLEDGER_LOCAL_ONLY is set.
Object.assign(process.env, inject("localAwsEnv"), {
  CLAIMLEDGER_LOCAL_ONLY: "1",
  CLAIMLEDGER_LOG: process.env.CLAIMLEDGER_LOG ?? "silent",
  SST_RESOURCE_PlatformAdminKey: JSON.stringify({ value: "test-platform-admin-key-0123456789" }),
});
delete process.env.AWS_PROFILE;
