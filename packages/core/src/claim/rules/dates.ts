import type { ClaimDocument } from "../claim.types.ts";
import type { Rule, RuleHit } from "./types.ts";
import { addDays, daysBetween, isIsoDate, serviceDates } from "./util.ts";

/** Timely filing starts warning when this many days (or fewer) are left. */
export const TIMELY_FILING_WARN_DAYS = 14;

/** "The claim's date of service", "Line 3's last date of service", from a path serviceDates() made. */
export function dateLabel(path: string): string {
  const m = /^lines\.(\d+)\.(serviceDate|serviceDateTo)$/.exec(path);
  const which = path.endsWith("To") ? "last date of service" : "date of service";
  return m ? `Line ${Number(m[1]) + 1}'s ${which}` : `The claim's ${which}`;
}

export const dosValid: Rule = {
  id: "dos.valid",
  severity: "error",
  title: "Dates of service are real dates, and no range ends before it starts",
  check: ({ claim }) => {
    const hits: RuleHit[] = [];
    for (const { path, date } of serviceDates(claim, false)) {
      if (isIsoDate(date)) continue;
      hits.push({
        path,
        message: `${dateLabel(path)} "${date ?? ""}" is not a date (YYYY-MM-DD).`,
        fixHint: "Enter the date the service was performed, e.g. 2026-01-15.",
      });
    }
    const ranges: Array<[string, string, string | undefined]> = [
      ["serviceDateTo", claim.serviceDate, claim.serviceDateTo],
    ];
    claim.lines.forEach((l, i) => ranges.push([`lines.${i}.serviceDateTo`, l.serviceDate, l.serviceDateTo]));
    for (const [path, from, to] of ranges) {
      if (!isIsoDate(from) || !isIsoDate(to) || to >= from) continue;
      hits.push({
        path,
        message: `${dateLabel(path)} ${to} is before the first date of service ${from}.`,
        fixHint: "Swap or correct the dates: the range runs from the first to the last day of service.",
      });
    }
    return hits;
  },
};

export const dosFuture: Rule = {
  id: "dos.future",
  severity: "error",
  title: "No date of service is in the future",
  check: ({ claim, today }) =>
    serviceDates(claim, true)
      .filter(({ date }) => isIsoDate(date) && date > today)
      .map(({ path, date }) => ({
        path,
        message: `${dateLabel(path)} ${date} is in the future (today is ${today}).`,
        fixHint: "Correct the date, or hold the claim until the service has been performed.",
      })),
};

/** The earliest valid first date of service (claim or line) not in the future, with its path (claim level wins ties). */
function earliestService(claim: ClaimDocument, today: string): { path: string; date: string } | undefined {
  let best: { path: string; date: string } | undefined;
  const starts = [
    { path: "serviceDate", date: claim.serviceDate },
    ...claim.lines.map((l, i) => ({ path: `lines.${i}.serviceDate`, date: l.serviceDate })),
  ];
  for (const d of starts) {
    if (!isIsoDate(d.date) || d.date > today) continue;
    if (!best || d.date < best.date) best = d;
  }
  return best;
}

export const timelyFiling: Rule = {
  id: "dos.timely-filing",
  severity: "error",
  title: `Within the payer's timely filing limit (warns in the last ${TIMELY_FILING_WARN_DAYS} days)`,
  check: ({ claim, today }) => {
    const limit = claim.coverage.timelyFilingDays;
    if (!Number.isInteger(limit) || limit <= 0 || !isIsoDate(today)) return [];
    const dos = earliestService(claim, today);
    if (!dos) return [];
    const elapsed = daysBetween(dos.date, today);
    const left = limit - elapsed;
    const deadline = addDays(dos.date, limit);
    const payer = claim.coverage.payerName || "The payer";
    if (left < 0) {
      return [
        {
          path: dos.path,
          message: `Past the timely filing limit: the date of service ${dos.date} was ${elapsed} days ago; ${payer} allows ${limit} days (the last day to file was ${deadline}).`,
          fixHint:
            "Submit only with proof of timely filing (e.g. an earlier clearinghouse acceptance report) or an approved payer exception; otherwise adjust the balance off per your policy.",
        },
      ];
    }
    if (left > TIMELY_FILING_WARN_DAYS) return [];
    const when = left === 0 ? "Today is the last day to file" : `${left} day${left === 1 ? "" : "s"} left to file`;
    return [
      {
        path: dos.path,
        severity: "warning",
        message: `${when}: ${payer}'s ${limit}-day limit for the date of service ${dos.date} ends on ${deadline}.`,
        fixHint: `Fix any other findings and submit this claim before ${deadline}.`,
      },
    ];
  },
};

export const lineRange: Rule = {
  id: "dos.line-range",
  severity: "warning",
  title: "Line dates of service fall within the claim's dates of service",
  check: ({ claim }) => {
    const from = claim.serviceDate;
    const to = claim.serviceDateTo ?? claim.serviceDate;
    if (!isIsoDate(from) || !isIsoDate(to) || to < from) return []; // dos.valid reports a bad claim range
    const span = from === to ? from : `${from} to ${to}`;
    const hits: RuleHit[] = [];
    claim.lines.forEach((l, i) => {
      const dates: Array<[string, string | undefined]> = [
        [`lines.${i}.serviceDate`, l.serviceDate],
        [`lines.${i}.serviceDateTo`, l.serviceDateTo],
      ];
      for (const [path, date] of dates) {
        if (!isIsoDate(date) || (date >= from && date <= to)) continue;
        hits.push({
          path,
          message: `${dateLabel(path)} ${date} is outside the claim's dates of service (${span}).`,
          fixHint:
            "Correct the line's date, or the claim's dates of service so they cover every line (bill other visits on their own claims).",
        });
      }
    });
    return hits;
  },
};

export const DATE_RULES: readonly Rule[] = [dosValid, dosFuture, timelyFiling, lineRange];
