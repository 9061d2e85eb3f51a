import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { synthetic835 } from "../../test/synthetic-835.ts";
import { balance835 } from "./balance.ts";
import { iterate835, read835, stream835 } from "./read.ts";
import type { Remittance835Event } from "./types.ts";

const FIX = new URL("../../test/fixtures/", import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIX), "utf8");
const LFH = "linuxforhealth-x12/src/tests/resources/835_005010X221A1/";

describe("read835: typed records", () => {
  it("reads the header, payer, payee, claims, lines and PLB of medicare-part-a.835", () => {
    const [r] = read835(fixture(`${LFH}medicare-part-a.835`));
    expect(r!.controlNumber).toBe("1234");
    expect(r!.payment).toEqual({
      handlingCode: "C",
      amountCents: 15000000,
      creditDebit: "C",
      method: "ACH",
      format: "CTX",
      date: "2002-09-13",
      rawDate: "20020913",
    });
    expect(r!.trace).toEqual({ type: "1", number: "12345", payerId: "1512345678" });
    expect(r!.productionDate).toBe("2002-09-16");
    expect(r!.payer).toMatchObject({ name: "INSURANCE COMPANY OF TIMBUCKTU", id: "999", idQualifier: "2U" });
    expect(r!.payee).toMatchObject({ name: "REGIONAL HOPE HOSPITAL", idQualifier: "XX", npi: "6543210903" });
    expect(r!.claims).toHaveLength(2);
    const [a, b] = r!.claims;
    expect(a).toMatchObject({
      patientControlNumber: "666123",
      status: "1",
      chargeCents: 21136697,
      paidCents: 13801840,
      patientResponsibilityCents: 0,
      filingIndicator: "MA",
      payerClaimControlNumber: "1999999444444",
      facilityCode: "11",
      frequencyCode: "1",
      adjustments: [{ group: "CO", reason: "45", amountCents: 7334857 }],
      patient: {
        entity: "QC",
        entityType: "1",
        name: "JONES",
        firstName: "SAM",
        middleName: "O",
        idQualifier: "HN",
        id: "666666666A",
      },
      statementFrom: "2002-08-16",
      statementTo: "2002-08-24",
    });
    expect(a!.inpatient).toEqual(["0", "", "", "138018.40"]);
    expect(b!.outpatient).toEqual(["", "", "MA02"]);
    expect(b!.remarkCodes).toEqual(["MA02"]);
    expect(r!.providerAdjustments).toEqual([
      {
        segmentIndex: 29,
        providerId: "6543210903",
        date: "2002-12-31",
        reason: "CV",
        reference: "CP",
        amountCents: -127,
      },
    ]);
    expect(r!.issues).toEqual([]);
  });

  it("reads service lines: composite code with modifiers, units, dates, CAS, REF*6R, allowed, remarks", () => {
    const [r] = read835(fixture("moov-io-x12/examples/example_5010_835/sample2.txt"));
    const claim = r!.claims[0]!;
    expect(claim).toMatchObject({
      patientControlNumber: "1234567-001",
      receivedDate: "2022-08-05",
      patientResponsibilityCents: 120168,
    });
    expect(claim.amounts).toEqual([{ qualifier: "AU", amountCents: 400000 }]);
    expect(claim.renderingProvider).toMatchObject({
      entity: "82",
      name: "SPRINGHILL MEMORIAL HOSPITAL",
      id: "1003814971",
    });
    expect(claim.lines).toEqual([
      expect.objectContaining({
        line: 1,
        procedure: { qualifier: "HC", code: "74176", modifiers: [] },
        chargeCents: 419968,
        paidCents: 299800,
        revenueCode: "0352",
        units: 1,
        serviceDate: "2022-08-05",
        // CAS*PR*1*1199.68**2*2*4: two triplets, the second with a quantity
        adjustments: [
          { group: "PR", reason: "1", amountCents: 119968 },
          { group: "PR", reason: "2", amountCents: 200, quantity: 4 },
        ],
        lineItemControlNumber: "8305424",
        allowedCents: 119968,
      }),
    ]);
    const [mj] = read835(fixture("mjkubba-edi/demo/edi835-demo-005010X221.edi"));
    const line = mj!.claims[0]!.lines[0]!;
    expect(line.procedure).toEqual({ qualifier: "HC", code: "99213", modifiers: [] });
    expect(line.remarkCodes).toEqual(["N130"]);
    expect(line.lineItemControlNumber).toBe("54321");
  });

  it("reads a denial (CLP02 4) with three zero-paid lines: pyx12 835_mult_loops", () => {
    const [r] = read835(fixture("pyx12/pyx12/tests/835_mult_loops.txt"));
    const claim = r!.claims[0]!;
    expect(claim.status).toBe("4");
    expect(
      claim.lines.map((l) => [
        l.procedure.code,
        l.chargeCents,
        l.paidCents,
        l.units,
        l.serviceDate,
        l.serviceDateEnd,
        l.remarkCodes,
      ]),
    ).toEqual([
      ["T1005", 50004, 0, 68, "2003-11-29", "2003-11-29", ["N14"]],
      ["T1005", 12780, 0, 16, "2003-10-30", "2003-10-30", ["N14"]],
      ["T1005", 28755, 0, 36, "2003-10-31", "2003-10-31", ["N14"]],
    ]);
    expect(claim.otherParties).toEqual([]);
    expect(claim.renderingProvider?.id).toBe("44452736");
  });

  it("reports defects instead of throwing: BPR16 not a date, composites with another separator", () => {
    const [mc] = read835(fixture(`${LFH}managed-care.835`));
    expect(mc!.payment.date).toBeUndefined();
    expect(mc!.payment.rawDate).toBe("20002316");
    expect(mc!.issues).toEqual([
      expect.objectContaining({ code: "invalid-date", segment: "BPR", segmentIndex: 4, element: 16 }),
    ]);
    const [sp] = read835(fixture(`${LFH}secondary-payment.835`));
    expect(sp!.issues.map((i) => [i.code, i.segmentIndex, i.element])).toEqual([
      ["bad-composite", 29, 1],
      ["bad-composite", 34, 1],
    ]);
  });

  it("reports an amount that is not a decimal and counts it against the balance", () => {
    const text = fixture(`${LFH}tertiary-payment.835`).replace("CLP*0001000054*3*1766.50", "CLP*0001000054*3*17X6.50");
    const [r] = read835(text);
    expect(r!.issues).toContainEqual(expect.objectContaining({ code: "invalid-amount", segment: "CLP", element: 3 }));
    expect(r!.balance.balanced).toBe(false);
    expect(r!.balance.problems).toContainEqual({
      claim: "0001000054",
      message: 'CLP03 (segment 16) "17X6.50" is not an amount',
    });
  });
});

