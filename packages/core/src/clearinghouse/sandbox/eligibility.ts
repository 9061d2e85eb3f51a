import { createHash } from "node:crypto";
import { formatCents, parseX12, writeInterchange, type SegmentData } from "@claimledger/x12";
import { SANDBOX_ID } from "./responses.ts";

/**
 * The sandbox payers' eligibility answers (270 -> 271, 005010X279A1): deterministic, so a
 * billing company can try eligibility on day one and tests can predict every benefit. The rule
 * is the member id (README, "Sandbox clearinghouse"):
 *
 * - starts with `NF`: the payer has no such member (AAA 75 subscriber/insured not found, C correct
 *   and resubmit);
 * - starts with `NM`: the name does not match the member id (AAA 73, C);
 * - starts with `INA`: coverage inactive (EB 6), the plan ended on the last day of the month
 *   before the date asked about;
 * - anything else: active (EB 1) with in-network office-visit benefits: a copay, 20% coinsurance,
 *   a $1,500.00 calendar-year deductible and a $6,000.00 out-of-pocket maximum, each with what
 *   remains, all picked from the member id's SHA-256 (see `sandboxBenefits`).
 */

export interface SandboxInquiry {
  traceNumber: string;
  originator: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dateOfBirth?: string;
  sex?: string;
  serviceDate?: string;
  dependent?: { lastName: string; firstName: string; dateOfBirth?: string; sex?: string };
}

export interface Received270 {
  senderId: string;
  payer: { name: string; id: string };
  provider: { name: string; npi: string };
  inquiries: SandboxInquiry[];
}

const d8 = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, "");
const tm = (d: Date) => d.toISOString().slice(11, 16).replace(":", "");
const iso = (d: string) => (d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d);

/** What the sandbox front end reads from a 270: the payer, the provider and each person asked about. */
export function read270(text: string): Received270 {
  const isa = parseX12(text).interchanges[0];
  if (!isa) throw new Error("no interchange in the 270");
  const out: Received270 = {
    senderId: isa.senderId,
    payer: { name: "", id: "" },
    provider: { name: "", npi: "" },
    inquiries: [],
  };
  let level = "";
  let current: SandboxInquiry | undefined;
  for (const t of isa.groups.flatMap((g) => g.transactions)) {
    for (const s of t.segments) {
      const e = s.elements;
      if (s.id === "HL") {
        level = e[3] ?? "";
        if (level === "22") {
          current = { traceNumber: "", originator: "", memberId: "", lastName: "", firstName: "" };
          out.inquiries.push(current);
        }
      } else if (s.id === "NM1" && e[1] === "PR") out.payer = { name: e[3] ?? "", id: e[9] ?? "" };
      else if (s.id === "NM1" && e[1] === "1P") out.provider = { name: e[3] ?? "", npi: e[9] ?? "" };
      else if (current && s.id === "NM1" && e[1] === "IL")
        Object.assign(current, { lastName: e[3] ?? "", firstName: e[4] ?? "", memberId: e[9] ?? "" });
      else if (current && s.id === "NM1" && e[1] === "03")
        current.dependent = { lastName: e[3] ?? "", firstName: e[4] ?? "" };
      else if (current && s.id === "TRN" && e[1] === "1")
        Object.assign(current, { traceNumber: e[2] ?? "", originator: e[3] ?? "" });
      else if (current && s.id === "DMG") {
        const who = level === "23" && current.dependent ? current.dependent : current;
        who.dateOfBirth = e[2] ? iso(e[2]) : undefined;
        who.sex = e[3] || undefined;
      } else if (current && s.id === "DTP" && e[1] === "291") current.serviceDate = iso((e[3] ?? "").slice(0, 8));
    }
  }
  return out;
}

export type SandboxEligibility =
  | { kind: "not_found" | "name_mismatch" }
  | { kind: "inactive"; planEnd: string }
  | { kind: "active"; benefits: SandboxBenefits };

export interface SandboxBenefits {
  copayCents: number;
  coinsurancePercent: number;
  deductibleCents: number;
  deductibleRemainingCents: number;
  outOfPocketCents: number;
  outOfPocketRemainingCents: number;
  planBegin: string;
}

/**
 * An active member's benefits from the SHA-256 of the member id (h = its first byte):
 * copay $20.00 + $5.00 x (h mod 5), deductible remaining $1,500.00 - $100.00 x (h mod 16),
 * out-of-pocket remaining $6,000.00 - $250.00 x (h mod 8); the plan began January 1 of the year asked about.
 */
export function sandboxBenefits(memberId: string, serviceDate: string): SandboxBenefits {
  const h = createHash("sha256").update(memberId.toUpperCase()).digest()[0]!;
  return {
    copayCents: 2000 + 500 * (h % 5),
    coinsurancePercent: 20,
    deductibleCents: 150000,
    deductibleRemainingCents: 150000 - 10000 * (h % 16),
    outOfPocketCents: 600000,
    outOfPocketRemainingCents: 600000 - 25000 * (h % 8),
    planBegin: `${serviceDate.slice(0, 4)}-01-01`,
  };
}

