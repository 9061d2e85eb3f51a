/**
 * The contract every rule meets: the clean claim passes it, and one typical mistake trips it with
 * the rule's id, the expected severity and path, and a message naming the offending value.
 * Adding a rule without a case here fails the "covers every rule" test.
 */
import { describe, expect, it } from "vitest";
import type { ClaimDocument } from "../claim.types.ts";
import type { ScrubContext } from "./types.ts";
import { RULES, scrub } from "./index.ts";
import { claimWith, cleanClaim, ctxFor } from "./fixtures.ts";
import { CODING_CASES } from "./catalog-coding.cases.ts";

interface Case {
  ruleId: string;
  mutate: (c: ClaimDocument) => void;
  extra?: Partial<Omit<ScrubContext, "claim">>;
  severity: "error" | "warning";
  path: string;
  /** Text the message must contain: the offending value. */
  names: string;
}

const line = (c: ClaimDocument, i: number) => c.lines[i]!;

const CASES: Case[] = [
  {
    ruleId: "npi.billing",
    mutate: (c) => (c.billingProvider.npi = "1245319590"),
    severity: "error",
    path: "billingProvider.npi",
    names: "1245319590",
  },
  {
    ruleId: "npi.rendering",
    mutate: (c) => (c.renderingProvider.npi = "1679576721"),
    severity: "error",
    path: "renderingProvider.npi",
    names: "1679576721",
  },
  {
    ruleId: "npi.referring",
    mutate: (c) => (c.referringProvider!.npi = "123456789"),
    severity: "error",
    path: "referringProvider.npi",
    names: "123456789",
  },
  {
    ruleId: "billing.taxid",
    mutate: (c) => (c.billingProvider.taxId = "12345678"),
    severity: "error",
    path: "billingProvider.taxId",
    names: "12345678",
  },
  {
    ruleId: "dx.required",
    mutate: (c) => (c.diagnoses = []),
    severity: "error",
    path: "diagnoses",
    names: "no diagnosis",
  },
  {
    ruleId: "dx.max",
    mutate: (c) => (c.diagnoses = Array.from({ length: 13 }, () => "I10")),
    severity: "error",
    path: "diagnoses",
    names: "13 diagnoses",
  },
  {
    ruleId: "dx.icd10",
    mutate: (c) => (c.diagnoses[1] = "I10.9"),
    severity: "error",
    path: "diagnoses.1",
    names: '"I10.9"',
  },
  {
    ruleId: "dx.duplicate",
    mutate: (c) => (c.diagnoses[2] = "E11.9"),
    severity: "warning",
    path: "diagnoses.2",
    names: '"E11.9"',
  },
  {
    ruleId: "dx.pointer",
    mutate: (c) => (line(c, 1).diagnosisPointers = [4]),
    severity: "error",
    path: "lines.1.diagnosisPointers.0",
    names: "diagnosis 4, but the claim has only 3 diagnoses",
  },
  {
    ruleId: "lines.required",
    mutate: (c) => ((c.lines = []), (c.totalChargeCents = 0), (c.submittedTotalCents = 0)),
    severity: "error",
    path: "lines",
    names: "no service lines",
  },
  {
    ruleId: "lines.max",
    mutate: (c) => {
      c.lines = Array.from({ length: 51 }, (_, i) => ({ ...line(c, 1), lineNumber: i + 1, lineId: `L${i}` }));
    },
    severity: "error",
    path: "lines",
    names: "51 service lines",
  },
  {
    ruleId: "proc.shape",
    mutate: (c) => (line(c, 0).procedureCode = "9921"),
    severity: "error",
    path: "lines.0.procedureCode",
    names: '"9921"',
  },
  {
    ruleId: "modifier.shape",
    mutate: (c) => (line(c, 0).modifiers = ["25", "X"]),
    severity: "error",
    path: "lines.0.modifiers.1",
    names: '"X"',
  },
  {
    ruleId: "pos.valid",
    mutate: (c) => (c.placeOfService = "45"),
    severity: "error",
    path: "placeOfService",
    names: '"45"',
  },
  {
    ruleId: "dos.valid",
    mutate: (c) => (line(c, 2).serviceDate = "2026-02-30"),
    severity: "error",
    path: "lines.2.serviceDate",
    names: "2026-02-30",
  },
  {
    ruleId: "dos.future",
    mutate: (c) => (
      (c.serviceDate = "2026-03-11"),
      (c.lines = c.lines.map((l) => ({ ...l, serviceDate: "2026-03-11" })))
    ),
    severity: "error",
    path: "serviceDate",
    names: "2026-03-11",
  },
  {
    ruleId: "dos.timely-filing",
    mutate: (c) => (c.coverage.timelyFilingDays = 15),
    severity: "error",
    path: "serviceDate",
    names: "2026-02-20",
  },
  {
    ruleId: "dos.line-range",
    mutate: (c) => (line(c, 1).serviceDate = "2026-02-21"),
    severity: "warning",
    path: "lines.1.serviceDate",
    names: "2026-02-21",
  },
  {
    ruleId: "line.units",
    mutate: (c) => (line(c, 1).units = 0),
    severity: "error",
    path: "lines.1.units",
    names: "0 units",
  },
  {
    ruleId: "line.charge",
    mutate: (c) => {
      Object.assign(line(c, 0), { chargeCents: 0, chargeSource: "missing" });
      c.totalChargeCents = c.submittedTotalCents = 9500;
    },
    severity: "error",
    path: "lines.0.chargeCents",
    names: "99214-25",
  },
  {
    ruleId: "claim.total",
    mutate: (c) => (c.totalChargeCents = 24400),
    severity: "error",
    path: "totalChargeCents",
    names: "$244.00",
  },
  {
    ruleId: "subscriber.complete",
    mutate: (c) => delete c.coverage.subscriber!.dateOfBirth,
    severity: "error",
    path: "coverage.subscriber.dateOfBirth",
    names: "date of birth",
  },
  {
    ruleId: "member.id",
    mutate: (c) => (c.coverage.memberId = "XJH 123"),
    severity: "error",
    path: "coverage.memberId",
    names: '"XJH 123"',
  },
  {
    ruleId: "payer.id",
    mutate: (c) => (c.coverage.clearinghousePayerId = ""),
    severity: "error",
    path: "coverage.clearinghousePayerId",
    names: "Blue Prairie Health",
  },
  {
    ruleId: "coverage.active",
    mutate: (c) => (c.coverage.effectiveTo = "2026-01-31"),
    severity: "error",
    path: "serviceDate",
    names: "2026-01-31",
  },
  {
    ruleId: "eligibility.271",
    mutate: () => {},
    extra: {
      // The payer's 271 for the clean claim's coverage (child Tom of subscriber Jane Smith): plan ended 2026-01-31.
      eligibility: {
        checkId: "elg_1",
        answeredAt: "2026-03-09T12:00:00.000Z",
        serviceDate: "2026-02-20",
        asked: {
          memberId: "XJH123456789",
          firstName: "Jane",
          lastName: "Smith",
          dateOfBirth: "1985-03-02",
          dependent: { firstName: "Tom", lastName: "Smith", dateOfBirth: "2015-06-01" },
        },
        subscriber: {},
        status: "inactive",
        coverageDates: { planEnd: "2026-01-31" },
        rejections: [],
        mismatches: [],
        officeVisit: { basis: "" },
      },
    },
    severity: "error",
    path: "coverage",
    names: "2026-01-31",
  },
  {
    ruleId: "claim.duplicate",
    mutate: () => {},
    extra: { duplicateOf: "CLOLD000000009" },
    severity: "error",
    path: "claimId",
    names: "CLOLD000000009",
  },
  {
    ruleId: "line.same-code-same-day",
    mutate: (c) => c.lines.push({ ...line(c, 1), lineNumber: 4, lineId: "LN4" }),
    severity: "warning",
    path: "lines.3.procedureCode",
    names: "96372",
  },
  {
    ruleId: "ndc.shape",
    mutate: (c) => (line(c, 2).ndc = "6332300441"),
    severity: "error",
    path: "lines.2.ndc",
    names: '"6332300441"',
  },
  {
    ruleId: "ndc.quantity",
    mutate: (c) => delete line(c, 2).ndcQuantity,
    severity: "error",
    path: "lines.2.ndcQuantity",
    names: "63323-0044-01",
  },
  {
    ruleId: "x12.characters",
    mutate: (c) => (c.patient.address!.line1 = "487 Oak St Apt 4*B"),
    severity: "warning",
    path: "patient.address.line1",
    names: '"*"',
  },
  {
    ruleId: "claim.frequency",
    mutate: (c) => (c.frequencyCode = "7"),
    severity: "error",
    path: "payerClaimControlNumber",
    names: "frequency 7",
  },
  ...CODING_CASES,
];

describe("rule catalog", () => {
  it("has unique ids, a title and a default severity for every rule", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/);
      expect(r.title.length).toBeGreaterThan(10);
      expect(["error", "warning"]).toContain(r.severity);
    }
  });

  it("has a failing case below for every rule, and no case for a rule that does not exist", () => {
    expect(CASES.map((c) => c.ruleId).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it("finds nothing at all on the clean claim", () => {
    expect(scrub(ctxFor(cleanClaim()))).toEqual([]);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s passes the clean claim", (_id, rule) => {
    expect(rule.check(ctxFor(cleanClaim()))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.ruleId, c] as const))("%s reports its typical mistake", (_id, c) => {
    const findings = scrub(ctxFor(claimWith(c.mutate), c.extra)).filter((f) => f.ruleId === c.ruleId);
    expect(findings.length, JSON.stringify(findings)).toBeGreaterThanOrEqual(1);
    const f = findings.find((x) => x.path === c.path);
    expect(f, `no finding at ${c.path}: ${JSON.stringify(findings)}`).toBeDefined();
    expect(f!.severity).toBe(c.severity);
    expect(f!.message).toContain(c.names);
    expect(f!.fixHint.length).toBeGreaterThan(10);
  });
});
