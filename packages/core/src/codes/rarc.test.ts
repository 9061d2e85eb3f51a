import { describe, expect, it } from "vitest";
import { describeRarc, listRarcs, rarcDescription } from "./rarc.ts";

const COMMON = [
  "M15",
  "M20",
  "M51",
  "M76",
  "M80",
  "M86",
  "MA04",
  "MA18",
  "MA130",
  "N4",
  "N19",
  "N20",
  "N30",
  "N95",
  "N115",
  "N130",
  "N179",
  "N180",
  "N211",
  "N255",
  "N264",
  "N265",
  "N286",
  "N290",
  "N350",
  "N362",
  "N381",
  "N386",
  "N425",
  "N432",
  "N479",
  "N517",
  "N522",
  "N575",
  "N657",
  "N674",
];

describe("RARC list", () => {
  it("covers the common codes, at least 120 in all", () => {
    expect(listRarcs().length).toBeGreaterThanOrEqual(120);
    expect(COMMON.filter((c) => rarcDescription(c) === undefined)).toEqual([]);
  });
  it("gives the standard descriptions", () => {
    expect(rarcDescription("N290")).toBe("Missing/incomplete/invalid rendering provider primary identifier.");
    expect(rarcDescription("m15")).toMatch(/^Separately billed services\/tests have been bundled/);
    expect(rarcDescription("N9999")).toBeUndefined();
  });
});

describe("describeRarc", () => {
  it("marks informational Alert remarks", () => {
    expect(describeRarc("N211")).toEqual({
      code: "N211",
      description: "Alert: You may not appeal this decision.",
      known: true,
      alert: true,
    });
    expect(describeRarc(" ma130 ")).toMatchObject({ code: "MA130", known: true, alert: false });
  });
  it("still describes an unknown code", () => {
    expect(describeRarc("N9999")).toEqual({
      code: "N9999",
      description: "Unknown remark code N9999",
      known: false,
      alert: false,
    });
  });
});
