import { addDays, isoDateOf } from "@claimledger/core/shared/dates.ts";
import type { ApiClient, seeded } from "./client.ts";

/**
 * Step 2: each practice uploads a few dozen encounters in one batch request; about one in six
 * carries a mistake the scrubber must catch (bad pointer, unknown code, bad place of service,
 * missing charge, future date...).
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

const MISTAKES: { name: string; apply: (e: any) => void }[] = [
  { name: "pointer to a missing diagnosis", apply: (e) => (e.lines[0].diagnosisPointers = [4]) },
  { name: "not an ICD-10-CM code", apply: (e) => (e.diagnoses[0] = "E11.99X") },
  { name: "category code, not billable", apply: (e) => (e.diagnoses[0] = "E11") },
  { name: "invalid place of service", apply: (e) => (e.placeOfService = "88") },
  { name: "zero charge", apply: (e) => (e.lines[0].chargeCents = 0) },
  { name: "malformed modifier", apply: (e) => (e.lines[0].modifiers = ["2"]) },
];

export function isoDaysAgo(days: number, from = new Date()): string {
  return addDays(isoDateOf(from), -days);
}

export async function uploadEncounters(api: ApiClient, rng: ReturnType<typeof seeded>, practices: any[]) {
  const out = [];
  for (const { practice, providers, patients } of practices) {
    const encounters = [];
    const planted: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      const visit = structuredClone(rng.pick(VISITS)) as any;
      const e: any = {
        externalId: `${practice.legalName.split(" ")[0]!.toUpperCase()}-${1000 + i}`,
        patientId: rng.pick<any>(patients).patientId,
        renderingProviderId: rng.pick<any>(providers).providerId,
        placeOfService: "11",
        serviceDate: isoDaysAgo(rng.int(3, 40)),
        diagnoses: [...visit.dx],
        lines: visit.lines.map((l: any) => ({ units: 1, modifiers: [], ...l })),
      };
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
