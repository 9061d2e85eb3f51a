import { describe, expect, it } from "vitest";
import { allocateRecovery, candidatesCsv, recoveryFee } from "./collections.ts";

describe("collections hand-off", () => {
  it("splits a recovery: the gross pays the oldest visits first, the fee (rounded once) follows it", () => {
    // 100.00 recovered at 35%: fee 35.00, the practice receives 65.00.
    expect(recoveryFee(10_000, 3_500)).toEqual({ feeCents: 3_500, netCents: 6_500 });
    // 33.33 at 30%: 9.999 -> 10.00 (half-up), net 23.33.
    expect(recoveryFee(3_333, 3_000)).toEqual({ feeCents: 1_000, netCents: 2_333 });
    // Visits owing 60.00 (older) and 80.00; 100.00 recovered: 60.00 + 40.00. Fee 35.00 in proportion:
    // 35 x 60/100 = 21.00 and the rest, 14.00.
    expect(
      allocateRecovery(
        [
          { claimId: "CL2", serviceDate: "2026-05-10", balanceCents: 8_000 },
          { claimId: "CL1", serviceDate: "2026-04-02", balanceCents: 6_000 },
        ],
        10_000,
        3_500,
      ),
    ).toEqual([
      { claimId: "CL1", grossCents: 6_000, feeCents: 2_100 },
      { claimId: "CL2", grossCents: 4_000, feeCents: 1_400 },
    ]);
  });

  it("writes the agencies' placement file, one row a debtor, quoted where needed", () => {
    const csv = candidatesCsv([
      {
        patientId: "pat_1",
        accountNumber: "A-100",
        firstName: "José",
        lastName: "Muñoz",
        address: { line1: "12 Oak Ave, Apt 4", city: "Springfield", state: "IL", postalCode: "62702" },
        dateOfBirth: "1985-04-12",
        balanceCents: 12_345,
        firstServiceDate: "2026-04-02",
        lastServiceDate: "2026-05-10",
        finalNoticeDate: "2026-08-01",
        statementsSent: 3,
        practiceName: "Lakeside Family Medicine PC",
      },
    ]);
    expect(csv.split("\r\n")[0]).toBe(
      "account_number,debtor_last_name,debtor_first_name,debtor_middle_name,address_line1,address_line2,city,state,postal_code,date_of_birth,phone,balance,last_payment_date,first_service_date,last_service_date,final_notice_date,statements_sent,creditor_name",
    );
    expect(csv.split("\r\n")[1]).toBe(
      'A-100,Muñoz,José,,"12 Oak Ave, Apt 4",,Springfield,IL,62702,1985-04-12,,123.45,,2026-04-02,2026-05-10,2026-08-01,3,Lakeside Family Medicine PC',
    );
  });
});
