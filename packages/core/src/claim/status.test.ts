import { describe, expect, it } from "vitest";
import { CLAIM_STATUSES } from "./claim.types.ts";
import { TRANSITIONS, canTransition } from "./status.ts";

describe("claim status machine", () => {
  it("walks the happy path from draft to closed", () => {
    const path = ["draft", "ready", "queued", "submitted", "accepted", "paid", "closed"] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });
  it("refuses skipping steps and leaving terminal states", () => {
    expect(canTransition("draft", "submitted")).toBe(false);
    expect(canTransition("ready", "paid")).toBe(false);
    expect(canTransition("submitted", "ready")).toBe(false);
    expect(canTransition("voided", "ready")).toBe(false);
    expect(canTransition("corrected", "paid")).toBe(false);
  });
  it("names only known statuses", () => {
    for (const [from, tos] of Object.entries(TRANSITIONS)) {
      expect(CLAIM_STATUSES).toContain(from);
      for (const to of tos) expect(CLAIM_STATUSES).toContain(to);
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...CLAIM_STATUSES].sort());
  });
});
