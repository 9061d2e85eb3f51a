import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { money } from "../../ui/format";
import { Badge, Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable, type Column } from "../../ui/table";
import { useApi } from "../../ui/use-api";
import type { TabProps } from "./Fees";
import { Download, csvHref, percent, periodDates } from "./parts";

type Report = Get<"/v1/reports/fee-advice">;
type Code = Report["practices"][number]["codes"][number];
type Row = Code & { key: string; practice: string };
type Finding = Code["findings"][number];

const FINDINGS: Record<Finding, { text: string; tone: "bad" | "warn" | "info" }> = {
  charge_below_allowed: { text: "Charge below what a payer allows", tone: "bad" },
  charge_far_above_allowed: { text: "Far above what every payer allows", tone: "warn" },
  denial_rate_high: { text: "Denial rate stands out", tone: "warn" },
};

/** What to do with the fee, in one word: raise, lower, keep. */
export const adviceOf = (c: Code) =>
  c.suggestedFeeCents > c.chargeCents ? "raise" : c.suggestedFeeCents < c.chargeCents ? "lower" : "keep";

const columns = (payers: Map<string, string>): Column<Row>[] => [
  { key: "practice", header: "Practice", render: (r) => r.practice, sortValue: (r) => r.practice },
  { key: "code", header: "Code", render: (r) => <code>{r.procedureCode}</code>, sortValue: (r) => r.procedureCode },
  {
    key: "charge",
    header: "Current charge",
    align: "right",
    render: (r) => (
      <>
        {money(r.chargeCents)}
        {r.chargeSource === "average_billed" ? <div className="muted small">average billed</div> : null}
      </>
    ),
    sortValue: (r) => r.chargeCents,
  },
  {
    key: "highest",
    header: "Highest allowed",
    align: "right",
    render: (r) => (
      <>
        {money(r.highestAllowedCents)}
        {r.highestPayer ? <div className="muted small">{payers.get(r.highestPayer) ?? r.highestPayer}</div> : null}
      </>
    ),
    sortValue: (r) => r.highestAllowedCents,
  },
  {
    key: "suggested",
    header: "Suggested fee",
    align: "right",
    render: (r) => {
      const a = adviceOf(r);
      return (
        <span className="advice" data-advice={a}>
          <strong>{money(r.suggestedFeeCents)}</strong>{" "}
          {a === "raise" ? <Badge tone="bad">Raise</Badge> : a === "lower" ? <Badge tone="warn">Lower</Badge> : null}
        </span>
      );
    },
    sortValue: (r) => r.suggestedFeeCents - r.chargeCents,
  },
  {
    key: "left",
    header: "Left on the table",
    align: "right",
    render: (r) => (r.leftOnTableCents ? money(r.leftOnTableCents) : "—"),
    sortValue: (r) => r.leftOnTableCents,
  },
  {
    key: "denials",
    header: "Denial rate",
    align: "right",
    render: (r) => percent(r.denialRatePercent),
    sortValue: (r) => r.denialRatePercent,
  },
  {
    key: "findings",
    header: "Findings and rule",
    render: (r) => (
      <div className="rule">
        {r.findings.length ? (
          <ul className="findings">
            {r.findings.map((f) => (
              <li key={f}>
                <Badge tone={FINDINGS[f].tone}>{FINDINGS[f].text}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <div className="muted">No findings.</div>
        )}
        <div className="rule-text">{r.rule}</div>
      </div>
    ),
    filterValue: (r) => `${r.findings.map((f) => FINDINGS[f].text).join(" ")} ${r.rule}`,
  },
];

/** Fee advice: per code, the findings and a suggested fee with the rule that made it. Codes to raise stand out. */
export function FeeAdvice({ period, practiceId, dir }: TabProps) {
  const dates = periodDates(period);
  const r = useApi(
    () => must(api.GET("/v1/reports/fee-advice", { params: { query: { ...dates, practiceId } } })),
    [dates.from, dates.to, practiceId],
  );
  return (
    <Loaded state={r} what="Working out fee advice">
      {(data) => {
        const d = data as Report;
        const rows: Row[] = d.practices.flatMap((p) =>
          p.codes.map((c) => ({ ...c, key: `${p.practiceId}:${c.procedureCode}`, practice: p.name })),
        );
        const raise = rows.filter((x) => adviceOf(x) === "raise");
        return (
          <Panel
            title="Fee advice"
            actions={<Download href={csvHref("/v1/reports/fee-advice", { ...dates, practiceId })} />}
          >
            {rows.length ? (
              <>
                <p className="report-basis report-lead">
                  {raise.length ? (
                    <>
                      <strong>
                        {raise.length} {raise.length === 1 ? "code is" : "codes are"} charged below what a payer allows
                      </strong>
                      : raising {raise.length === 1 ? "it" : "them"} recovers{" "}
                      {money(raise.reduce((t, x) => t + x.leftOnTableCents, 0))} left on the table in these dates.
                    </>
                  ) : (
                    "No code is charged below what a payer allows."
                  )}{" "}
                  <span className="muted">Payers' allowed amounts as of {d.asOf}.</span>
                </p>
                <DataTable
                  caption="Fee advice"
                  columns={columns(dir.payers).filter((c) => d.practices.length > 1 || c.key !== "practice")}
                  rows={rows}
                  rowKey={(x) => x.key}
                  rowClass={(x) => (adviceOf(x) === "raise" ? "row-raise" : undefined)}
                  initialSort={{ key: "suggested", dir: "desc" }}
                />
              </>
            ) : (
              <Empty title="No fee schedule or services to advise on">
                Load the practice's fee schedule and a payer's contract schedule to see advice per code.
              </Empty>
            )}
          </Panel>
        );
      }}
    </Loaded>
  );
}
