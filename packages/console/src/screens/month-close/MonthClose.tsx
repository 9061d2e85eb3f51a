import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { navigate } from "../../router";
import { useUser } from "../../session";
import { TextField } from "../../ui/fields";
import { dateTime, lastMonth, money, month } from "../../ui/format";
import { Badge, Page, Panel } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { InvoicePanel } from "./InvoicePanel";

type Summary = Get<"/v1/invoices">["items"][number];
type Run = Get<"/v1/invoice-runs/{runId}">;

export const statusTone = (s: string) =>
  s === "paid" ? "good" : s === "void" ? "bad" : s === "draft" ? "warn" : s === "finalizing" ? "neutral" : "info";

/**
 * Month close: run the month (a draft invoice per practice), review each draft with its PDF in the
 * page, finalize, send, mark paid or void. Late collections (posted after a month was invoiced)
 * show as the prior-period column: they are billed on the next invoice.
 */
export default function MonthClose({ query }: ScreenProps) {
  const user = useUser();
  const period = query.get("period") ?? lastMonth();
  const open = query.get("practice");
  const setQuery = (p: string, practice?: string) =>
    navigate(`/month-close?period=${p}${practice ? `&practice=${encodeURIComponent(practice)}` : ""}`, {
      replace: true,
    });
  const list = useApi(() => must(api.GET("/v1/invoices", { params: { query: { period } } })), [period]);
  const [run, setRun] = useState<Run | undefined>();
  const start = useAction(async () => {
    const r = await must(api.POST("/v1/invoice-runs", { body: { period } }));
    setRun(r as Run);
  });

  // Follow the run until every practice is drafted, then show the drafts.
  useEffect(() => {
    if (!run || run.status === "done" || run.status === "failed") return;
    const t = setTimeout(() => {
      must(api.GET("/v1/invoice-runs/{runId}", { params: { path: { runId: run.runId } } })).then(
        (r) => {
          setRun(r);
          if (r.status === "done" || r.status === "failed" || r.done + r.failed >= r.practices) list.reload();
        },
        () => undefined,
      );
    }, 1000);
    return () => clearTimeout(t);
  }, [run, list.reload]);

  const canRun = user.role === "owner" || user.role === "biller";
  return (
    <Page
      title="Month close"
      actions={
        <form
          className="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            const v = new FormData(e.currentTarget).get("period");
            if (typeof v === "string" && /^\d{4}-\d{2}$/.test(v)) setQuery(v);
          }}
        >
          <TextField
            label="Month"
            name="period"
            type="month"
            defaultValue={period}
            key={period}
            onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setQuery(e.target.value)}
          />
          {canRun ? (
            <div className="form-actions">
              <button
                type="button"
                className="btn btn-primary"
                disabled={start.busy || (run && run.status !== "done" && run.status !== "failed")}
                onClick={() => void start.run()}
              >
                {start.busy ? "Starting…" : `Run ${month(period)}`}
              </button>
            </div>
          ) : null}
        </form>
      }
    >
      <ErrorBanner error={start.error} />
      {run ? <RunProgress run={run} /> : null}
      <Panel title={`Invoices for ${month(period)}`}>
        <Loaded state={list} what="Loading invoices">
          {(data) => (
            <DataTable<Summary>
              caption={`Invoices for ${period}`}
              rows={data.items}
              rowKey={(r) => `${r.practiceId}:${r.slot}`}
              onOpen={(r) => r.slot === "current" && setQuery(period, r.practiceId)}
              initialSort={{ key: "practice", dir: "asc" }}
              empty={
                <Empty title={`No invoices for ${month(period)} yet`}>
                  {canRun
                    ? `Run ${month(period)} to draft an invoice for every active practice.`
                    : "The month has not been run."}
                </Empty>
              }
              columns={[
                {
                  key: "practice",
                  header: "Practice",
                  render: (r) => r.practiceName,
                  sortValue: (r) => r.practiceName,
                },
                {
                  key: "number",
                  header: "Number",
                  render: (r) => r.number ?? <span className="muted">draft</span>,
                  sortValue: (r) => r.number ?? "",
                },
                {
                  key: "status",
                  header: "Status",
                  render: (r) => <Badge tone={statusTone(r.status)}>{r.status}</Badge>,
                  sortValue: (r) => r.status,
                },
                {
                  key: "collected",
                  header: "Collected",
                  align: "right",
                  render: (r) => money(r.collectedCents),
                  sortValue: (r) => r.collectedCents,
                },
                {
                  key: "late",
                  header: "Late collections",
                  align: "right",
                  render: (r) =>
                    r.priorPeriodCents ? (
                      <strong>{money(r.priorPeriodCents)}</strong>
                    ) : (
                      <span className="muted">{money(0)}</span>
                    ),
                  sortValue: (r) => r.priorPeriodCents,
                },
                {
                  key: "total",
                  header: "Invoice total",
                  align: "right",
                  render: (r) => money(r.totalCents),
                  sortValue: (r) => r.totalCents,
                },
                {
                  key: "computed",
                  header: "Computed",
                  render: (r) => dateTime(r.finalizedAt ?? r.computedAt),
                  sortValue: (r) => r.finalizedAt ?? r.computedAt,
                },
              ]}
            />
          )}
        </Loaded>
      </Panel>
      {open ? (
        <InvoicePanel
          key={`${open}:${period}`}
          practiceId={open}
          period={period}
          role={user.role}
          onClose={() => setQuery(period)}
          onChanged={list.reload}
        />
      ) : null}
    </Page>
  );
}

function RunProgress({ run }: { run: Run }) {
  const finished = run.status === "done" || run.status === "failed" || run.done + run.failed >= run.practices;
  return (
    <Notice tone={run.failed ? "warning" : finished ? "success" : "info"}>
      {finished
        ? `Run for ${month(run.period)} finished: ${run.done} of ${run.practices} practices drafted${run.failed ? `, ${run.failed} failed` : ""}.`
        : `Running ${month(run.period)}: ${run.done} of ${run.practices} practices drafted…`}
      {run.errors.length ? (
        <ul>
          {run.errors.map((e) => (
            <li key={e.practiceId}>
              {e.practiceId}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Notice>
  );
}
