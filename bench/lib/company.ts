/**
 * A billing company for the stack figures, made through the public API: a tenant, one practice,
 * one rendering provider, one payer (the sandbox clearinghouse's default) and a few patients,
 * plus a deterministic encounter generator whose every encounter is distinct (patient, date,
 * codes), so intake never answers "duplicate encounter".
 */
import type { BenchStack } from "./stack.ts";
import type { Rng } from "./figure.ts";

/** Visits of 1 to 6 lines; codes and charges as a family practice bills them. */
export const VISITS = [
  { dx: ["J06.9"], lines: [{ procedureCode: "99213", chargeCents: 12500, diagnosisPointers: [1] }] },
  {
    dx: ["I10", "E78.5"],
    lines: [
      { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1, 2] },
      { procedureCode: "80053", chargeCents: 4200, diagnosisPointers: [1] },
    ],
  },
  {
    dx: ["M54.50"],
    lines: [
      { procedureCode: "99203", chargeCents: 16000, diagnosisPointers: [1] },
      { procedureCode: "72100", chargeCents: 9500, diagnosisPointers: [1] },
    ],
  },
  {
    dx: ["Z00.00"],
    lines: [
      { procedureCode: "99396", chargeCents: 22000, diagnosisPointers: [1] },
      { procedureCode: "36415", chargeCents: 1500, diagnosisPointers: [1] },
      { procedureCode: "80053", chargeCents: 4200, diagnosisPointers: [1] },
    ],
  },
  {
    dx: ["S83.241A", "M25.561"],
    lines: [
      { procedureCode: "99204", modifiers: ["25"], chargeCents: 24000, diagnosisPointers: [1, 2] },
      { procedureCode: "20610", modifiers: ["RT"], chargeCents: 17500, diagnosisPointers: [1] },
      { procedureCode: "73560", modifiers: ["RT"], chargeCents: 8800, diagnosisPointers: [1] },
      { procedureCode: "J1030", chargeCents: 2500, diagnosisPointers: [1] },
    ],
  },
  {
    dx: ["E11.9", "I10", "E78.5"],
    lines: [
      { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1, 2, 3] },
      { procedureCode: "36415", chargeCents: 1500, diagnosisPointers: [1] },
      { procedureCode: "80053", chargeCents: 4200, diagnosisPointers: [1] },
      { procedureCode: "85025", chargeCents: 2800, diagnosisPointers: [1] },
      { procedureCode: "80061", chargeCents: 3900, diagnosisPointers: [3] },
      { procedureCode: "93000", chargeCents: 6500, diagnosisPointers: [2] },
    ],
  },
] as const;

const FIRST = [
  "Avery",
  "Blake",
  "Casey",
  "Devon",
  "Emerson",
  "Finley",
  "Harper",
  "Jamie",
  "Kendall",
  "Logan",
  "Morgan",
  "Parker",
  "Quinn",
  "Riley",
  "Taylor",
];
const LAST = [
  "Adams",
  "Brooks",
  "Carter",
  "Diaz",
  "Evans",
  "Foster",
  "Garcia",
  "Hughes",
  "Iverson",
  "Jensen",
  "Kim",
  "Lopez",
  "Murphy",
  "Nguyen",
  "Owens",
];

export interface Company {
  tenantId: string;
  ownerKey: string;
  practiceId: string;
  providerId: string;
  payerId: string;
  patientIds: string[];
}

export async function seedCompany(stack: BenchStack, rng: Rng, name: string, patients: number): Promise<Company> {
  const created = await stack.call<any>(
    stack.adminKey,
    "POST",
    "/v1/tenants",
    { name, ownerKeyName: "bench owner" },
    201,
  );
  const key = created.ownerKey.apiKey as string;
  const payer = await stack.call<any>(
    key,
    "POST",
    "/v1/payers",
    { name: "Blue Prairie Health", clearinghousePayerId: "BPH01", claimFilingIndicator: "CI", timelyFilingDays: 365 },
    201,
  );
  const practice = await stack.call<any>(
    key,
    "POST",
    "/v1/practices",
    {
      legalName: "Riverbend Family Medicine PC",
      npi: "1861474595",
      taxId: "36-4812337",
      taxonomyCode: "207Q00000X",
      address: { line1: "410 River Rd", city: "Peoria", state: "IL", postalCode: "616021234" },
      timeZone: "America/Chicago",
      contracts: [{ effectiveFrom: "2020-01-01", percentBps: 650, monthlyMinimumCents: 75000 }],
    },
    201,
  );
  const provider = await stack.call<any>(
    key,
    "POST",
    `/v1/practices/${practice.practiceId}/providers`,
    {
      kind: "individual",
      firstName: "Elena",
      lastName: "Marsh",
      credential: "MD",
      npi: "1417085192",
      taxonomyCode: "207Q00000X",
      roles: ["rendering"],
    },
    201,
  );
  const patientIds: string[] = [];
  for (let i = 0; i < patients; i++) {
    const p = await stack.call<any>(
      key,
      "POST",
      `/v1/practices/${practice.practiceId}/patients`,
      {
        firstName: rng.pick(FIRST),
        lastName: rng.pick(LAST),
        // Ages 40-63 on every date of service: the preventive visit billed is 99396 (ages 40-64).
        dateOfBirth: `${new Date().getUTCFullYear() - rng.int(41, 63)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
        sex: rng.pick(["F", "M"] as const),
        address: { line1: `${rng.int(10, 999)} Elm St`, city: "Peoria", state: "IL", postalCode: "61602" },
        coverages: [
          {
            payerId: payer.payerId,
            memberId: `BPH${rng.int(100000000, 999999999)}`,
            groupNumber: `GRP${rng.int(1000, 9999)}`,
            order: "primary",
            relationship: "self",
          },
        ],
      },
      201,
    );
    patientIds.push(p.patientId);
  }
  return {
    tenantId: created.tenant.tenantId,
    ownerKey: key,
    practiceId: practice.practiceId,
    providerId: provider.providerId,
    payerId: payer.payerId,
    patientIds,
  };
}

export function isoDaysAgo(days: number, from = new Date()): string {
  return new Date(from.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Days of service used: 2 to 151 days back, inside the payer's filing limit. */
const DAYS = 150;

/**
 * The i-th encounter of a company: patient, visit and date are the digits of i in a mixed radix
 * (patients, visits, days), so encounters 0 .. patients * 6 * 150 - 1 are all different visits.
 */
export function encounterFor(c: Pick<Company, "patientIds" | "providerId">, i: number) {
  const P = c.patientIds.length;
  const patient = i % P;
  const v = Math.floor(i / P) % VISITS.length;
  const day = Math.floor(i / (P * VISITS.length)) % DAYS;
  const t = VISITS[v]!;
  return {
    externalId: `ENC-${i}`,
    patientId: c.patientIds[patient]!,
    renderingProviderId: c.providerId,
    placeOfService: "11",
    serviceDate: isoDaysAgo(2 + day),
    diagnoses: [...t.dx],
    lines: t.lines.map((l) => ({
      units: 1,
      ...l,
      modifiers: "modifiers" in l ? [...l.modifiers] : [],
      diagnosisPointers: [...l.diagnosisPointers],
    })),
  };
}
