import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { navigate } from "../../router";
import { LineChart } from "../../ui/charts";
import { count, money, moneyShort, month } from "../../ui/format";
import { Badge, Page, Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable, type Column } from "../../ui/table";
import { useApi } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";
import { Download, PeriodPicker, csvHref, periodOf, type Period } from "../fees/parts";

type Report = Get<"/v1/reports/profitability">;
type Practice = Report["practices"][number];

const FLAG = "Contract does not pay for the work";

const columns: Column<Practice>[] = [
  {
    key: "practice",
    header: "Practice",
    render: (p) => (
      <>
        {p.name}
        {p.paysForWork === false ? (
          <div>
            <Badge tone="bad">{FLAG}</Badge>
          </div>
        ) : null}
      </>
    ),
    sortValue: (p) => p.name,
    filterValue: (p) => `${p.name} ${p.paysForWork === false ? FLAG : ""}`,
  },
  { key: "fee", header: "Fee", align: "right", render: (p) => money(p.feeCents), sortValue: (p) => p.feeCents },
  {
    key: "work",
    header: "The work",
    render: (p) => (
      <span className="small muted work-counts">
        {p.claimsSent} claims sent · {p.resubmissions} resubmitted · {p.denialsWorked} denials worked · {p.appeals}{" "}
        appeals · {p.statements} statements · {p.tasksDone} tasks done · {p.paymentsPosted} payments posted
      </span>
    ),
    sortValue: (p) => p.claimsSent,
  },
  { key: "touches", header: "Touches", align: "right", render: (p) => count(p.touches), sortValue: (p) => p.touches },
  {
    key: "perClaim",
    header: "Per claim",
    align: "right",
    render: (p) => money(p.feePerClaimCents),
    sortValue: (p) => p.feePerClaimCents,
  },
  {
    key: "perTouch",
    header: "Per touch",
    align: "right",
    render: (p) => (
      <span className={p.paysForWork === false ? "text-bad" : undefined}>
        <strong>{money(p.feePerTouchCents)}</strong>
      </span>
    ),
    sortValue: (p) => p.feePerTouchCents,
  },
  {
    key: "cost",
    header: "Cost",
    align: "right",
    render: (p) => money(p.costCents),
    sortValue: (p) => p.costCents,
  },
  {
    key: "margin",
    header: "Margin",
    align: "right",
    render: (p) => <span className={p.marginCents < 0 ? "text-bad" : undefined}>{money(p.marginCents)}</span>,
    sortValue: (p) => p.marginCents,
  },
];

/** Fee and cost of the work by month, the practices shown added together. */
export function trendOf(d: Report) {
  const months = [...new Set(d.practices.flatMap((p) => p.months.map((m) => m.month)))].sort();
  const sum = (m: string, f: (x: Practice["months"][number]) => number) =>
    d.practices.reduce((t, p) => t + p.months.filter((x) => x.month === m).reduce((s, x) => s + f(x), 0), 0);
  return {
    months,
    fee: months.map((m) => sum(m, (x) => x.feeCents)),
    cost: months.map((m) => sum(m, (x) => x.costCents)),
    touches: months.map((m) => sum(m, (x) => x.touches)),
  };
}

/**
 * Profitability (owners): per practice, the fee its invoices earned against the work it took, and
 * the practices whose fee per touch is below what a touch costs the company.
 */
export default function Profitability({ query }: ScreenProps) {
  const period = periodOf(query);
  const practiceId = query.get("practiceId") ?? "";
  const dir = useDirectory();
  const go = (p: Period, practice: string) => {
    const s = new URLSearchParams({ from: p.from, to: p.to });
    if (practice) s.set("practiceId", practice);
    navigate(`/profitability?${s}`, { replace: true });
  };
  const q = { ...period, practiceId: practiceId || undefined };
  const r = useApi(
    () => must(api.GET("/v1/reports/profitability", { params: { query: q } })),
    [period.from, period.to, practiceId],
  );
  return (
    <Page title="Profitability">
      <PeriodPicker
        period={period}
        onChange={(p) => go(p, practiceId)}
        practiceId={practiceId}
        onPractice={(id) => go(period, id)}
        practices={dir.practices}
        error={r.error}
      >
        <Download href={csvHref("/v1/reports/profitability", q)} />
      </PeriodPicker>
      <Loaded state={r} what="Computing profitability">
        {(data) => {
          const d = data as Report;
          if (!d.practices.length) return <Empty title="No practices to show" />;
          const t = trendOf(d);
          const flagged = d.practices.filter((p) => p.paysForWork === false);
          return (
            <div className="grid report-grid">
              {flagged.length ? (
                <div className="banner banner-warning" role="status" data-flagged={flagged.length}>
                  <strong>
                    {flagged.length === 1 ? "1 practice's" : `${flagged.length} practices'`} contract does not pay for
                    the work:
                  </strong>{" "}
                  {flagged.map((p) => p.name).join(", ")}. Their fee per touch is below the company's cost of{" "}
                  {money(d.costPerTouchCents)} a touch.
                </div>
              ) : null}
              <Panel title="By practice">
                <DataTable
                  caption="Profitability by practice"
                  columns={columns}
                  rows={d.practices}
                  rowKey={(p) => p.practiceId}
                  rowClass={(p) => (p.paysForWork === false ? "row-flagged" : undefined)}
                  initialSort={{ key: "perTouch", dir: "asc" }}
                />
                <p className="muted report-basis">
                  Cost per touch {money(d.costPerTouchCents)} (
                  {d.costPerTouchSource === "company" ? "the company's setting" : "the default; set it in Settings"}).{" "}
                  {d.rule}
                </p>
              </Panel>
              <Panel title="Trend by month">
                <div className="trend">
                  <LineChart
                    title={`Fee earned against the cost of the work (${money(d.costPerTouchCents)} a touch)`}
                    labels={t.months.map(month)}
                    format={moneyShort}
                    series={[
                      { name: "Fee", points: t.fee, tone: "a" },
                      { name: "Cost of touches", points: t.cost, tone: "c" },
                    ]}
                  />
                  <div className="table-scroll">
                    <table className="table">
                      <caption className="visually-hidden">Profitability by month</caption>
                      <thead>
                        <tr>
                          <th scope="col">Month</th>
                          <th scope="col" className="num">
                            Fee
                          </th>
                          <th scope="col" className="num">
                            Touches
                          </th>
                          <th scope="col" className="num">
                            Cost of touches
                          </th>
                          <th scope="col" className="num">
                            Margin
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {t.months.map((m, i) => (
                          <tr key={m}>
                            <td>{month(m)}</td>
                            <td className="num">{money(t.fee[i])}</td>
                            <td className="num">{count(t.touches[i])}</td>
                            <td className="num">{money(t.cost[i])}</td>
                            <td className="num">{money(t.fee[i]! - t.cost[i]!)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </Panel>
            </div>
          );
        }}
      </Loaded>
    </Page>
  );
}
