import type { TestProject } from "vitest/node";
import { startEmulators, type Emulators } from "../src/emulators.ts";
import { provision } from "../src/provision.ts";
import { ensureConsoleBuilt } from "../../console/scripts/build.ts";

declare module "vitest" {
  export interface ProvidedContext {
    localAwsEnv: Record<string, string>;
  }
}

let emulators: Emulators | undefined;

export async function setup(project: TestProject) {
  // The browser tests serve the built console; a fresh clone (or changed sources) builds it first.
  ensureConsoleBuilt({ quiet: true });
  emulators = await startEmulators();
  const env = await provision(emulators, "test");
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith("AWS_ENDPOINT_URL") && !/^http:\/\/127\.0\.0\.1:\d+$/.test(v)) {
      throw new Error(`Refusing to run tests against ${v}: only loopback emulators are allowed`);
    }
  }
  project.provide("localAwsEnv", env);
}

export async function teardown() {
  await emulators?.stop();
}