describe("balancing verdicts, worked by hand from the files", () => {
  it("medicare-part-a.835: BPR02 150000.00 = CLP04 138018.40 + 11980.33 - PLB (-1.27); both claims balance on claim CAS", () => {
    const b = read835(fixture(`${LFH}medicare-part-a.835`))[0]!.balance;
    // 138018.40 + 11980.33 = 149998.73; 149998.73 - (-1.27) = 150000.00
    // claim 666123: 211366.97 - 138018.40 = 73348.57 = CAS CO 45; claim 777777: 15000 - 11980.33 = 3019.67 = CAS CO 45
    expect(b).toEqual({
      balanced: true,
      paymentCents: 15000000,
      claims: 2,
      paidCents: 14999873,
      providerAdjustmentCents: -127,
      problems: [],
    });
  });

  it("managed-care.835: claim CAS plus line CAS balance each claim", () => {
    // claim 1: 800 - 450 = 350 = CO A2 50 (claim) + PR 1 300 (line); line: 800 - 500 = 300
    // claim 2: 1200 - 495 = 705 = CO A2 55 + PR 1 600 + CO 45 50; line: 1200 - 550 = 650; BPR 945 = 450 + 495
    const b = read835(fixture(`${LFH}managed-care.835`))[0]!.balance;
    expect(b).toEqual({
      balanced: true,
      paymentCents: 94500,
      claims: 2,
      paidCents: 94500,
      providerAdjustmentCents: 0,
      problems: [],
    });
  });

  it("cob-contractural-adjustment.835: a negative CAS (OA 94 -9.00) balances the line", () => {
    // 541 - 34 = 507 = OA 23 516 + OA 94 -9
    expect(read835(fixture(`${LFH}cob-contractural-adjustment.835`))[0]!.balance).toMatchObject({
      balanced: true,
      paidCents: 3400,
      paymentCents: 3400,
    });
  });

  it("tertiary-payment.835: the malformed SVC makes its line unbalanced", () => {
    // SVC*HC*24599.00*1766.50*187.50**1 reads as charge 24599.00, paid 1766.50: 22832.50 against CAS OA 23 1579.00
    const b = read835(fixture(`${LFH}tertiary-payment.835`))[0]!.balance;
    expect(b.balanced).toBe(false);
    expect(b.problems).toEqual([
      {
        claim: "0001000054",
        line: 1,
        message:
          "claim 0001000054 line 1 (HC): charge 24599.00 - paid 1766.50 = 22832.50, but the line CAS total 1579.00",
      },
    ]);
    expect(b.paidCents).toBe(18750);
    expect(b.paymentCents).toBe(18750);
  });

  it("mjkubba 835: neither the claim nor BPR02 balances", () => {
    // claim: 211366.97 - 138018.40 = 73348.57, but CAS CO 45 73348.57 + line OA 23 400 = 73748.57
    // BPR02 150000 against 138018.40 - (-1.27) = 138019.67
    const b = read835(fixture("mjkubba-edi/demo/edi835-demo-005010X221.edi"))[0]!.balance;
    expect(b.balanced).toBe(false);
    expect(b.problems.map((p) => [p.claim, p.line])).toEqual([
      ["666123", undefined],
      ["", undefined],
    ]);
    expect(b.problems[1]!.message).toBe(
      "BPR02 150000.00 does not equal sum(CLP04) 138018.40 - sum(PLB) -1.27 = 138019.67",
    );
  });

  it("moov sample1: negative payment from a positive PLB; the first transaction's claim is off by a cent", () => {
    const [t1, t2] = read835(fixture("moov-io-x12/examples/example_5010_835/sample1.txt"));
    // BPR02 -6173.50 = CLP04 0 - PLB 6173.50 (a positive PLB reduces the payment)
    expect(t1!.balance).toMatchObject({
      paymentCents: -617350,
      paidCents: 0,
      providerAdjustmentCents: 617350,
      claims: 1,
      balanced: false,
    });
    // claim: 385.21 - 0 = 385.21, but the line CAS is 385.20 (the line says paid 0.01)
    expect(t1!.balance.problems).toEqual([
      {
        claim: "9999999",
        message: "claim 9999999: charge 385.21 - paid 0.00 = 385.21, but claim CAS 0.00 + line CAS 385.20 = 385.20",
      },
    ]);
    expect(t2!.balance).toEqual({
      balanced: true,
      paymentCents: -617340,
      paidCents: 0,
      providerAdjustmentCents: 617340,
      claims: 1,
      problems: [],
    });
    expect(t1!.providerAdjustments[0]).toMatchObject({ reason: "50", reference: "111", amountCents: 617350 });
  });

  it("every 835 fixture gets the verdict worked out for it", () => {
    const expected: Record<string, boolean[]> = {
      "mjkubba-edi/demo/edi835-demo-005010X221.edi": [false],
      "pyx12/pyx12/tests/835_mult_loops.txt": [true],
      [`${LFH}managed-care.835`]: [true],
      [`${LFH}cob-contractural-adjustment.835`]: [true],
      [`${LFH}secondary-payment.835`]: [true],
      [`${LFH}tertiary-payment.835`]: [false],
      [`${LFH}medicare-part-a.835`]: [true],
      "linuxforhealth-x12/demo-file/demo.835": [true],
      "moov-io-x12/examples/example_5010_835/sample1.txt": [false, true],
      // claim: 4199.68 - 4000 = 199.68, but the line CAS is 1201.68 (the line paid 2998)
      "moov-io-x12/examples/example_5010_835/sample2.txt": [false],
    };
    for (const [file, verdicts] of Object.entries(expected)) {
      const remits = read835(fixture(file));
      expect(
        remits.map((r) => r.balance.balanced),
        file,
      ).toEqual(verdicts);
      for (const r of remits) expect(balance835(r).balanced, `${file} recomputed`).toBe(r.balance.balanced);
    }
  });
});

