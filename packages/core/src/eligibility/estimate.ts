import type { BenefitView, OfficeVisitEstimate } from "./eligibility.schema.ts";

/**
 * What a patient will likely owe for an office visit, from the 271's benefits. Pure.
 *
 * Benefits are taken in network (or with no network stated), for the individual, for service type
 * 98 (professional physician visit, office) and else 30 (health benefit plan coverage):
 * - a copay (EB01 B) is what the patient owes for the visit;
 * - otherwise, from the practice's charge V for the visit: the deductible still to meet D
 *   (EB01 C, time period 29 remaining) takes min(V, D), the coinsurance share c (EB01 A) takes
 *   c x (V - min(V, D)) rounded to the cent, and the total is capped at the out-of-pocket
 *   maximum still remaining (EB01 G, 29). The payer's allowed amount is usually below the charge,
 *   so this is the most the patient would owe.
 */
export function officeVisitEstimate(benefits: readonly BenefitView[], visitChargeCents?: number): OfficeVisitEstimate {
  const usable = benefits.filter((b) => b.network !== "out" && (b.coverageLevel ?? "IND") === "IND");
  const pick = (code: string, period?: string) => {
    for (const st of ["98", "30"]) {
      const hit = usable.find(
        (b) =>
          b.code === code &&
          b.serviceTypes.some((s) => s.code === st) &&
          (period === undefined || b.timePeriod?.code === period),
      );
      if (hit) return hit;
    }
    return usable.find(
      (b) => b.code === code && b.serviceTypes.length === 0 && (period === undefined || b.timePeriod?.code === period),
    );
  };
  const copay = pick("B")?.amountCents;
  const percent = pick("A")?.percent;
  const coinsurancePercent = percent === undefined ? undefined : Math.round(percent * 10000) / 100;
  const deductibleRemainingCents = pick("C", "29")?.amountCents;
  const outOfPocketRemainingCents = pick("G", "29")?.amountCents;
  const known = { coinsurancePercent, deductibleRemainingCents, outOfPocketRemainingCents };
  const strip = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

  if (copay !== undefined) {
    return {
      ...strip({ copayCents: copay, ...known }),
      likelyOwesCents: copay,
      basis: `The plan's office-visit copay of ${dollars(copay)}.`,
    };
  }
  if (visitChargeCents === undefined || (deductibleRemainingCents === undefined && percent === undefined)) {
    return {
      ...strip(known),
      basis:
        visitChargeCents === undefined
          ? "No office-visit copay; no fee for an office visit (99213) on the practice's fee schedule to work a figure from."
          : "The payer gave no copay, coinsurance or deductible for office visits.",
    };
  }
  const toDeductible = Math.min(visitChargeCents, deductibleRemainingCents ?? 0);
  const coinsurance = Math.round((visitChargeCents - toDeductible) * (percent ?? 0));
  let owes = toDeductible + coinsurance;
  const capped = outOfPocketRemainingCents !== undefined && owes > outOfPocketRemainingCents;
  if (capped) owes = outOfPocketRemainingCents;
  const parts = [
    `${dollars(toDeductible)} toward the deductible still to meet (${dollars(deductibleRemainingCents ?? 0)})`,
    `${coinsurancePercent ?? 0}% coinsurance on the rest (${dollars(coinsurance)})`,
  ];
  return {
    ...strip({ ...known, visitChargeCents }),
    likelyOwesCents: owes,
    basis:
      `Of a ${dollars(visitChargeCents)} office visit: ${parts.join(" plus ")}` +
      (capped ? `, capped at the out-of-pocket maximum still remaining (${dollars(outOfPocketRemainingCents)})` : "") +
      ". The payer's allowed amount is usually lower, so this is the most the patient would owe.",
  };
}

const dollars = (c: number) =>
  `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
