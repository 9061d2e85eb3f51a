import { useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { navigate } from "../../router";
import { useUser } from "../../session";
import { SelectField } from "../../ui/fields";
import { date, label, money, month } from "../../ui/format";
import { Page, Panel, Tabs } from "../../ui/page";
import { Empty, Loaded } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useApi } from "../../ui/use-api";
import { StatusBadge, patientName, type Claim } from "../claim/parts";
import { CsvUpload } from "./CsvUpload";
import { EncounterForm } from "./EncounterForm";

type Tab = "claims" | "upload" | "csv" | "invoices" | "reports";
const TABS: { key: Tab; label: string }[] = [
  { key: "claims", label: "Claims" },
  { key: "upload", label: "New encounter" },
  { key: "csv", label: "CSV upload" },
  { key: "invoices", label: "Invoices" },
  { key: "reports", label: "Reports" },
];
type Invoice = Get<"/v1/invoices">["items"][number];

/** A client practice's own portal: its claims, encounter upload (form and CSV), invoices and A/R. */
export default function Portal({ query }: ScreenProps) {
  const user = useUser();
  const practiceId = user.practiceId ?? "";
  const tab = (TABS.find((t) => t.key === query.get("tab"))?.key ?? "claims") as Tab;
  return (
    <Page title="Practice portal">
      <Tabs tabs={TABS} active={tab} onChange={(k) => navigate(`/portal?tab=${k}`)} />
      {!practiceId ? (
        <Empty title="Your user is not bound to a practice">Ask the billing company to set your practice.</Empty>
      ) : tab === "claims" ? (
        <Claims practiceId={practiceId} />
      ) : tab === "upload" ? (
        <EncounterForm practiceId={practiceId} />
      ) : tab === "csv" ? (
        <CsvUpload practiceId={practiceId} />
      ) : tab === "invoices" ? (
        <Invoices practiceId={practiceId} />
      ) : (
        <Reports practiceId={practiceId} />
      )}
    </Page>
  );
}

