import { describe, expect, it } from "vitest";
import { cleanClaim, claimWith, findingsOf } from "./fixtures.ts";
import type { LatestEligibility } from "../../eligibility/index.ts";

// The clean claim: Tom Smith (born 2015-06-01), the child of subscriber Jane Smith, member XJH123456789,
// seen 2026-02-20; today is 2026-03-10.
const jane = cleanClaim().coverage.subscriber!;
const asked = {
  memberId: "XJH123456789",
  firstName: "Jane",
  lastName: "Smith",
  dateOfBirth: jane.dateOfBirth,
  dependent: { firstName: "Tom", lastName: "Smith", dateOfBirth: "2015-06-01" },
};
const latest = (over: Partial<LatestEligibility> = {}): LatestEligibility => ({
  checkId: "elg_1",
  answeredAt: "2026-03-07T15:00:00.000Z",
  serviceDate: "2026-02-20",
  asked,
  subscriber: { memberId: "XJH123456789", firstName: "JANE", lastName: "SMITH" },
  dependent: { firstName: "TOM", lastName: "SMITH", dateOfBirth: "2015-06-01" },
  status: "active",
  coverageDates: { planBegin: "2026-01-01" },
  rejections: [],
  mismatches: [],
  officeVisit: { basis: "-" },
  ...over,
});

describe("eligibility.271", () => {
  it("says nothing without an eligibility answer, or when the payer confirms the coverage", () => {
    expect(findingsOf("eligibility.271", cleanClaim())).toEqual([]);
    expect(findingsOf("eligibility.271", cleanClaim(), { eligibility: latest() })).toEqual([]);
  });

  it("stops a claim to an inactive coverage, saying when the payer said so", () => {
    const [f, ...rest] = findingsOf("eligibility.271", cleanClaim(), {
      eligibility: latest({ status: "inactive", coverageDates: { planEnd: "2026-01-31" } }),
    });
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("error");
    // Answered 2026-03-07, today 2026-03-10: three days ago.
    expect(f!.message).toBe(
      "Blue Prairie Health reported the coverage inactive (checked 3 days ago, for 2026-02-20); the plan ended 2026-01-31.",
    );
  });

  it("lets a visit from before the plan ended through", () => {
    // Seen 2026-02-20; the plan ended 2026-02-28.
    const fs = findingsOf("eligibility.271", cleanClaim(), {
      eligibility: latest({ status: "inactive", coverageDates: { planEnd: "2026-02-28" } }),
    });
    expect(fs).toEqual([]);
  });

  it("stops a claim for a member the payer could not find, with the reason in words", () => {
    const [f] = findingsOf("eligibility.271", cleanClaim(), {
      eligibility: latest({
        status: "rejected",
        rejections: [
          {
            level: "subscriber",
            code: "75",
            description: "Subscriber/Insured Not Found",
            followUp: "C",
            followUpDescription: "Please Correct and Resubmit",
          },
        ],
      }),
    });
    expect(f!.severity).toBe("error");
    expect(f!.message).toContain("75 Subscriber/Insured Not Found");
    expect(f!.fixHint).toMatch(/^Please Correct and Resubmit\./);
  });

  it("names each detail the payer has otherwise", () => {
    const fs = findingsOf("eligibility.271", cleanClaim(), {
      eligibility: latest({ dependent: { firstName: "THOMAS", lastName: "SMITH", dateOfBirth: "2015-01-06" } }),
    });
    expect(fs.map((f) => f.message)).toEqual([
      "The payer has the patient's first name as THOMAS, not Tom. (Blue Prairie Health's eligibility answer, checked 3 days ago, for 2026-02-20)",
      "The payer has the patient's date of birth as 2015-01-06, not 2015-06-01. (Blue Prairie Health's eligibility answer, checked 3 days ago, for 2026-02-20)",
    ]);
  });

  it("stops dates of service outside the coverage the payer reported", () => {
    const fs = findingsOf("eligibility.271", cleanClaim(), {
      eligibility: latest({ coverageDates: { planBegin: "2026-03-01" } }),
    });
    expect(fs.length).toBeGreaterThan(0);
    expect(fs[0]!.path).toBe("serviceDate");
    expect(fs[0]!.message).toContain("2026-02-20 is outside the coverage");
  });

  it("only warns when the answer was for other details than the claim now has (fixed since)", () => {
    const claim = claimWith((c) => (c.coverage.memberId = "XJH123456780"));
    const fs = findingsOf("eligibility.271", claim, { eligibility: latest({ status: "inactive" }) });
    expect(fs).toHaveLength(1);
    expect(fs[0]!.severity).toBe("warning");
    expect(fs[0]!.fixHint).toBe("Check eligibility again with the coverage as it is now.");
  });
});
