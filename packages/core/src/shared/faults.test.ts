import { expect, it } from "vitest";
import { fromEnv } from "./faults.ts";

it("reads CLAIMLEDGER_FAULTS, and refuses what it cannot read rather than running without faults", () => {
  expect(fromEnv(undefined)).toEqual({ conflict: 0, throttle: 0 });
  expect(fromEnv("conflict=0.2,throttle=0.05,seed=7")).toEqual({ conflict: 0.2, throttle: 0.05, seed: 7 });
  expect(() => fromEnv("conflict=2")).toThrow(/conflict=2/);
  expect(() => fromEnv("conflicts=0.1")).toThrow(/conflicts=0.1/);
});
