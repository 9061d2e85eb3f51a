import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { SelectField } from "../../ui/fields";
import { count, money } from "../../ui/format";
import { Panel } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable, type Column } from "../../ui/table";
import { useApi } from "../../ui/use-api";
import type { TabProps } from "./Fees";
import { Download, csvHref, days, percent, periodDates } from "./parts";

type Report = Get<"/v1/reports/reimbursement">;
type Row = Report["practices"][number]["rows"][number] & { key: string; practice: string };

const columns: Column<Row>[] = [
  { key: "practice", header: "Practice", render: (r) => r.practice, sortValue: (r) => r.practice },
  { key: "code", header: "Code", render: (r) => <code>{r.procedureCode}</code>, sortValue: (r) => r.procedureCode },
  { key: "payer", header: "Payer", render: (r) => r.payerName, sortValue: (r) => r.payerName },
  { key: "lines", header: "Lines", align: "right", render: (r) => count(r.lines), sortValue: (r) => r.lines },
  {
    key: "avgCharge",
    header: "Avg charge",
    align: "right",
    render: (r) => money(r.averageChargeCents),
    sortValue: (r) => r.averageChargeCents,
  },
  {
    key: "avgAllowed",
    header: "Avg allowed",
    align: "right",
    render: (r) => money(r.averageAllowedCents),
    sortValue: (r) => r.averageAllowedCents,
  },
  { key: "paid", header: "Paid", align: "right", render: (r) => money(r.paidCents), sortValue: (r) => r.paidCents },
  {
    key: "ofCharge",
    header: "% of charge",
    align: "right",
    render: (r) => percent(r.paidPercentOfCharge),
    sortValue: (r) => r.paidPercentOfCharge,
  },
  {
    key: "expected",
    header: "Expected",
    align: "right",
    render: (r) => (r.expectedCents ? money(r.expectedCents) : <span className="muted">no contract</span>),
    sortValue: (r) => r.expectedCents,
  },
  {
    key: "ofExpected",
    header: "% of expected",
    align: "right",
    render: (r) => (
      <span className={r.paidPercentOfExpected !== null && r.paidPercentOfExpected < 100 ? "text-bad" : undefined}>
        {percent(r.paidPercentOfExpected)}
      </span>
    ),
    sortValue: (r) => r.paidPercentOfExpected,
  },
  {
    key: "denials",
    header: "Denied",
    align: "right",
    render: (r) => percent(r.denialRatePercent),
    sortValue: (r) => r.denialRatePercent,
  },
  {
    key: "days",
    header: "Days to pay",
    align: "right",
    render: (r) => days(r.averageDaysToPay),
    sortValue: (r) => r.averageDaysToPay,
  },
];

/** Reimbursement by code and payer: what each payer allows and pays for each code, against charge and contract. */
export function Reimbursement({ period, practiceId }: TabProps) {
  const dates = periodDates(period);
  const [payer, setPayer] = useState("");
  const r = useApi(
    () => must(api.GET("/v1/reports/reimbursement", { params: { query: { ...dates, practiceId } } })),
    [dates.from, dates.to, practiceId],
  );
  return (
    <Loaded state={r} what="Computing reimbursement">
      {(data) => {
        const d = data as Report;
        const all: Row[] = d.practices.flatMap((p) =>
          p.rows.map((x) => ({ ...x, key: `${p.practiceId}:${x.procedureCode}:${x.payerId}`, practice: p.name })),
        );
        const payers = [...new Map(all.map((x) => [x.payerId, x.payerName]))];
        const rows = payer ? all.filter((x) => x.payerId === payer) : all;
        return (
          <Panel
            title="Reimbursement by code and payer"
            actions={<Download href={csvHref("/v1/reports/reimbursement", { ...dates, practiceId })} />}
          >
            {all.length ? (
              <>
                <div className="row">
                  <SelectField
                    label="Payer"
                    name="payerId"
                    value={payer}
                    onChange={(e) => setPayer(e.target.value)}
                    options={[
                      { value: "", label: "All payers" },
                      ...payers.map(([value, label]) => ({ value, label })),
                    ]}
                  />
                </div>
                <DataTable
                  caption="Reimbursement by code and payer"
                  columns={columns.filter((c) => d.practices.length > 1 || c.key !== "practice")}
                  rows={rows}
                  rowKey={(x) => x.key}
                  initialSort={{ key: "code", dir: "asc" }}
                />
                <p className="muted report-basis">
                  Services {dates.from} to {dates.to}, by date of service. Expected: {d.bases.expected}.
                </p>
              </>
            ) : (
              <Empty title="No services in these dates" />
            )}
          </Panel>
        );
      }}
    </Loaded>
  );
}
