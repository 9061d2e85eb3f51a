/** 2400 service lines, 2410 drug identification, 2430 line adjudication. */
import type { ServiceLine } from "./types.ts";
import { amount, cas, d8, procedure, quantity } from "./segments.ts";
import type { Out } from "./segments.ts";

export function serviceLines(out: Out, lines: readonly ServiceLine[], claimPos: string): void {
  lines.forEach((line, i) => {
    out.push(["LX", String(i + 1)]);
    out.push([
      "SV1",
      procedure(line.procedureCode, line.modifiers, line.description),
      amount(line.chargeCents),
      line.unitType ?? "UN",
      quantity(line.units),
      line.placeOfService !== undefined && line.placeOfService !== claimPos ? line.placeOfService : undefined,
      undefined,
      line.diagnosisPointers.map(String),
      undefined,
      line.emergency === true ? "Y" : undefined,
    ]);
    if (line.serviceDateEnd !== undefined && line.serviceDateEnd !== line.serviceDate) {
      out.push(["DTP", "472", "RD8", `${d8(line.serviceDate)}-${d8(line.serviceDateEnd)}`]);
    } else {
      out.push(["DTP", "472", "D8", d8(line.serviceDate)]);
    }
    out.push(["REF", "6R", line.lineItemControlNumber]);
    if (line.drug !== undefined) {
      out.push(["LIN", undefined, "N4", line.drug.ndc]);
      out.push(["CTP", undefined, undefined, undefined, quantity(line.drug.quantity), [line.drug.unit ?? "UN"]]);
    }
    for (const adj of line.adjudications ?? []) {
      out.push([
        "SVD",
        adj.payerId,
        amount(adj.paidCents),
        procedure(adj.procedureCode ?? line.procedureCode, adj.modifiers ?? line.modifiers),
        undefined,
        quantity(adj.units ?? line.units),
        adj.bundledLineNumber === undefined ? undefined : String(adj.bundledLineNumber),
      ]);
      cas(out, adj.adjustments);
      out.push(["DTP", "573", "D8", d8(adj.adjudicationDate)]);
    }
  });
}
