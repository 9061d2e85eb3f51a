import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { navigate } from "../../router";
import { BarChart, LineChart } from "../../ui/charts";
import { SelectField, TextField } from "../../ui/fields";
import { lastMonth, money, moneyShort, month, todayLocal } from "../../ui/format";
import { Page, Panel, Tabs } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { useApi } from "../../ui/use-api";
import { agingTotals, monthsBack, trend } from "../home/kpis";

type Tab = "aging" | "collections" | "claims";
const TABS: { key: Tab; label: string }[] = [
  { key: "aging", label: "A/R aging" },
  { key: "collections", label: "Collections" },
  { key: "claims", label: "Claims KPIs" },
];
const rate = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${v.toFixed(1)}%`);

/** The reports as tables and charts, for the company or one practice, each downloadable as CSV. */
export default function Reports({ query }: ScreenProps) {
  const tab = (TABS.find((t) => t.key === query.get("tab"))?.key ?? "aging") as Tab;
  const practices = useApi(() => must(api.GET("/v1/practices", { params: { query: { limit: 100 } } })), []);
  const [practiceId, setPracticeId] = useState("");
  const practiceOptions = [
    { value: "", label: "All practices" },
    ...(practices.data?.items ?? []).map((p) => ({ value: p.practiceId, label: p.legalName })),
  ];
  return (
    <Page
      title="Reports"
      actions={
        <SelectField
          label="Practice"
          name="practiceId"
          value={practiceId}
          onChange={(e) => setPracticeId(e.target.value)}
          options={practiceOptions}
        />
      }
    >
      <Tabs tabs={TABS} active={tab} onChange={(t) => navigate(`/reports?tab=${t}`, { replace: true })} />
      {tab === "aging" ? <Aging practiceId={practiceId || undefined} /> : null}
      {tab === "collections" ? <Collections practiceId={practiceId || undefined} /> : null}
      {tab === "claims" ? <ClaimsKpis practiceId={practiceId || undefined} /> : null}
    </Page>
  );
}

function csvHref(path: string, q: Record<string, string | undefined>) {
  const s = new URLSearchParams({ format: "csv" });
  for (const [k, v] of Object.entries(q)) if (v) s.set(k, v);
  return `${path}?${s}`;
}

function Download({ href }: { href: string }) {
  return (
    <a className="btn" href={href} download>
      Download CSV
    </a>
  );
}

function Aging({ practiceId }: { practiceId?: string }) {
  const [asOf, setAsOf] = useState(todayLocal());
  const [basis, setBasis] = useState<"fromServiceDate" | "fromSubmission">("fromServiceDate");
  const r = useApi(
    () => must(api.GET("/v1/reports/ar-aging", { params: { query: { asOf, practiceId } } })),
    [asOf, practiceId],
  );
  return (
    <>
      <div className="row">
        <TextField
          label="As of"
          name="asOf"
          type="date"
          value={asOf}
          onChange={(e) => e.target.value && setAsOf(e.target.value)}
        />
        <SelectField
          label="Age from"
          name="basis"
          value={basis}
          onChange={(e) => setBasis(e.target.value as typeof basis)}
          options={[
            { value: "fromServiceDate", label: "Date of service" },
            { value: "fromSubmission", label: "Submission" },
          ]}
        />
        <div className="row-action">
          <Download href={csvHref("/v1/reports/ar-aging", { asOf, practiceId })} />
        </div>
      </div>
      <Loaded state={r} what="Computing A/R aging">
        {(data) => {
          const d = data as Get<"/v1/reports/ar-aging">;
          const totals = agingTotals(d, basis);
          const sum = totals.reduce((t, b) => t + b.cents, 0);
          if (!d.practices.length || sum === 0)
            return <Empty title="No open A/R">Nothing is owed on any claim as of this date.</Empty>;
          return (
            <div className="grid grid-wide">
              <Panel title="Open A/R by age">
                <BarChart
                  title={`Days from ${basis === "fromServiceDate" ? "date of service" : "submission"}`}
                  format={moneyShort}
                  bars={totals.map((b, i) => ({
                    label: b.bucket,
                    value: b.cents,
                    tone: i >= 3 ? "bad" : i === 2 ? "c" : "a",
                  }))}
                />
              </Panel>
              <Panel title="By practice">
                <div className="table-scroll">
                  <table className="table">
                    <caption className="visually-hidden">A/R aging by practice</caption>
                    <thead>
                      <tr>
                        <th scope="col">Practice</th>
                        {d.buckets.map((b) => (
                          <th key={b} scope="col" className="num">
                            {b}
                          </th>
                        ))}
                        <th scope="col" className="num">
                          Total
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.practices.map((p) => (
                        <tr key={p.practiceId}>
                          <td>{p.name}</td>
                          {d.buckets.map((b) => (
                            <td key={b} className="num">
                              {money(p[basis].insurance.buckets[b] + p[basis].patient.buckets[b])}
                            </td>
                          ))}
                          <td className="num">{money(p[basis].insurance.totalCents + p[basis].patient.totalCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <td>All</td>
                        {totals.map((b) => (
                          <td key={b.bucket} className="num">
                            {money(b.cents)}
                          </td>
                        ))}
                        <td className="num">{money(sum)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </div>
                <PayerAging d={d} basis={basis} />
              </Panel>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}

function PayerAging({ d, basis }: { d: Get<"/v1/reports/ar-aging">; basis: "fromServiceDate" | "fromSubmission" }) {
  const rows = d.practices.flatMap((p) => p[basis].insurance.byPayer.map((x) => ({ practice: p.name, ...x })));
  if (!rows.length) return null;
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Insurance A/R by payer</caption>
        <thead>
          <tr>
            <th scope="col">Payer</th>
            <th scope="col">Practice</th>
            <th scope="col" className="num">
              Insurance A/R
            </th>
            <th scope="col" className="num">
              Of it denied
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.practice}:${r.payerId}`}>
              <td>{r.payerName}</td>
              <td>{r.practice}</td>
              <td className="num">{money(r.totalCents)}</td>
              <td className="num">{money(r.deniedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Collections({ practiceId }: { practiceId?: string }) {
  const six = monthsBack(6);
  const [from, setFrom] = useState(six[0]!);
  const [to, setTo] = useState(lastMonth(new Date(Date.now() + 31 * 86_400_000)));
  const r = useApi(
    () => must(api.GET("/v1/reports/collections", { params: { query: { from, to, practiceId } } })),
    [from, to, practiceId],
  );
  return (
    <>
      <div className="row">
        <TextField
          label="From month"
          name="from"
          type="month"
          value={from}
          onChange={(e) => e.target.value && setFrom(e.target.value)}
          error={r.error}
        />
        <TextField
          label="To month"
          name="to"
          type="month"
          value={to}
          onChange={(e) => e.target.value && setTo(e.target.value)}
          error={r.error}
        />
        <div className="row-action">
          <Download href={csvHref("/v1/reports/collections", { from, to, practiceId })} />
        </div>
      </div>
      <Loaded state={r} what="Computing collections">
        {(data) => {
          const d = data as Get<"/v1/reports/collections">;
          const t = trend(d);
          const rows = d.practices.flatMap((p) => p.months.map((m) => ({ practice: p.name, ...m })));
          if (!rows.length) return <Empty title="No collections in these months" />;
          return (
            <>
              <Panel title="Charges and payments by month">
                <LineChart
                  title="Charges by date of service, payments by posting month"
                  labels={t.months.map(month)}
                  format={moneyShort}
                  series={[
                    { name: "Payments", points: t.payments, tone: "a" },
                    { name: "Charges", points: t.charges, tone: "c" },
                  ]}
                />
              </Panel>
              <Panel title="By practice and month">
                <div className="table-scroll">
                  <table className="table">
                    <caption className="visually-hidden">Collections by practice and month</caption>
                    <thead>
                      <tr>
                        <th scope="col">Practice</th>
                        <th scope="col">Month</th>
                        <th scope="col" className="num">
                          Charges
                        </th>
                        <th scope="col" className="num">
                          Insurance
                          <br />
                          paid
                        </th>
                        <th scope="col" className="num">
                          Patient
                          <br />
                          paid
                        </th>
                        <th scope="col" className="num">
                          Refunds
                        </th>
                        <th scope="col" className="num">
                          Contractual
                          <br />
                          adj.
                        </th>
                        <th scope="col" className="num">
                          Denial adj.
                        </th>
                        <th scope="col" className="num">
                          Payments
                        </th>
                        <th scope="col" className="num">
                          Net collection
                          <br />
                          rate
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((m) => (
                        <tr key={`${m.practice}:${m.month}`}>
                          <td>{m.practice}</td>
                          <td>{month(m.month)}</td>
                          <td className="num">{money(m.chargesCents)}</td>
                          <td className="num">{money(m.insurancePaymentsCents)}</td>
                          <td className="num">{money(m.patientPaymentsCents)}</td>
                          <td className="num">{money(m.refundsCents)}</td>
                          <td className="num">{money(m.contractualAdjustmentsCents)}</td>
                          <td className="num">{money(m.denialAdjustmentsCents)}</td>
                          <td className="num">{money(m.paymentsCents)}</td>
                          <td className="num">{rate(m.netCollectionRatePercent)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Panel>
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function ClaimsKpis({ practiceId }: { practiceId?: string }) {
  const [from, setFrom] = useState(todayLocal(new Date(Date.now() - 90 * 86_400_000)));
  const [to, setTo] = useState(todayLocal());
  const r = useApi(
    () => must(api.GET("/v1/reports/claims", { params: { query: { from, to, practiceId } } })),
    [from, to, practiceId],
  );
  return (
    <>
      <div className="row">
        <TextField
          label="Services from"
          name="from"
          type="date"
          value={from}
          onChange={(e) => e.target.value && setFrom(e.target.value)}
          error={r.error}
        />
        <TextField
          label="Services to"
          name="to"
          type="date"
          value={to}
          onChange={(e) => e.target.value && setTo(e.target.value)}
          error={r.error}
        />
      </div>
      <Loaded state={r} what="Computing claim KPIs">
        {(d) => {
          if (!d.practices.length) return <Empty title="No claims with services in these dates" />;
          const reasons = d.practices.flatMap((p) => p.denialsByReason);
          const byReason = new Map<string, { label: string; cents: number }>();
          for (const x of reasons) {
            const k = `${x.group}-${x.reason}`;
            byReason.set(k, { label: k, cents: (byReason.get(k)?.cents ?? 0) + x.amountCents });
          }
          const top = [...byReason.values()].sort((a, b) => b.cents - a.cents).slice(0, 6);
          return (
            <div className="grid">
              <Panel title="By practice">
                <div className="table-scroll">
                  <table className="table">
                    <caption className="visually-hidden">Claim KPIs by practice</caption>
                    <thead>
                      <tr>
                        <th scope="col">Practice</th>
                        <th scope="col" className="num">
                          Claims
                        </th>
                        <th scope="col" className="num">
                          Clean claim rate
                        </th>
                        <th scope="col" className="num">
                          First-pass resolution
                        </th>
                        <th scope="col" className="num">
                          Denial rate
                        </th>
                        <th scope="col" className="num">
                          Days in A/R
                        </th>
                        <th scope="col" className="num">
                          Days to payment
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.practices.map((p) => (
                        <tr key={p.practiceId}>
                          <td>{p.name}</td>
                          <td className="num">{p.claims}</td>
                          <td className="num">{rate(p.cleanClaimRatePercent)}</td>
                          <td className="num">{rate(p.firstPassResolutionRatePercent)}</td>
                          <td className="num">{rate(p.denialRatePercent)}</td>
                          <td className="num">{p.daysInAR === null ? "—" : p.daysInAR.toFixed(1)}</td>
                          <td className="num">
                            {p.averageDaysToPayment === null ? "—" : p.averageDaysToPayment.toFixed(1)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Panel>
              <Panel title="Denied amounts by reason (CARC)">
                {top.length ? (
                  <BarChart
                    title="Top reasons by amount denied"
                    format={moneyShort}
                    bars={top.map((t) => ({ label: t.label, value: t.cents, tone: "bad" }))}
                  />
                ) : (
                  <Empty title="No denials in these dates" />
                )}
                {reasons.length ? (
                  <div className="table-scroll">
                    <table className="table">
                      <caption className="visually-hidden">Denials by reason</caption>
                      <thead>
                        <tr>
                          <th scope="col">Reason</th>
                          <th scope="col">Meaning</th>
                          <th scope="col" className="num">
                            Claims
                          </th>
                          <th scope="col" className="num">
                            Amount
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {reasons.map((x, i) => (
                          <tr key={i}>
                            <td>
                              {x.group}-{x.reason}
                            </td>
                            <td className="wrap">{x.description}</td>
                            <td className="num">{x.claims}</td>
                            <td className="num">{money(x.amountCents)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ) : null}
              </Panel>
            </div>
          );
        }}
      </Loaded>
    </>
  );
}
