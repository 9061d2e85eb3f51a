import { useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { Link } from "../../router";
import { useUser } from "../../session";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { count, date, dateTime, money, todayLocal } from "../../ui/format";
import { Badge, Page, Panel } from "../../ui/page";
import { Empty, ErrorBanner, Loaded, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { useDirectory } from "../claim/parts";
import { STATUS_TONE, STATUS_WORDS } from "../patients/EligibilityPanel";

type Batch = Get<"/v1/eligibility-batches/{batchId}">;
type Check = NonNullable<Batch["checks"]>[number];

const tomorrow = () => todayLocal(new Date(Date.now() + 86_400_000));

/** Every patient id of a practice (the schedule to check when no file is given). */
async function patientIds(practiceId: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await must(
      api.GET("/v1/practices/{practiceId}/patients", {
        params: { path: { practiceId }, query: { limit: 100, cursor } },
      }),
    );
    out.push(...page.items.map((p) => p.patientId));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/**
 * Eligibility for a schedule: check a day's visits (a schedule export, or every patient of the
 * practice) in one batch, watch the answers come in, and see who is inactive or not recognised
 * before the visit is billed.
 */
export default function Eligibility({ query }: ScreenProps) {
  const user = useUser();
  const dir = useDirectory();
  const [practiceId, setPracticeId] = useState(query.get("practiceId") ?? user.practiceId ?? "");
  useEffect(() => {
    if (!practiceId && dir.practices.size) setPracticeId([...dir.practices.keys()][0]!);
  }, [dir.practices.size]);
  const [visitDate, setVisitDate] = useState(tomorrow());
  const [csv, setCsv] = useState<{ name: string; text: string } | undefined>();
  const [batchId, setBatchId] = useState<string | undefined>(query.get("batchId") ?? undefined);
  const list = useApi(
    () =>
      practiceId
        ? must(api.GET("/v1/practices/{practiceId}/eligibility-batches", { params: { path: { practiceId } } }))
        : Promise.resolve({ items: [] }),
    [practiceId, batchId],
  );
  const start = useAction(async () => {
    const batch = csv
      ? await must(
          api.POST("/v1/practices/{practiceId}/eligibility-batches:import", {
            params: { path: { practiceId } },
            body: csv.text,
            bodySerializer: (b: string) => b,
            headers: { "content-type": "text/csv" },
          }),
        )
      : await must(
          api.POST("/v1/eligibility-batches", {
            body: {
              practiceId,
              visits: (await patientIds(practiceId)).map((patientId) => ({ patientId, serviceDate: visitDate })),
            },
          }),
        );
    setBatchId(batch.batchId);
  });
  const canCheck = user.role !== "viewer";
  return (
    <Page title="Eligibility">
      <div className="row queue-filters">
        <SelectField
          label="Practice"
          name="practiceId"
          value={practiceId}
          onChange={(e) => {
            setPracticeId(e.target.value);
            setBatchId(undefined);
          }}
          options={[...dir.practices].map(([value, l]) => ({ value, label: l }))}
        />
      </div>
      {canCheck ? (
        <Panel title="Check a schedule">
          <form
            className="form-inline"
            onSubmit={(e) => {
              e.preventDefault();
              void start.run();
            }}
          >
            <TextField
              label="Visit date"
              name="visits.0.serviceDate"
              type="date"
              value={visitDate}
              onChange={(e) => setVisitDate(e.target.value)}
              error={start.error}
              hint="Used when checking every patient of the practice"
              disabled={csv !== undefined}
            />
            <TextField
              label="Schedule export (CSV, optional)"
              name="file"
              type="file"
              accept=".csv,text/csv"
              hint="Columns patient_id, date_of_service, coverage (optional)"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (!f) return setCsv(undefined);
                void f.text().then((text) => setCsv({ name: f.name, text }));
              }}
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={start.busy || !practiceId}>
                {start.busy ? "Queueing…" : csv ? `Check the visits in ${csv.name}` : "Check every patient"}
              </button>
            </div>
          </form>
          <FormError error={start.error} fields={["visits.0.serviceDate"]} />
        </Panel>
      ) : null}
      {batchId ? <BatchResults key={batchId} batchId={batchId} payers={dir.payers} onDone={list.reload} /> : null}
      <Panel title="Recent batches">
        <Loaded state={list} what="Loading batches">
          {(l) =>
            l.items.length === 0 ? (
              <Empty title="No batches yet">Check a schedule above.</Empty>
            ) : (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col" className="num">
                      Visits
                    </th>
                    <th scope="col" className="num">
                      Active
                    </th>
                    <th scope="col" className="num">
                      Inactive
                    </th>
                    <th scope="col" className="num">
                      Not recognised
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {l.items.map((b) => (
                    <tr key={b.batchId}>
                      <td>
                        <button type="button" className="link-btn" onClick={() => setBatchId(b.batchId)}>
                          {dateTime(b.createdAt)}
                        </button>
                      </td>
                      <td className="num">{count(b.total)}</td>
                      <td className="num">{count(b.active)}</td>
                      <td className="num">{count(b.inactive)}</td>
                      <td className="num">{count(b.rejected)}</td>
                      <td>{b.status === "done" ? "done" : `${b.answered} of ${b.total} answered`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </Panel>
    </Page>
  );
}

/** One batch's answers, refreshed every two seconds until every check is answered (then the list is). */
function BatchResults({
  batchId,
  payers,
  onDone,
}: {
  batchId: string;
  payers: Map<string, string>;
  onDone: () => void;
}) {
  const state = useApi(
    () => must(api.GET("/v1/eligibility-batches/{batchId}", { params: { path: { batchId } } })),
    [batchId],
  );
  useEffect(() => {
    if (!state.data) return;
    if (state.data.status === "done") return onDone();
    const t = setTimeout(state.reload, 2000);
    return () => clearTimeout(t);
  }, [state.data]);
  return (
    <Panel title="Answers">
      <Loaded state={state} what="Loading the batch">
        {(b) => (
          <>
            <p>
              {b.answered} of {b.total} answered: <Badge tone="good">{b.active} active</Badge>{" "}
              <Badge tone="bad">{b.inactive} inactive</Badge> <Badge tone="bad">{b.rejected} not recognised</Badge>
              {b.failed ? <Badge tone="warn">{b.failed} could not be asked</Badge> : null}
            </p>
            {b.status !== "done" ? <Notice>Waiting for the payers' answers…</Notice> : null}
            <DataTable<Check>
              caption="Eligibility answers"
              rows={b.checks ?? []}
              rowKey={(c) => c.checkId}
              initialSort={{ key: "status", dir: "desc" }}
              columns={[
                {
                  key: "patient",
                  header: "Patient",
                  render: (c) => (
                    <Link to={`/patients?practiceId=${c.practiceId}&patientId=${c.patientId}`}>
                      {c.result?.dependent?.lastName ?? c.result?.subscriber.lastName ?? c.patientId}
                      {c.result ? `, ${c.result.dependent?.firstName ?? c.result.subscriber.firstName ?? ""}` : ""}
                    </Link>
                  ),
                  filterValue: (c) => `${c.result?.subscriber.lastName ?? ""} ${c.result?.subscriber.memberId ?? ""}`,
                },
                { key: "payer", header: "Payer", render: (c) => payers.get(c.payerId) ?? c.payerId },
                { key: "date", header: "Visit", render: (c) => date(c.serviceDate), sortValue: (c) => c.serviceDate },
                {
                  key: "status",
                  header: "Coverage",
                  // Problems first: inactive and not recognised sort above active.
                  sortValue: (c) => (c.result?.status === "active" ? 0 : c.result ? 2 : 1),
                  render: (c) =>
                    c.result ? (
                      <Badge tone={STATUS_TONE[c.result.status]}>{STATUS_WORDS[c.result.status]}</Badge>
                    ) : (
                      <span className="muted">{c.status === "failed" ? c.error : c.status}</span>
                    ),
                },
                {
                  key: "owes",
                  header: "Office visit",
                  align: "right",
                  render: (c) =>
                    c.result?.officeVisit.likelyOwesCents !== undefined
                      ? money(c.result.officeVisit.likelyOwesCents)
                      : "—",
                },
                {
                  key: "why",
                  header: "Why",
                  render: (c) =>
                    [
                      ...(c.result?.rejections ?? []).map((r) => `${r.code} ${r.description}`),
                      ...(c.result?.status === "inactive" && c.result.coverageDates.planEnd
                        ? [`plan ended ${date(c.result.coverageDates.planEnd)}`]
                        : []),
                      ...(c.result?.mismatches ?? []),
                    ].join("; ") || "",
                },
              ]}
              empty={<Empty title="No checks">The batch has no visits.</Empty>}
            />
          </>
        )}
      </Loaded>
      <ErrorBanner error={state.error} />
    </Panel>
  );
}
