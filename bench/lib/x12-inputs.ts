/**
 * Seeded 837P builder inputs: claims of 1 to 6 lines with the variety a practice sends (dependants,
 * other rendering providers, modifiers, several diagnoses, prior authorizations), in batches of 99
 * claims per interchange as the claim-batch worker builds them.
 */
import type { Build837PInput, Claim837P } from "../../packages/x12/src/index.ts";
import type { Rng } from "./figure.ts";

const FIRST = [
  "AVERY",
  "BLAKE",
  "CASEY",
  "DEVON",
  "EMERSON",
  "FINLEY",
  "HARPER",
  "JAMIE",
  "KENDALL",
  "LOGAN",
  "MORGAN",
  "PARKER",
];
const LAST = [
  "ADAMS",
  "BROOKS",
  "CARTER",
  "DIAZ",
  "EVANS",
  "FOSTER",
  "GARCIA",
  "HUGHES",
  "JENSEN",
  "KIM",
  "LOPEZ",
  "NGUYEN",
];
const CODES = [
  "99213",
  "99214",
  "99203",
  "99204",
  "36415",
  "80053",
  "85025",
  "80061",
  "93000",
  "72100",
  "20610",
  "J1030",
  "90471",
  "90686",
];
const DX = ["E11.9", "I10", "E78.5", "J06.9", "M54.50", "Z00.00", "R07.9", "M17.11", "F41.1", "K21.9"];
const PAYERS = [
  { name: "BLUE PRAIRIE HEALTH", id: "BPH01", filing: "CI" },
  { name: "MEDICARE PART B", id: "00952", filing: "MB" },
  { name: "GREAT LAKES MEDICAID", id: "GLMCD", filing: "MC" },
];
const RENDERING = [
  { lastName: "SMITH", firstName: "ANNA", npi: "1467560003", taxonomy: "207Q00000X" },
  { lastName: "MARSH", firstName: "ELENA", npi: "1417085192", taxonomy: "207Q00000X" },
];
const address = (rng: Rng) => ({
  line1: `${rng.int(10, 9999)} ELM ST`,
  city: "SPRINGFIELD",
  state: "IL",
  postalCode: `62701${rng.int(1000, 9999)}`,
});
const date = (rng: Rng) => `2025-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;

export function claim837(rng: Rng, i: number): Claim837P {
  const payer = rng.pick(PAYERS);
  const dependant = rng.next() < 0.15;
  const dxCount = rng.int(1, 4);
  const diagnoses = Array.from({ length: dxCount }, () => rng.pick(DX)).filter((d, k, a) => a.indexOf(d) === k);
  const serviceDate = date(rng);
  const lines = Array.from({ length: rng.int(1, 6) }, (_, j) => {
    const code = rng.pick(CODES);
    return {
      procedureCode: code,
      modifiers: j === 0 && rng.next() < 0.2 ? ["25"] : code === "20610" ? ["RT"] : [],
      chargeCents: rng.int(15, 450) * 100 + rng.int(0, 99),
      units: code === "J1030" ? rng.int(1, 4) : 1,
      diagnosisPointers: [rng.int(1, diagnoses.length)],
      serviceDate,
      lineItemControlNumber: `L${i}-${j + 1}`,
    };
  });
  const lastName = rng.pick(LAST);
  const subscriber = {
    payerResponsibility: "P" as const,
    lastName,
    firstName: rng.pick(FIRST),
    memberId: `${payer.id.slice(0, 3)}${rng.int(100000000, 999999999)}`,
    groupNumber: payer.filing === "CI" ? `GRP${rng.int(1000, 9999)}` : undefined,
    claimFilingIndicator: payer.filing,
    ...(dependant
      ? {}
      : {
          address: address(rng),
          birthDate: `19${rng.int(40, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
          gender: rng.pick(["F", "M"] as const),
        }),
  };
  return {
    patientControlNumber: `CL${String(i).padStart(12, "0")}`,
    placeOfService: "11",
    diagnoses,
    subscriber,
    payer: { name: payer.name, id: payer.id },
    ...(dependant
      ? {
          patient: {
            relationship: "19" as const,
            lastName,
            firstName: rng.pick(FIRST),
            address: address(rng),
            birthDate: `20${rng.int(10, 20)}-0${rng.int(1, 9)}-0${rng.int(1, 9)}`,
            gender: rng.pick(["F", "M"] as const),
          },
        }
      : {}),
    ...(rng.next() < 0.3 ? { renderingProvider: rng.pick(RENDERING) } : {}),
    ...(rng.next() < 0.1 ? { priorAuthorization: `AUTH${rng.int(10000, 99999)}` } : {}),
    lines,
  };
}

/** `claims` claims in interchanges of `perBatch` claims, one billing provider each. */
export function batches837(rng: Rng, claims: number, perBatch = 99): Build837PInput[] {
  const out: Build837PInput[] = [];
  const at = new Date(Date.UTC(2025, 4, 6, 14, 30));
  for (let first = 0, n = 1; first < claims; first += perBatch, n++) {
    const list = Array.from({ length: Math.min(perBatch, claims - first) }, (_, k) => claim837(rng, first + k));
    out.push({
      interchange: { senderId: "CLAIMLEDGER", receiverId: "CLHOUSE01", controlNumber: n, date: at, usage: "T" },
      groupControlNumber: n,
      transactions: [
        {
          controlNumber: "0001",
          referenceId: `BATCH${n}`,
          createdAt: at,
          submitter: {
            name: "CLAIMLEDGER BILLING",
            id: "SUBM0001",
            contact: { name: "EDI DESK", phone: "5555550100" },
          },
          receiver: { name: "CLEARINGHOUSE INC", id: "CLHOUSE01" },
          billingProvider: {
            name: "SPRINGFIELD FAMILY PRACTICE",
            npi: "1234567893",
            taxonomy: "207Q00000X",
            taxId: "123456789",
            address: { line1: "100 OAK AVE", city: "SPRINGFIELD", state: "IL", postalCode: "627015555" },
          },
          claims: list,
        },
      ],
    });
  }
  return out;
}