function Claims({ practiceId }: { practiceId: string }) {
  const [status, setStatus] = useState("");
  const s = useApi(
    () =>
      must(
        api.GET("/v1/claims", {
          params: { query: { practiceId, limit: 100, status: (status || undefined) as Claim["status"] | undefined } },
        }),
      ),
    [practiceId, status],
  );
  return (
    <>
      <div className="row queue-filters">
        <SelectField
          label="Status"
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: "", label: "All" },
            ...["needs_review", "ready", "submitted", "accepted", "rejected", "paid", "partially_paid", "denied"].map(
              (v) => ({
                value: v,
                label: label(v),
              }),
            ),
          ]}
        />
      </div>
      <Loaded state={s} what="Loading your claims">
        {(d) => (
          <DataTable<Claim>
            caption="Your claims"
            rows={d.items}
            rowKey={(c) => c.claimId}
            onOpen={(c) => navigate(`/claims/${c.claimId}`)}
            globalKeys
            initialSort={{ key: "dos", dir: "desc" }}
            empty={<Empty title="No claims yet">Upload an encounter to start.</Empty>}
            columns={[
              {
                key: "claim",
                header: "Claim",
                render: (c) => <span className="mono">{c.claimId}</span>,
                sortValue: (c) => c.claimId,
              },
              { key: "patient", header: "Patient", render: patientName, sortValue: patientName },
              { key: "dos", header: "Service", render: (c) => date(c.serviceDate), sortValue: (c) => c.serviceDate },
              {
                key: "payer",
                header: "Payer",
                render: (c) => c.doc.coverage.payerName,
                sortValue: (c) => c.doc.coverage.payerName,
              },
              {
                key: "charge",
                header: "Charge",
                align: "right",
                render: (c) => money(c.totalChargeCents),
                sortValue: (c) => c.totalChargeCents,
              },
              {
                key: "status",
                header: "Status",
                render: (c) => <StatusBadge status={c.status} />,
                sortValue: (c) => c.status,
              },
              {
                key: "why",
                header: "Note",
                render: (c) => (
                  <span className="wrap-text muted">{c.statusReason ?? c.findings[0]?.message ?? ""}</span>
                ),
              },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}

function Invoices({ practiceId }: { practiceId: string }) {
  const s = useApi(() => must(api.GET("/v1/invoices", { params: { query: { practiceId } } })), [practiceId]);
  const [open, setOpen] = useState<Invoice | undefined>();
  const pdf = useApi(
    () =>
      open
        ? must(
            api.GET("/v1/practices/{practiceId}/invoices/{period}", {
              params: { path: { practiceId, period: open.period } },
            }),
          )
        : Promise.resolve(undefined),
    [open?.invoiceId],
  );
  return (
    <Loaded state={s} what="Loading invoices">
      {(d) => (
        <>
          <DataTable<Invoice>
            caption="Your invoices"
            rows={d.items}
            rowKey={(i) => i.invoiceId}
            onOpen={setOpen}
            globalKeys
            initialSort={{ key: "period", dir: "desc" }}
            empty={<Empty title="No invoices yet">The billing company invoices each month after it closes.</Empty>}
            columns={[
              { key: "period", header: "Month", render: (i) => month(i.period), sortValue: (i) => i.period },
              { key: "number", header: "Number", render: (i) => i.number ?? "draft", sortValue: (i) => i.number ?? "" },
              { key: "status", header: "Status", render: (i) => label(i.status), sortValue: (i) => i.status },
              {
                key: "collected",
                header: "Collected",
                align: "right",
                render: (i) => money(i.collectedCents),
                sortValue: (i) => i.collectedCents,
              },
              {
                key: "total",
                header: "Invoice total",
                align: "right",
                render: (i) => money(i.totalCents),
                sortValue: (i) => i.totalCents,
              },
            ]}
          />
          {open ? (
            <Panel title={`Invoice ${open.number ?? ""} · ${month(open.period)}`}>
              <Loaded state={pdf} what="Loading the invoice">
                {(inv) =>
                  inv?.pdfUrl ? (
                    <iframe className="pdf-frame" title={`Invoice PDF ${month(open.period)}`} src={inv.pdfUrl} />
                  ) : (
                    <Empty title="No PDF for this invoice yet" />
                  )
                }
              </Loaded>
            </Panel>
          ) : null}
        </>
      )}
    </Loaded>
  );
}

function Reports({ practiceId }: { practiceId: string }) {
  const s = useApi(async () => {
    const d = await must(api.GET("/v1/reports/ar-aging", { params: { query: { practiceId } } }));
    return d as Exclude<typeof d, string>;
  }, [practiceId]);
  return (
    <Loaded state={s} what="Loading A/R aging">
      {(d) => {
        const p = d.practices.find((x) => x.practiceId === practiceId);
        if (!p) return <Empty title="Nothing outstanding">No open A/R for your practice.</Empty>;
        const side = p.fromServiceDate;
        return (
          <Panel title={`A/R aging as of ${date(d.asOf)} (from date of service)`}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Owed by</th>
                  {d.buckets.map((b) => (
                    <th key={b} scope="col" className="num">
                      {b} days
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {side.insurance.byPayer.map((r) => (
                  <tr key={r.payerId}>
                    <td>{r.payerName}</td>
                    {d.buckets.map((b) => (
                      <td key={b} className="num">
                        {money(r.buckets[b])}
                      </td>
                    ))}
                    <td className="num">{money(r.totalCents)}</td>
                  </tr>
                ))}
                <tr>
                  <td>Patients</td>
                  {d.buckets.map((b) => (
                    <td key={b} className="num">
                      {money(side.patient.buckets[b])}
                    </td>
                  ))}
                  <td className="num">{money(side.patient.totalCents)}</td>
                </tr>
              </tbody>
            </table>
            <p className="muted small">{p.claims} open claim(s).</p>
          </Panel>
        );
      }}
    </Loaded>
  );
}
