import { describe, expect, it } from "vitest";
import { claimWith, cleanClaim, findingsOf } from "./fixtures.ts";

describe("npi.billing / npi.rendering / npi.referring", () => {
  it("accepts the clean claim's three valid NPIs", () => {
    for (const id of ["npi.billing", "npi.rendering", "npi.referring"])
      expect(findingsOf(id, cleanClaim())).toEqual([]);
  });

  it("says a wrong-length NPI must be 10 digits", () => {
    const [f] = findingsOf(
      "npi.rendering",
      claimWith((c) => (c.renderingProvider.npi = "167957672")),
    );
    expect(f).toMatchObject({ severity: "error", path: "renderingProvider.npi" });
    expect(f!.message).toContain('"167957672"');
    expect(f!.message).toContain("exactly 10 digits");
  });

  it("says a 10-digit NPI with a bad check digit has a wrong check digit", () => {
    const [f] = findingsOf(
      "npi.billing",
      claimWith((c) => (c.billingProvider.npi = "1245319591")),
    );
    expect(f!.message).toContain("check digit");
  });

  it("reports a missing NPI as missing", () => {
    const [f] = findingsOf(
      "npi.billing",
      claimWith((c) => (c.billingProvider.npi = "")),
    );
    expect(f).toMatchObject({ path: "billingProvider.npi", severity: "error" });
    expect(f!.message).toContain("no NPI");
  });

  it("checks the referring NPI only when there is a referring provider", () => {
    expect(
      findingsOf(
        "npi.referring",
        claimWith((c) => delete c.referringProvider),
      ),
    ).toEqual([]);
    const [f] = findingsOf(
      "npi.referring",
      claimWith((c) => (c.referringProvider!.npi = "1234567890")),
    );
    expect(f).toMatchObject({ path: "referringProvider.npi", severity: "error" });
    expect(f!.message).toContain("1234567890");
  });
});

describe("billing.taxid", () => {
  it("refuses an EIN written with a hyphen (the 837 needs 9 digits)", () => {
    const [f] = findingsOf(
      "billing.taxid",
      claimWith((c) => (c.billingProvider.taxId = "12-3456789")),
    );
    expect(f).toMatchObject({ path: "billingProvider.taxId", severity: "error" });
    expect(f!.message).toContain('"12-3456789"');
  });

  it("refuses an EIN with a prefix the IRS never assigns", () => {
    const [f] = findingsOf(
      "billing.taxid",
      claimWith((c) => (c.billingProvider.taxId = "001234567")),
    );
    expect(f!.message).toContain("001234567");
  });

  it("reports a missing tax id", () => {
    const [f] = findingsOf(
      "billing.taxid",
      claimWith((c) => delete c.billingProvider.taxId),
    );
    expect(f).toMatchObject({ path: "billingProvider.taxId" });
    expect(f!.message).toContain("no tax id");
  });

  it("requires a 9-digit ZIP+4 on the billing address", () => {
    const [f] = findingsOf(
      "billing.taxid",
      claimWith((c) => (c.billingProvider.address!.postalCode = "62701")),
    );
    expect(f).toMatchObject({ path: "billingProvider.address.postalCode", severity: "error" });
    expect(f!.message).toContain('"62701"');
  });

  it("reports a billing provider without an address", () => {
    const [f] = findingsOf(
      "billing.taxid",
      claimWith((c) => delete c.billingProvider.address),
    );
    expect(f).toMatchObject({ path: "billingProvider.address" });
  });

  it("reports the tax id and the ZIP separately when both are wrong", () => {
    const fs = findingsOf(
      "billing.taxid",
      claimWith((c) => {
        c.billingProvider.taxId = "12345";
        c.billingProvider.address!.postalCode = "62701";
      }),
    );
    expect(fs.map((f) => f.path)).toEqual(["billingProvider.address.postalCode", "billingProvider.taxId"]);
  });
});
