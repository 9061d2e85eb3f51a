import { centsIn, formatCents, parseX12, writeInterchange, type SegmentData } from "@claimledger/x12";
import { SANDBOX_ID } from "./responses.ts";

/**
 * The sandbox payers' answers to a 276 claim status request: a 277 (005010X212) by a fixed rule
 * on each claim's charge (AMT*T3), so a test or a trial knows the answer before it asks. By the
 * last digit of the charge's whole dollars:
 *   0-3  P1:20  pending, in process ("accepted for processing")
 *   4-7  F1:65  finalized, paid: 80% of the charge (half-up to the cent), adjudicated the day before,
 *               paid by check dated the day of the answer, check number SBXCHK<control><n>
 *   8    R3:254 request for information: the principal diagnosis code
 *   9    D0:35  data search unsuccessful: claim not found
 * The sandbox's 835s follow the payer model, not this rule: a status answer is a simulation.
 */

export interface Asked276 {
  senderId: string;
  payerId: string;
  payerName: string;
  inquiries: {
    traceNumber: string;
    patientControlNumber?: string;
    payerClaimControlNumber?: string;
    chargeCents: number;
    serviceDate?: string;
    serviceDateTo?: string;
    subscriber: { lastName: string; firstName: string; memberId: string };
    providerNpi?: string;
  }[];
}

export function is276(text: string): boolean {
  return parseX12(text).interchanges.some((i) => i.groups.some((g) => g.transactions.some((t) => t.set === "276")));
}

const el = (s: { elements: string[] }, n: number) => s.elements[n] ?? "";

/** What a 276 asks, transaction set by transaction set (one payer each). */
export function read276(text: string): Asked276[] {
  const out: Asked276[] = [];
  for (const i of parseX12(text).interchanges)
    for (const g of i.groups)
      for (const t of g.transactions) {
        if (t.set !== "276") continue;
        const asked: Asked276 = { senderId: i.senderId, payerId: "", payerName: "", inquiries: [] };
        let subscriber = { lastName: "", firstName: "", memberId: "" };
        let npi: string | undefined;
        let current: Asked276["inquiries"][number] | undefined;
        for (const s of t.segments) {
          if (s.id === "NM1" && el(s, 1) === "PR") [asked.payerName, asked.payerId] = [el(s, 3), el(s, 9)];
          else if (s.id === "NM1" && el(s, 1) === "1P") npi = el(s, 9);
          else if (s.id === "NM1" && el(s, 1) === "IL")
            subscriber = { lastName: el(s, 3), firstName: el(s, 4), memberId: el(s, 9) };
          else if (s.id === "TRN") {
            current = { traceNumber: el(s, 2), chargeCents: 0, subscriber, ...(npi ? { providerNpi: npi } : {}) };
            asked.inquiries.push(current);
          } else if (current && s.id === "REF" && el(s, 1) === "EJ") current.patientControlNumber = el(s, 2);
          else if (current && s.id === "REF" && el(s, 1) === "1K") current.payerClaimControlNumber = el(s, 2);
          else if (current && s.id === "AMT" && el(s, 1) === "T3")
            current.chargeCents = centsIn(el(s, 2), 0, el(s, 2).length) || 0;
          else if (current && s.id === "DTP" && el(s, 1) === "472") {
            const [from = "", to] = el(s, 3).split("-");
            current.serviceDate = from;
            if (to) current.serviceDateTo = to;
          }
        }
        out.push(asked);
      }
  return out;
}

/** The rule above, for one claim: category, status code, and what a paid claim carries. */
export function sandboxStatus(chargeCents: number): { category: string; code: string; paidCents?: number } {
  const digit = Math.floor(chargeCents / 100) % 10;
  if (digit <= 3) return { category: "P1", code: "20" };
  if (digit <= 7) return { category: "F1", code: "65", paidCents: Math.floor((chargeCents * 8 + 5) / 10) };
  if (digit === 8) return { category: "R3", code: "254" };
  return { category: "D0", code: "35" };
}

const d8 = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");
const tm = (d: Date) => d.toISOString().slice(11, 16).replace(":", "");
const dayBefore = (d: Date) => new Date(d.getTime() - 86_400_000);

/** The 277 for a 276: one transaction set per payer asked, one claim loop per inquiry. */
export function build277Status(asked: Asked276[], control: number, at: Date): string {
  const to = asked[0]?.senderId ?? "SUBMITTER";
  let n = 0;
  const transactions = asked.map((a, set) => {
    const segs: SegmentData[] = [
      ["BHT", "0010", "08", `SBX${control}`, d8(at), tm(at), "DG"],
      ["HL", "1", "", "20", "1"],
      ["NM1", "PR", "2", a.payerName || `SANDBOX PAYER ${a.payerId}`, "", "", "", "", "PI", a.payerId],
      ["HL", "2", "1", "21", "1"],
      ["NM1", "41", "2", "SUBMITTER", "", "", "", "", "46", to],
    ];
    let hl = 2;
    let providerHl = "";
    let lastNpi: string | undefined;
    for (const q of a.inquiries) {
      if (providerHl === "" || q.providerNpi !== lastNpi) {
        providerHl = String(++hl);
        lastNpi = q.providerNpi;
        segs.push(
          ["HL", providerHl, "2", "19", "1"],
          ["NM1", "1P", "2", "PROVIDER", "", "", "", "", "XX", q.providerNpi ?? "1234567893"],
        );
      }
      const r = sandboxStatus(q.chargeCents);
      segs.push(
        ["HL", String(++hl), providerHl, "22", "0"],
        [
          "NM1",
          "IL",
          "1",
          q.subscriber.lastName || "SUBSCRIBER",
          q.subscriber.firstName,
          "",
          "",
          "",
          "MI",
          q.subscriber.memberId,
        ],
        ["TRN", "2", q.traceNumber],
        r.paidCents === undefined
          ? ["STC", [r.category, r.code], d8(at), "", formatCents(q.chargeCents)]
          : [
              "STC",
              [r.category, r.code],
              d8(at),
              "",
              formatCents(q.chargeCents),
              formatCents(r.paidCents),
              d8(dayBefore(at)),
              "CHK",
              d8(at),
              `SBXCHK${control}${++n}`,
            ],
      );
      if (q.payerClaimControlNumber) segs.push(["REF", "1K", q.payerClaimControlNumber]);
      if (q.patientControlNumber) segs.push(["REF", "EJ", q.patientControlNumber]);
      if (q.serviceDate)
        segs.push(
          q.serviceDateTo
            ? ["DTP", "472", "RD8", `${q.serviceDate}-${q.serviceDateTo}`]
            : ["DTP", "472", "D8", q.serviceDate],
        );
    }
    return {
      set: "277",
      controlNumber: String(set + 1).padStart(4, "0"),
      implementationReference: "005010X212",
      segments: segs,
    };
  });
  return writeInterchange(
    {
      header: { senderId: SANDBOX_ID, receiverId: to, controlNumber: control, date: at },
      groups: [
        {
          header: {
            functionalId: "HN",
            senderCode: SANDBOX_ID,
            receiverCode: to,
            controlNumber: control,
            version: "005010X212",
          },
          transactions,
        },
      ],
    },
    { lineBreaks: true },
  );
}
