import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { useUser } from "../../session";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, dateTime, label, money, todayLocal } from "../../ui/format";
import { Badge, Page, Panel } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";

type Run = Get<"/v1/statement-runs/{runId}">;
const finished = (r: Run) => r.status !== "running";

/**
 * Statements: run the statement cycle for one practice or the whole company, follow it, open the
 * print-ready PDF of everything it sent; see the latest runs; set a practice's cycle.
 */
export default function Statements(_: ScreenProps) {
  const user = useUser();
  const dir = useDirectory();
  const canRun = user.role === "owner" || user.role === "biller";
  const [f, setF] = useState({ practiceId: "", runDate: todayLocal() });
  const runs = useApi(() => must(api.GET("/v1/statement-runs", { params: { query: { limit: 20 } } })), []);
  const [run, setRun] = useState<Run | undefined>();
  const start = useAction(async () => {
    const r = await must(
      api.POST("/v1/statement-runs", { body: { practiceId: f.practiceId || undefined, runDate: f.runDate } }),
    );
    setRun(r);
  });
  // Follow the run until every practice is done and the combined PDF is made.
  useEffect(() => {
    if (!run || finished(run)) return;
    const t = setTimeout(() => {
      must(api.GET("/v1/statement-runs/{runId}", { params: { path: { runId: run.runId } } })).then(
        (r) => {
          setRun(r);
          if (finished(r)) runs.reload();
        },
        () => undefined,
      );
    }, 1000);
    return () => clearTimeout(t);
  }, [run, runs.reload]);
  const practiceName = (id?: string) => (id ? (dir.practices.get(id) ?? id) : "All practices");
  return (
    <Page title="Statements">
      {canRun ? (
        <Panel title="Run the statement cycle">
          <form
            className="form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void start.run();
            }}
          >
            <SelectField
              label="Practice"
              name="practiceId"
              value={f.practiceId}
              onChange={(e) => setF({ ...f, practiceId: e.target.value })}
              error={start.error}
              options={[
                { value: "", label: "All practices" },
                ...[...dir.practices].map(([value, l]) => ({ value, label: l })),
              ]}
            />
            <TextField
              label="Statement date"
              name="runDate"
              type="date"
              value={f.runDate}
              onChange={(e) => setF({ ...f, runDate: e.target.value })}
              error={start.error}
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={start.busy || (run && !finished(run))}>
                {start.busy ? "Starting…" : "Start statement run"}
              </button>
            </div>
          </form>
          <p className="muted small">
            Each patient who owes gets what is due by the practice&rsquo;s cycle (a first statement, a reminder, the
            final notice). Patients who owe nothing, whose balance waits on a secondary payer, who are on a payment plan
            in good standing or placed with an agency are skipped. The run also starts by itself on the 2nd of each
            month.
          </p>
          <FormError error={start.error} fields={["practiceId", "runDate"]} />
        </Panel>
      ) : null}
      {run ? <RunResult run={run} name={practiceName(run.practiceId)} /> : null}
      <Panel title="Latest runs">
        <Loaded state={runs} what="Loading the runs">
          {(data) => (
            <DataTable<Run>
              caption="Statement runs"
              rows={data.items}
              rowKey={(r) => r.runId}
              onOpen={(r) => setRun(r)}
              filter={false}
              empty={<Empty title="No statement run yet">Start one above, or wait for the 2nd of the month.</Empty>}
              columns={[
                { key: "date", header: "Date", render: (r) => date(r.runDate), sortValue: (r) => r.runDate },
                { key: "practice", header: "Practice", render: (r) => practiceName(r.practiceId) },
                {
                  key: "status",
                  header: "Status",
                  render: (r) => (
                    <Badge tone={r.status === "done" ? "good" : r.status === "running" ? "info" : "warn"}>
                      {label(r.status)}
                    </Badge>
                  ),
                },
                { key: "sent", header: "Sent", align: "right", render: (r) => r.sent, sortValue: (r) => r.sent },
                { key: "skipped", header: "Skipped", align: "right", render: (r) => r.skipped },
                { key: "due", header: "Amount due", align: "right", render: (r) => money(r.amountDueCents) },
                {
                  key: "started",
                  header: "Started",
                  render: (r) => dateTime(r.startedAt),
                  sortValue: (r) => r.startedAt,
                },
              ]}
            />
          )}
        </Loaded>
      </Panel>
      {canRun ? <CycleSettings practices={dir.practices} /> : null}
    </Page>
  );
}

