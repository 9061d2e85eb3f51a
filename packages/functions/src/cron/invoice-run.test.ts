import { describe, expect, it } from "vitest";
import { periodOf } from "./invoice-run.ts";

describe("the monthly invoice run's period", () => {
  it("closes the month before when EventBridge's scheduled event fires, January included", () => {
    const scheduled = {
      version: "0",
      "detail-type": "Scheduled Event",
      source: "aws.events",
      time: "2026-12-01T06:00:00Z",
      detail: {},
    };
    expect(periodOf(scheduled, new Date("2026-12-01T06:00:00Z"))).toBe("2026-11");
    expect(periodOf(scheduled, new Date("2027-01-01T06:00:00Z"))).toBe("2026-12");
    expect(periodOf(undefined, new Date("2026-03-01T06:00:00Z"))).toBe("2026-02");
  });

  it("runs the month it is asked for, and refuses anything but a month", () => {
    expect(periodOf({ period: "2026-10" })).toBe("2026-10");
    expect(() => periodOf({ period: "2026-13" })).toThrow(/YYYY-MM/);
    expect(() => periodOf({ period: 202610 })).toThrow(/YYYY-MM/);
  });
});
