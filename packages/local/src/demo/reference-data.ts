import type { ApiClient, seeded } from "./client.ts";

/** Step 1 of the demo month: the company's client practices, their providers, payers and patients. */
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

export const PRACTICES = [
  {
    legalName: "Riverbend Family Medicine PC",
    npi: "1861474595",
    taxId: "36-4812337",
    taxonomyCode: "207Q00000X",
    address: { line1: "410 River Rd", city: "Peoria", state: "IL", postalCode: "616021234" },
    phone: "3095550142",
    timeZone: "America/Chicago",
    contracts: [{ effectiveFrom: "2026-01-01", percentBps: 650, monthlyMinimumCents: 75000 }],
    providers: [
      {
        kind: "individual",
        firstName: "Elena",
        lastName: "Marsh",
        credential: "MD",
        npi: "1417085192",
        taxonomyCode: "207Q00000X",
        roles: ["rendering"],
      },
      {
        kind: "individual",
        firstName: "Omar",
        lastName: "Haddad",
        credential: "DO",
        npi: "1043389612",
        taxonomyCode: "207Q00000X",
        roles: ["rendering"],
      },
    ],
  },
  {
    legalName: "Cedar Orthopedics LLC",
    npi: "1528061355",
    taxId: "47-1029384",
    taxonomyCode: "207X00000X",
    address: { line1: "88 Cedar Ave Ste 200", city: "Madison", state: "WI", postalCode: "537031122" },
    phone: "6085550177",
    timeZone: "America/Chicago",
    contracts: [
      {
        effectiveFrom: "2026-01-01",
        percentBps: 700,
        tiers: [{ upToCents: 500000, percentBps: 700 }, { percentBps: 600 }],
        perClaimSubmittedCents: 300,
      },
    ],
    providers: [
      {
        kind: "individual",
        firstName: "Grace",
        lastName: "Whitfield",
        credential: "MD",
        npi: "1972598514",
        taxonomyCode: "207X00000X",
        roles: ["rendering"],
      },
    ],
  },
] as const;

export const PAYERS = [
  { name: "Blue Prairie Health", clearinghousePayerId: "BPH01", claimFilingIndicator: "CI", timelyFilingDays: 180 },
  {
    name: "Medicare Part B Illinois",
    clearinghousePayerId: "00952",
    claimFilingIndicator: "MB",
    timelyFilingDays: 365,
  },
  { name: "Great Lakes Medicaid", clearinghousePayerId: "GLMCD", claimFilingIndicator: "MC", timelyFilingDays: 90 },
] as const;

/**
 * Blue Prairie's contract with each demo practice: made-up figures, not a real payer's. 99214 is
 * contracted above what the sandbox payer allows (its 835s come in short: underpayments), 80053
 * above the practice's charge and 36415 far below it (fee advice for both).
 */
const BLUE_PRAIRIE_CONTRACT = [
  { procedureCode: "99213", allowedCents: 9200 },
  { procedureCode: "99214", allowedCents: 13500 },
  { procedureCode: "80053", allowedCents: 4500 },
  { procedureCode: "36415", allowedCents: 300 },
];

export async function createReferenceData(api: ApiClient, rng: ReturnType<typeof seeded>) {
  const payers = [];
  for (const p of PAYERS) payers.push(await api.expect(201, "POST", "/v1/payers", p));
  const practices = [];
  for (const { providers: provs, ...practice } of PRACTICES) {
    const created = await api.expect(201, "POST", "/v1/practices", practice);
    await api.expect(
      200,
      "PUT",
      `/v1/practices/${created.practiceId}/payers/${payers[0].payerId}/contract-schedules/2026-01-01`,
      { entries: BLUE_PRAIRIE_CONTRACT },
      { "if-match": '"0"' },
    );
    const providers = [];
    for (const pr of provs)
      providers.push(await api.expect(201, "POST", `/v1/practices/${created.practiceId}/providers`, pr));
    const patients = [];
    for (let i = 0; i < 8; i++) {
      const payer = rng.pick(payers);
      const last = rng.pick(LAST);
      const dependant = rng.next() < 0.25;
      const addr = {
        line1: `${rng.int(10, 999)} Elm St`,
        city: practice.address.city,
        state: practice.address.state,
        postalCode: practice.address.postalCode.slice(0, 5),
      };
      patients.push(
        await api.expect(201, "POST", `/v1/practices/${created.practiceId}/patients`, {
          firstName: rng.pick(FIRST),
          lastName: last,
          dateOfBirth: `${rng.int(1945, 2015)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
          sex: rng.pick(["F", "M"] as const),
          address: addr,
          coverages: [
            {
              payerId: payer.payerId,
              // The first practice's first patient's plan has ended: the sandbox answers INA... inactive.
              memberId: `${practice.legalName === PRACTICES[0]!.legalName && i === 0 ? "INA" : payer.clearinghousePayerId.slice(0, 3)}${rng.int(100000000, 999999999)}`,
              groupNumber: payer.claimFilingIndicator === "CI" ? `GRP${rng.int(1000, 9999)}` : undefined,
              order: "primary",
              relationship: dependant ? "child" : "self",
              subscriber: dependant
                ? {
                    firstName: rng.pick(FIRST),
                    lastName: last,
                    dateOfBirth: `${rng.int(1960, 1990)}-06-15`,
                    sex: rng.pick(["F", "M"] as const),
                    address: addr,
                  }
                : undefined,
            },
          ],
        }),
      );
    }
    practices.push({ practice: created, providers, patients });
  }
  return { payers, practices };
}