const REASONS: Record<string, string> = {
  nothing_owed: "owe nothing",
  pending_secondary: "wait on a secondary payer",
  payment_plan: "on a payment plan in good standing",
  placed: "placed with an agency",
  not_due: "not due yet",
  after_final: "past the final notice",
};

function RunResult({ run, name }: { run: Run; name: string }) {
  return (
    <Panel title={`Run of ${date(run.runDate)} · ${name}`}>
      {finished(run) ? (
        <Notice tone={run.failed ? "warning" : "success"}>
          {run.sent} statement{run.sent === 1 ? "" : "s"} sent for {money(run.amountDueCents)} due; {run.skipped}{" "}
          patient
          {run.skipped === 1 ? "" : "s"} skipped.
        </Notice>
      ) : (
        <Notice>
          Running: {run.done} of {run.practices} practices done…
        </Notice>
      )}
      <ul className="plain-list">
        {Object.entries(run.reasons)
          .filter(([, n]) => n > 0)
          .map(([r, n]) => (
            <li key={r}>
              {n} {REASONS[r] ?? r}
            </li>
          ))}
      </ul>
      {run.errors.map((e) => (
        <ErrorBanner key={e.practiceId} error={new Error(`${e.practiceId}: ${e.message}`)} />
      ))}
      {run.combinedPdfUrl ? (
        <>
          <p>
            <a href={run.combinedPdfUrl} target="_blank" rel="noopener noreferrer">
              Open the combined PDF (every statement, ready to print)
            </a>
          </p>
          <iframe className="pdf-frame" title={`Statements of ${run.runDate}`} src={run.combinedPdfUrl} />
        </>
      ) : null}
    </Panel>
  );
}

function CycleSettings({ practices }: { practices: Map<string, string> }) {
  const [practiceId, setPracticeId] = useState("");
  const id = practiceId || [...practices.keys()][0] || "";
  const current = useApi(
    () =>
      id
        ? must(api.GET("/v1/practices/{practiceId}/statement-settings", { params: { path: { practiceId: id } } }))
        : Promise.resolve(undefined),
    [id],
  );
  const [f, setF] = useState<Record<string, string>>({});
  useEffect(() => {
    const s = current.data;
    if (s)
      setF({
        intervalDays: String(s.intervalDays),
        remindersBeforeFinal: String(s.remindersBeforeFinal),
        paymentDueDays: String(s.paymentDueDays),
        collectionsAfterDays: String(s.collectionsAfterDays),
      });
  }, [current.data]);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    await must(
      api.PUT("/v1/practices/{practiceId}/statement-settings", {
        params: { path: { practiceId: id } },
        body: {
          intervalDays: Number(f.intervalDays),
          remindersBeforeFinal: Number(f.remindersBeforeFinal),
          paymentDueDays: Number(f.paymentDueDays),
          collectionsAfterDays: Number(f.collectionsAfterDays),
          ...(current.data?.remitTo ? { remitTo: current.data.remitTo } : {}),
        },
      }),
    );
    setSaved(true);
    current.reload();
  });
  const field = (k: string, l: string) => (
    <TextField
      label={l}
      name={k}
      type="number"
      value={f[k] ?? ""}
      onChange={(e) => {
        setSaved(false);
        setF({ ...f, [k]: e.target.value });
      }}
      error={save.error}
      size={4}
    />
  );
  return (
    <Panel title="A practice's cycle">
      <form
        className="form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <SelectField
          label="Practice"
          name="settingsPractice"
          value={id}
          onChange={(e) => setPracticeId(e.target.value)}
          options={[...practices].map(([value, l]) => ({ value, label: l }))}
        />
        {field("intervalDays", "Days between statements")}
        {field("remindersBeforeFinal", "Reminders before the final notice")}
        {field("paymentDueDays", "Days to pay")}
        {field("collectionsAfterDays", "Days after the final notice to collections")}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.busy || !id}>
            Save
          </button>
        </div>
      </form>
      <FormError
        error={save.error}
        fields={["intervalDays", "remindersBeforeFinal", "paymentDueDays", "collectionsAfterDays"]}
      />
      {saved ? <Notice tone="success">Saved.</Notice> : null}
    </Panel>
  );
}
