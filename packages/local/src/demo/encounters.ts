import { addDays, todayIn } from "@claimledger/core/shared/dates.ts";
import type { ApiClient, seeded } from "./client.ts";

/**
 * Step 2: each practice uploads a few dozen encounters in one batch request; about one in six
 * carries a mistake the scrubber must catch (bad pointer, unknown code, bad place of service,
 * missing charge, future date...), some of them coding errors the CMS edits catch (a sick visit with
 * a wellness visit and no modifier 25, a child's preventive visit on an adult, a discontinued
 * HCPCS code, LT with RT). The preventive visit is billed with the code of the patient's age band.
 */
const VISITS = [
  { dx: ["E11.9", "I10"], lines: [{ procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1, 2] }] },
  { dx: ["J06.9"], lines: [{ procedureCode: "99213", chargeCents: 12500, diagnosisPointers: [1] }] },
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
    ],
  },
  {
    dx: ["S83.241A", "M25.561"],
    lines: [
      { procedureCode: "99204", modifiers: ["25"], chargeCents: 24000, diagnosisPointers: [1, 2] },
      { procedureCode: "20610", modifiers: ["RT"], chargeCents: 17500, diagnosisPointers: [1] },
    ],
  },
  {
    dx: ["I10", "E78.5"],
    lines: [
      { procedureCode: "99214", chargeCents: 18500, diagnosisPointers: [1, 2] },
      { procedureCode: "80053", chargeCents: 4200, diagnosisPointers: [1] },
    ],
  },
] as const;

/** The established-patient preventive visit code and check-up diagnosis for an age on the date of service. */
function preventiveFor(age: number): { code: string; dx: string } {
  const bands: [number, string][] = [
    [0, "99391"],
    [1, "99392"],
    [5, "99393"],
    [12, "99394"],
    [18, "99395"],
    [40, "99396"],
    [65, "99397"],
  ];
  const code = bands.filter(([min]) => age >= min).at(-1)![1];
  return { code, dx: age < 18 ? "Z00.129" : "Z00.00" };
}

const ageOn = (dob: string, day: string) =>
  Number(day.slice(0, 4)) - Number(dob.slice(0, 4)) - (day.slice(5) < dob.slice(5) ? 1 : 0);

const MISTAKES: { name: string; apply: (e: any) => void }[] = [
  { name: "pointer to a missing diagnosis", apply: (e) => (e.lines[0].diagnosisPointers = [4]) },
  { name: "not an ICD-10-CM code", apply: (e) => (e.diagnoses[0] = "E11.99X") },
  { name: "category code, not billable", apply: (e) => (e.diagnoses[0] = "E11") },
  { name: "invalid place of service", apply: (e) => (e.placeOfService = "88") },
  { name: "zero charge", apply: (e) => (e.lines[0].chargeCents = 0) },
  { name: "malformed modifier", apply: (e) => (e.lines[0].modifiers = ["2"]) },
  {
    name: "sick visit billed with a wellness visit, no modifier 25",
    apply: (e) => {
      e.diagnoses = ["I10", "Z00.00"];
      e.lines = [
        { procedureCode: "G0439", units: 1, modifiers: [], chargeCents: 17500, diagnosisPointers: [2] },
        { procedureCode: "99213", units: 1, modifiers: [], chargeCents: 12500, diagnosisPointers: [1] },
      ];
    },
  },
  {
    name: "a child's preventive visit on an adult",
    apply: (e) => {
      e.diagnoses = ["Z00.129"];
      e.lines = [{ procedureCode: "99393", units: 1, modifiers: [], chargeCents: 16000, diagnosisPointers: [1] }];
    },
  },
  {
    name: "a discontinued HCPCS code",
    apply: (e) =>
      e.lines.push({ procedureCode: "A7042", units: 1, modifiers: [], chargeCents: 2500, diagnosisPointers: [1] }),
  },
  { name: "LT and RT on one line", apply: (e) => (e.lines[0].modifiers = ["LT", "RT"]) },
];

/** The demo practices' zone (reference-data.ts): their today, not UTC's, which is already tomorrow every evening. */
export const DEMO_TIME_ZONE = "America/Chicago";
export const demoToday = () => todayIn(DEMO_TIME_ZONE);

export function isoDaysAgo(days: number): string {
  return addDays(demoToday(), -days);
}

export async function uploadEncounters(api: ApiClient, rng: ReturnType<typeof seeded>, practices: any[]) {
  const out = [];
  for (const { practice, providers, patients } of practices) {
    const encounters = [];
    const planted: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      const visit = structuredClone(rng.pick(VISITS)) as any;
      const patient = rng.pick<any>(patients);
      const e: any = {
        externalId: `${practice.legalName.split(" ")[0]!.toUpperCase()}-${1000 + i}`,
        patientId: patient.patientId,
        renderingProviderId: rng.pick<any>(providers).providerId,
        placeOfService: "11",
        serviceDate: isoDaysAgo(rng.int(3, 40)),
        diagnoses: [...visit.dx],
        lines: visit.lines.map((l: any) => ({ units: 1, modifiers: [], ...l })),
      };
      if (visit.dx[0] === "Z00.00" && patient.dateOfBirth) {
        const { code, dx } = preventiveFor(ageOn(patient.dateOfBirth, e.serviceDate));
        e.diagnoses = [dx];
        e.lines[0].procedureCode = code;
      }
      if (i % 6 === 5) {
        const m = rng.pick(MISTAKES);
        m.apply(e);
        planted[e.externalId] = m.name;
      }
      encounters.push(e);
    }
    const res = await api.expect<any>(
      200,
      "POST",
      `/v1/practices/${practice.practiceId}/encounters`,
      { encounters },
      { "idempotency-key": `demo-${practice.practiceId}` },
    );
    const claims = [];
    for (const r of res.results) {
      if (r.outcome !== "accepted") {
        claims.push({ externalId: r.externalId, outcome: "rejected", problem: r.problem });
        continue;
      }
      claims.push({
        externalId: r.externalId,
        claimId: r.claimId,
        status: r.status,
        plantedMistake: planted[r.externalId],
        findings: r.findings,
      });
    }
    out.push({
      practiceId: practice.practiceId,
      practice: practice.legalName,
      accepted: res.accepted,
      rejected: res.rejected,
      claims,
    });
  }
  return out;
}
