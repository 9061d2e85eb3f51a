/**
 * A synthetic, balanced 835 of any size, for benchmarks and bounded-memory tests. Each claim has
 * two service lines; amounts vary with the claim number so no two claims are alike.
 */
export interface Synthetic835Options {
  /** Claims per ST/SE transaction (default: all claims in one transaction). */
  claimsPerTransaction?: number;
  /** Add a line break after every segment terminator (default true). */
  lineBreaks?: boolean;
}

function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rem = cents % 100;
  return rem === 0 ? String(whole) : `${whole}.${rem < 10 ? "0" : ""}${rem}`;
}

export function synthetic835(claims: number, options: Synthetic835Options = {}): string {
  const per = options.claimsPerTransaction ?? claims;
  const nl = options.lineBreaks === false ? "" : "\n";
  const out: string[] = [];
  const seg = (s: string): void => {
    out.push(s, "~", nl);
  };
  seg("ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*BILLINGCO      *250101*1200*^*00501*000000001*0*P*:");
  seg("GS*HP*PAYERSENDER*BILLINGCO*20250101*1200*1*X*005010X221A1");
  let st = 0;
  for (let first = 0; first < claims; first += per) {
    const last = Math.min(claims, first + per);
    st++;
    const body: string[] = [];
    let paidTotal = 0;
    const claimSegs: string[] = [];
    for (let c = first; c < last; c++) {
      const charge1 = 10000 + (c % 997) * 7;
      const charge2 = 5000 + (c % 89) * 13;
      const paid1 = Math.floor(charge1 * 0.6);
      const paid2 = Math.floor(charge2 * 0.5);
      const ded = c % 3 === 0 ? 1000 : 0;
      const pr1 = Math.min(ded, paid1);
      const p1 = paid1 - pr1;
      const charge = charge1 + charge2;
      const paid = p1 + paid2;
      paidTotal += paid;
      claimSegs.push(
        `CLP*CLM${c}*1*${money(charge)}*${money(paid)}*${money(pr1)}*12*PCN${c}*11*1`,
        `NM1*QC*1*DOE*JANE****MI*M${c}`,
        "NM1*82*1*SMITH*JOHN****XX*1234567893",
        "DTM*232*20241201",
        "DTM*233*20241201",
        `SVC*HC:99213:25*${money(charge1)}*${money(p1)}**1`,
        "DTM*472*20241201",
        pr1 > 0
          ? `CAS*CO*45*${money(charge1 - paid1)}~${nl}CAS*PR*1*${money(pr1)}`
          : `CAS*CO*45*${money(charge1 - paid1)}`,
        `REF*6R*L${c}A`,
        `AMT*B6*${money(paid1)}`,
        `SVC*HC:85025*${money(charge2)}*${money(paid2)}**1`,
        "DTM*472*20241201",
        `CAS*CO*45*${money(charge2 - paid2)}`,
        `REF*6R*L${c}B`,
        `AMT*B6*${money(paid2)}`,
        "LQ*HE*N130",
      );
    }
    body.push(
      `BPR*I*${money(paidTotal)}*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*999988880*DA*98765*20250105`,
      `TRN*1*EFT${st}*1512345678`,
      "DTM*405*20250103",
      "N1*PR*SYNTHETIC PAYER",
      "N3*1 MAIN ST",
      "N4*ANYTOWN*CA*90001",
      "REF*2U*99999",
      "N1*PE*SYNTHETIC CLINIC*XX*1234567893",
      "REF*TJ*123456789",
      "LX*1",
    );
    const stId = String(st).padStart(4, "0");
    seg(`ST*835*${stId}`);
    let count = 1;
    for (const s of body) {
      seg(s);
      count++;
    }
    for (const s of claimSegs) {
      seg(s);
      count += s.includes("~") ? 2 : 1;
    }
    seg(`SE*${count + 1}*${stId}`);
  }
  seg(`GE*${st}*1`);
  seg("IEA*1*000000001");
  return out.join("");
}
