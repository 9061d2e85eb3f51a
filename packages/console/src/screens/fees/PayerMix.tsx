import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { StackedBarChart, TONES, type Tone } from "../../ui/charts";
import { count, money, moneyShort, month } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable, type Column } from "../../ui/table";
import { useApi } from "../../ui/use-api";
import type { TabProps } from "./Fees";
import { Download, csvHref, days, percent } from "./parts";

type Mix = Get<"/v1/reports/payer-mix">;
interface Row {
  key: string;
  practice: string;
  month: string;
  payerId: string;
  payerName: string;
  claims: number;
  chargesCents: number;
  paymentsCents: number;
  sharePercent: number | null;
  averageDaysToPay: number | null;
}

/** The payers shown apart in the chart (the rest are "Other payers"), most paid first. */
const SHOWN = TONES.length - 1;

/** Each month's payments split by payer (all practices picked added together), as shares of the month. */
export function mixChart(d: Mix) {
  const months = [...new Set(d.practices.flatMap((p) => p.months.map((m) => m.month)))].sort();
  const byPayer = new Map<string, { name: string; total: number; months: Map<string, number> }>();
  for (const p of d.practices)
    for (const m of p.months)
      for (const x of m.payers) {
        const e = byPayer.get(x.payerId) ?? { name: x.payerName, total: 0, months: new Map<string, number>() };
        e.total += x.paymentsCents;
        e.months.set(m.month, (e.months.get(m.month) ?? 0) + x.paymentsCents);
        byPayer.set(x.payerId, e);
      }
  const ranked = [...byPayer.values()].filter((e) => e.total > 0).sort((a, b) => b.total - a.total);
  const shown = ranked.length > SHOWN + 1 ? ranked.slice(0, SHOWN) : ranked;
  const rest = ranked.slice(shown.length);
  const series: { name: string; tone: Tone }[] = shown.map((e, i) => ({ name: e.name, tone: TONES[i]! }));
  if (rest.length) series.push({ name: "Other payers", tone: "f" });
  const stacks = months.map((m) => ({
    label: month(m),
    values: [
      ...shown.map((e) => e.months.get(m) ?? 0),
      ...(rest.length ? [rest.reduce((t, e) => t + (e.months.get(m) ?? 0), 0)] : []),
    ],
  }));
  return { series, stacks };
}

const columns: Column<Row>[] = [
  { key: "practice", header: "Practice", render: (r) => r.practice, sortValue: (r) => r.practice },
  { key: "month", header: "Month of service", render: (r) => month(r.month), sortValue: (r) => r.month },
  { key: "payer", header: "Payer", render: (r) => r.payerName, sortValue: (r) => r.payerName },
  { key: "claims", header: "Claims", align: "right", render: (r) => count(r.claims), sortValue: (r) => r.claims },
  {
    key: "charges",
    header: "Charges",
    align: "right",
    render: (r) => money(r.chargesCents),
    sortValue: (r) => r.chargesCents,
  },
  {
    key: "payments",
    header: "Payments",
    align: "right",
    render: (r) => money(r.paymentsCents),
    sortValue: (r) => r.paymentsCents,
  },
  {
    key: "share",
    header: "Share of payments",
    align: "right",
    render: (r) => percent(r.sharePercent),
    sortValue: (r) => r.sharePercent,
  },
  {
    key: "days",
    header: "Avg days to pay",
    align: "right",
    render: (r) => days(r.averageDaysToPay),
    sortValue: (r) => r.averageDaysToPay,
  },
];

export function PayerMix({ period, practiceId }: TabProps) {
  const r = useApi(
    () => must(api.GET("/v1/reports/payer-mix", { params: { query: { ...period, practiceId } } })),
    [period.from, period.to, practiceId],
  );
  return (
    <Loaded state={r} what="Computing the payer mix">
      {(data) => {
        const d = data as Mix;
        const rows: Row[] = d.practices.flatMap((p) =>
          p.months.flatMap((m) =>
            m.payers.map((x) => ({
              key: `${p.practiceId}:${m.month}:${x.payerId}`,
              practice: p.name,
              month: m.month,
              ...x,
            })),
          ),
        );
        const chart = mixChart(d);
        const download = <Download href={csvHref("/v1/reports/payer-mix", { ...period, practiceId })} />;
        if (!rows.length)
          return (
            <Panel title="Payer mix" actions={download}>
              <Empty title="No services in these months">Charges and payments appear here by month of service.</Empty>
            </Panel>
          );
        return (
          <div className="grid report-grid">
            <Panel title="Share of payments by payer" actions={download}>
              {chart.series.length ? (
                <StackedBarChart
                  title="Payments by month of service, each payer's share of the month"
                  share
                  format={moneyShort}
                  series={chart.series}
                  stacks={chart.stacks}
                />
              ) : (
                <Empty title="Nothing paid yet on these months' services" />
              )}
            </Panel>
            <Panel title="By practice, month and payer">
              <DataTable
                caption="Payer mix"
                columns={columns.filter((c) => d.practices.length > 1 || c.key !== "practice")}
                rows={rows}
                rowKey={(x) => x.key}
              />
              <p className="muted report-basis">
                Months are months of service; payments are {d.bases.payments}; days to pay: {d.bases.daysToPay}.
              </p>
            </Panel>
          </div>
        );
      }}
    </Loaded>
  );
}
