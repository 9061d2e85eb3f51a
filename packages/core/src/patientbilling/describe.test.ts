import { describe, expect, it } from "vitest";
import { categoryOf, describeService } from "./describe.ts";

const none = { practice: new Map<string, string>(), hcpcsShort: () => undefined };

describe("service descriptions on a statement", () => {
  it("prints the practice's own words first, by code and modifier, then by code", () => {
    const practice = new Map([
      ["99214", "Office visit, established patient"],
      ["93000:26", "Heart tracing, reading only"],
    ]);
    const s = { practice, hcpcsShort: () => undefined };
    expect(describeService("99214", ["25"], s)).toBe("Office visit, established patient (CPT 99214)");
    expect(describeService("93000", ["26"], s)).toBe("Heart tracing, reading only (CPT 93000)");
    expect(describeService("93000", [], s)).toBe("Medical test or treatment (CPT 93000)");
  });

  it("uses CMS's short description for a HCPCS code when one is loaded, else its category", () => {
    const s = { practice: new Map(), hcpcsShort: (c: string) => (c === "J3420" ? "Vitamin b12 injection" : undefined) };
    expect(describeService("J3420", [], s)).toBe("Vitamin b12 injection (HCPCS J3420)");
    expect(describeService("J1885", [], s)).toBe("Medication given by your provider (HCPCS J1885)");
    expect(describeService("G0439", [], s)).toBe("Medical service (HCPCS G0439)"); // G is not a cited range
  });

  it("never prints CPT's own text: a category by the cited ranges, else a plain label", () => {
    expect(categoryOf("99213")).toBe("Visit or consultation");
    expect(categoryOf("36415")).toBe("Surgery or procedure");
    expect(categoryOf("80053")).toBe("Laboratory test");
    expect(categoryOf("71046")).toBe("Imaging or radiology");
    expect(categoryOf("00142")).toBe("Anesthesia");
    expect(categoryOf("99140")).toBe("Anesthesia");
    expect(categoryOf("90686")).toBe("Medical test or treatment");
    expect(categoryOf("3074F")).toBe("Quality measure");
    expect(categoryOf("0042T")).toBe("Emerging technology service");
    expect(categoryOf("69995")).toBeUndefined(); // between Surgery and Radiology
    expect(describeService("69995", [], none)).toBe("Medical service (CPT 69995)");
  });
});