/** The last day of the month before `date` (YYYY-MM-DD). */
const endOfPriorMonth = (date: string) =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, 0)).toISOString().slice(0, 10);

export function sandboxEligibility(memberId: string, serviceDate: string): SandboxEligibility {
  const id = memberId.toUpperCase();
  if (id.startsWith("NF")) return { kind: "not_found" };
  if (id.startsWith("NM")) return { kind: "name_mismatch" };
  if (id.startsWith("INA")) return { kind: "inactive", planEnd: endOfPriorMonth(serviceDate) };
  return { kind: "active", benefits: sandboxBenefits(id, serviceDate) };
}

const money = (c: number) => formatCents(c);
const x12d = (d: string) => d.replace(/-/g, "");

/** The 271 answering every inquiry of a 270, in its order. */
export function build271(r: Received270, control: number, at: Date): string {
  const today = at.toISOString().slice(0, 10);
  const segs: SegmentData[] = [["BHT", "0022", "11", `SBX${control}`, d8(at), tm(at)]];
  let hl = 0;
  segs.push(
    ["HL", String(++hl), "", "20", "1"],
    ["NM1", "PR", "2", r.payer.name || "SANDBOX PAYER", "", "", "", "", "PI", r.payer.id || SANDBOX_ID],
    ["HL", String(++hl), "1", "21", "1"],
    ["NM1", "1P", "2", r.provider.name || "PROVIDER", "", "", "", "", "XX", r.provider.npi || "1234567893"],
  );
  const providerHl = String(hl);
  for (const q of r.inquiries) {
    const date = q.serviceDate || today;
    const answer = sandboxEligibility(q.memberId, date);
    const dmg = (p: { dateOfBirth?: string; sex?: string }): SegmentData[] =>
      p.dateOfBirth ? [["DMG", "D8", x12d(p.dateOfBirth), ...(p.sex ? [p.sex] : [])]] : [];
    const trn: SegmentData = ["TRN", "2", q.traceNumber, q.originator || "9CLAIMLEDG"];
    // A dependent's answer is in its own loop (2000D) under the subscriber's; the trace goes with it.
    const dependent =
      q.dependent && answer.kind !== "not_found" && answer.kind !== "name_mismatch" ? q.dependent : undefined;
    segs.push(["HL", String(++hl), providerHl, "22", dependent ? "1" : "0"]);
    const subscriberHl = String(hl);
    if (!dependent) segs.push(trn);
    segs.push(["NM1", "IL", "1", q.lastName, q.firstName, "", "", "", "MI", q.memberId]);
    if (answer.kind === "not_found" || answer.kind === "name_mismatch") {
      segs.push(["AAA", "N", "", answer.kind === "not_found" ? "75" : "73", "C"], ...dmg(q));
      continue;
    }
    segs.push(...dmg(q));
    if (dependent)
      segs.push(
        ["HL", String(++hl), subscriberHl, "23", "0"],
        trn,
        ["NM1", "03", "1", dependent.lastName, dependent.firstName],
        ...dmg(dependent),
      );
    if (answer.kind === "inactive") {
      segs.push(["DTP", "347", "D8", x12d(answer.planEnd)], ["EB", "6", "IND", "30"]);
      continue;
    }
    if (answer.kind !== "active") continue;
    const b = answer.benefits;
    segs.push(
      ["DTP", "346", "D8", x12d(b.planBegin)],
      ["EB", "1", "IND", "30", "C1", "SANDBOX PPO"],
      ["EB", "B", "IND", "98", "C1", "", "27", money(b.copayCents), "", "", "", "", "Y"],
      ["EB", "A", "IND", "98", "C1", "", "", "", String(b.coinsurancePercent / 100), "", "", "", "Y"],
      ["EB", "C", "IND", "30", "C1", "", "23", money(b.deductibleCents), "", "", "", "", "Y"],
      ["EB", "C", "IND", "30", "C1", "", "29", money(b.deductibleRemainingCents), "", "", "", "", "Y"],
      ["EB", "G", "IND", "30", "C1", "", "23", money(b.outOfPocketCents), "", "", "", "", "Y"],
      ["EB", "G", "IND", "30", "C1", "", "29", money(b.outOfPocketRemainingCents), "", "", "", "", "Y"],
    );
  }
  return writeInterchange(
    {
      header: { senderId: SANDBOX_ID, receiverId: r.senderId, controlNumber: control, date: at, usage: "T" },
      groups: [
        {
          header: {
            functionalId: "HB",
            senderCode: SANDBOX_ID,
            receiverCode: r.senderId,
            controlNumber: control,
            version: "005010X279A1",
          },
          transactions: [
            { set: "271", controlNumber: "0001", implementationReference: "005010X279A1", segments: segs },
          ],
        },
      ],
    },
    { lineBreaks: true },
  );
}