describe("claim by claim", () => {
  it("iterate835 hands out the same claims as read835, without keeping them", () => {
    const text = fixture("moov-io-x12/examples/example_5010_835/sample1.txt") + fixture(`${LFH}secondary-payment.835`);
    const whole = read835(text);
    const events = [...iterate835(text)];
    const claims = events.flatMap((e) => (e.type === "claim" ? [e.claim] : []));
    expect(claims).toEqual(whole.flatMap((r) => r.claims));
    const remits = events.flatMap((e) => (e.type === "remittance" ? [e.remittance] : []));
    expect(remits.map((r) => [r.controlNumber, r.claims.length, r.balance])).toEqual(
      whole.map((r) => [r.controlNumber, 0, r.balance]),
    );
    // the claim event comes after its remittance header is complete
    const first = events[0] as Extract<Remittance835Event, { type: "claim" }>;
    expect(first.remittance.payment.amountCents).toBe(-617350);
  });

  it("stream835 reads a large synthetic 835 from small chunks with the same result", async () => {
    const text = synthetic835(2000, { claimsPerTransaction: 700 });
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 997) chunks.push(text.slice(i, i + 997));
    let claims = 0;
    const verdicts = [];
    for await (const e of stream835(chunks)) {
      if (e.type === "claim") claims++;
      else verdicts.push(e.remittance.balance);
    }
    expect(claims).toBe(2000);
    expect(verdicts.map((v) => [v.claims, v.balanced])).toEqual([
      [700, true],
      [700, true],
      [600, true],
    ]);
    expect(verdicts).toEqual(read835(text).map((r) => r.balance));
  });
});
