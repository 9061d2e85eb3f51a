import { components, parseCents, parseX12 } from "@claimledger/x12";
import type { SandboxClaim, SandboxLine } from "./payer-model.ts";

export interface Received837 {
  interchangeControlNumber: string;
  senderId: string;
  receiverId: string;
  groupControlNumber: string;
  transactions: { controlNumber: string; claims: SandboxClaim[] }[];
}

const dateOf = (d: string) => (d.length >= 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d);

/** What a clearinghouse front end reads from an 837P: claims with their member, payer and lines. */
export function read837(text: string): Received837 {
  const parsed = parseX12(text);
  const isa = parsed.interchanges[0];
  if (!isa) throw new Error("no interchange in the file");
  const group = isa.groups[0];
  const cs = isa.delimiters.component;
  const out: Received837 = {
    interchangeControlNumber: isa.controlNumber,
    senderId: isa.senderId,
    receiverId: isa.receiverId,
    groupControlNumber: group?.controlNumber ?? "",
    transactions: [],
  };
  for (const t of group?.transactions ?? []) {
    const claims: SandboxClaim[] = [];
    let memberId = "";
    let payerId = "";
    let filing = "";
    let claim: SandboxClaim | undefined;
    let line: SandboxLine | undefined;
    let names = { lastName: "", firstName: "" };
    for (const s of t.segments) {
      const e = s.elements;
      switch (s.id) {
        case "HL":
          if (e[3] === "22") claim = undefined;
          break;
        case "SBR":
          filing = e[9] ?? "";
          break;
        case "NM1":
          if (!claim && e[1] === "IL") {
            memberId = e[9] ?? "";
            names = { lastName: e[3] ?? "", firstName: e[4] ?? "" };
          }
          if (!claim && e[1] === "QC") names = { lastName: e[3] ?? "", firstName: e[4] ?? "" };
          if (!claim && e[1] === "PR") payerId = e[9] ?? "";
          break;
        case "CLM":
          claim = {
            claimId: e[1] ?? "",
            payerId,
            memberId,
            claimFilingIndicator: filing,
            patient: names,
            totalChargeCents: parseCents(e[2] ?? "0"),
            lines: [],
          };
          claims.push(claim);
          line = undefined;
          break;
        case "SV1": {
          const proc = components(e[1] ?? "", cs);
          line = {
            lineId: "",
            procedureCode: proc[1] ?? "",
            modifiers: proc.slice(2, 6).filter(Boolean),
            units: Number(e[4] ?? "1"),
            chargeCents: parseCents(e[2] ?? "0"),
            serviceDate: "",
          };
          claim?.lines.push(line);
          break;
        }
        case "DTP":
          if (line && e[1] === "472") line.serviceDate = dateOf((e[3] ?? "").split("-")[0]!);
          break;
        case "REF":
          if (line && e[1] === "6R") line.lineId = e[2] ?? "";
          break;
        // 2430: the prior payer's line adjudication (secondary claims): paid, then its CAS.
        case "SVD":
          if (line) line.prior = { paidCents: parseCents(e[2] ?? "0"), patientShareCents: 0 };
          break;
        case "CAS":
          if (line?.prior && e[1] === "PR")
            for (let n = 3; n < e.length; n += 3) line.prior.patientShareCents += parseCents(e[n] || "0");
          break;
      }
    }
    out.transactions.push({ controlNumber: t.controlNumber, claims });
  }
  return out;
}
