import { useCallback, useEffect, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import { Link } from "../../router";
import { useUser } from "../../session";
import { StackedBarChart, type Tone } from "../../ui/charts";
import { FormError, SelectField, TextField } from "../../ui/fields";
import { date, money, moneyShort } from "../../ui/format";
import { Badge, Dialog, Panel } from "../../ui/page";
import { Empty, ErrorBanner, ErrorState, Loaded, Loading, Notice } from "../../ui/states";
import { DataTable, type Column } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import type { TabProps } from "./Fees";
import { Download, csvHref, periodDates } from "./parts";

type Item = Get<"/v1/underpayments">["items"][number];
type Status = Item["status"];
type ByPayer = Get<"/v1/reports/underpayments">;

export const STATUSES: { value: Status; label: string; tone: "warn" | "info" | "good" | "neutral"; chart: Tone }[] = [
  { value: "open", label: "Open", tone: "warn", chart: "bad" },
  { value: "appealed", label: "Appealed", tone: "info", chart: "a" },
  { value: "recovered", label: "Recovered", tone: "good", chart: "b" },
  { value: "written_off", label: "Written off", tone: "neutral", chart: "f" },
];
const statusOf = (s: Status) => STATUSES.find((x) => x.value === s)!;
/** What each status can move to (recovered and written off are final). */
const MOVES: Record<Status, { to: Status; verb: string }[]> = {
  open: [
    { to: "appealed", verb: "Appealed" },
    { to: "recovered", verb: "Recovered" },
    { to: "written_off", verb: "Write off" },
  ],
  appealed: [
    { to: "recovered", verb: "Recovered" },
    { to: "written_off", verb: "Write off" },
    { to: "open", verb: "Reopen" },
  ],
  recovered: [],
  written_off: [],
};

/** The worklist a page at a time, in the API's order (status, then date of service). */
function useWorklist(q: { practiceId?: string; status?: Status; serviceDateFrom: string; serviceDateTo: string }) {
  const [state, setState] = useState<{ items: Item[]; cursor: string | null }>({ items: [], cursor: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await must(api.GET("/v1/underpayments", { params: { query: { ...q, limit: 100, cursor } } }));
        setState((old) => ({ items: cursor ? [...old.items, ...page.items] : page.items, cursor: page.nextCursor }));
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [q.practiceId, q.status, q.serviceDateFrom, q.serviceDateTo],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return {
    ...state,
    loading,
    error,
    reload: () => void load(),
    more: state.cursor ? () => void load(state.cursor!) : undefined,
  };
}

/** Underpaid money per payer, a bar per payer split by the status of the work on it. */
function ByPayerChart({ d, payers }: { d: ByPayer; payers: Map<string, string> }) {
  const byPayer = new Map<string, { name: string; values: number[] }>();
  for (const p of d.practices)
    for (const x of p.payers) {
      const e = byPayer.get(x.payerId) ?? {
        name: x.payerName || payers.get(x.payerId) || x.payerId,
        values: [0, 0, 0, 0],
      };
      [x.openCents, x.appealedCents, x.recoveredCents, x.writtenOffCents].forEach((v, i) => (e.values[i]! += v));
      byPayer.set(x.payerId, e);
    }
  const stacks = [...byPayer.values()]
    .sort((a, b) => b.values.reduce((t, v) => t + v, 0) - a.values.reduce((t, v) => t + v, 0))
    .slice(0, 8)
    .map((e) => ({ label: e.name, values: e.values }));
  const total = d.practices.reduce((t, p) => t + p.shortfallCents, 0);
  if (!stacks.length) return <Empty title="No underpaid money on these dates of service" />;
  return (
    <>
      <p className="report-basis">
        <strong>{money(total)}</strong> underpaid against contract on these dates of service.
      </p>
      <StackedBarChart
        title="Underpaid money per payer, by status"
        format={moneyShort}
        series={STATUSES.map((s) => ({ name: s.label, tone: s.chart }))}
        stacks={stacks}
      />
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Underpaid money per practice and payer</caption>
          <thead>
            <tr>
              <th scope="col">Practice</th>
              <th scope="col">Payer</th>
              <th scope="col" className="num">
                Lines
              </th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                Allowed
              </th>
              <th scope="col" className="num">
                Underpaid
              </th>
              {STATUSES.map((s) => (
                <th key={s.value} scope="col" className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.practices.flatMap((p) =>
              p.payers.map((x) => (
                <tr key={`${p.practiceId}:${x.payerId}`} data-payer={x.payerId}>
                  <td>{p.name}</td>
                  <td>{x.payerName}</td>
                  <td className="num">{x.lines}</td>
                  <td className="num">{money(x.expectedCents)}</td>
                  <td className="num">{money(x.allowedCents)}</td>
                  <td className="num">{money(x.shortfallCents)}</td>
                  <td className="num">{money(x.openCents)}</td>
                  <td className="num">{money(x.appealedCents)}</td>
                  <td className="num">{money(x.recoveredCents)}</td>
                  <td className="num">{money(x.writtenOffCents)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Moving one underpayment, with a note (e.g. the appeal's reference); guarded by its version. */
function MoveDialog({
  move,
  onClose,
  onDone,
}: {
  move?: { item: Item; to: Status; verb: string };
  onClose: () => void;
  onDone: (u: Item) => void;
}) {
  const [note, setNote] = useState("");
  useEffect(() => setNote(""), [move?.item.underpaymentId, move?.to]);
  const act = useAction(async () => {
    if (!move) return;
    const u = await must(
      api.POST("/v1/underpayments/{underpaymentId}/status", {
        params: { path: { underpaymentId: move.item.underpaymentId } },
        headers: { "If-Match": `"${move.item.version}"` },
        body: { status: move.to, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    );
    onDone(u as Item);
  });
  const final = move?.to === "recovered" || move?.to === "written_off";
  return (
    <Dialog title={move ? `Mark ${statusOf(move.to).label.toLowerCase()}?` : ""} open={!!move} onClose={onClose}>
      {move ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run();
          }}
        >
          <p>
            {move.item.procedureCode} on {date(move.item.serviceDate)}: {money(move.item.shortfallCents)} underpaid.
            {final ? " This is final: it cannot be moved again." : null}
          </p>
          <FormError error={act.error} fields={["note"]} />
          <TextField
            label="Note (optional)"
            name="note"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            error={act.error}
            autoFocus
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={act.busy}>
              {act.busy ? "Saving…" : `Mark ${statusOf(move.to).label.toLowerCase()}`}
            </button>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}

export function Underpayments({ period, practiceId, dir }: TabProps) {
  const user = useUser();
  const canWork = user.role === "owner" || user.role === "biller";
  const dates = periodDates(period);
  const [status, setStatus] = useState<"" | Status>("");
  const [move, setMove] = useState<{ item: Item; to: Status; verb: string }>();
  const [done, setDone] = useState<string>();
  const summary = useApi(
    () => must(api.GET("/v1/reports/underpayments", { params: { query: { ...dates, practiceId } } })),
    [dates.from, dates.to, practiceId],
  );
  const list = useWorklist({
    practiceId,
    status: status || undefined,
    serviceDateFrom: dates.from,
    serviceDateTo: dates.to,
  });
  const columns: Column<Item>[] = [
    {
      key: "status",
      header: "Status",
      render: (r) => <Badge tone={statusOf(r.status).tone}>{statusOf(r.status).label}</Badge>,
      sortValue: (r) => STATUSES.findIndex((s) => s.value === r.status),
      filterValue: (r) => statusOf(r.status).label,
    },
    {
      key: "practice",
      header: "Practice",
      render: (r) => dir.practices.get(r.practiceId) ?? r.practiceId,
      sortValue: (r) => dir.practices.get(r.practiceId) ?? r.practiceId,
    },
    {
      key: "payer",
      header: "Payer",
      render: (r) => dir.payers.get(r.payerId) ?? r.payerId,
      sortValue: (r) => dir.payers.get(r.payerId) ?? r.payerId,
    },
    {
      key: "claim",
      header: "Claim",
      render: (r) => <Link to={`/claims/${r.claimId}`}>{r.claimId}</Link>,
      sortValue: (r) => r.claimId,
    },
    {
      key: "code",
      header: "Code",
      render: (r) => (
        <code>
          {r.procedureCode}
          {r.modifiers.length ? `-${r.modifiers.join("-")}` : ""}
        </code>
      ),
      sortValue: (r) => r.procedureCode,
    },
    { key: "dos", header: "Service", render: (r) => date(r.serviceDate), sortValue: (r) => r.serviceDate },
    {
      key: "expected",
      header: "Expected",
      align: "right",
      render: (r) => money(r.expectedCents),
      sortValue: (r) => r.expectedCents,
    },
    {
      key: "allowed",
      header: "Allowed",
      align: "right",
      render: (r) => money(r.allowedCents),
      sortValue: (r) => r.allowedCents,
    },
    { key: "paid", header: "Paid", align: "right", render: (r) => money(r.paidCents), sortValue: (r) => r.paidCents },
    {
      key: "short",
      header: "Underpaid",
      align: "right",
      render: (r) => <strong>{money(r.shortfallCents)}</strong>,
      sortValue: (r) => r.shortfallCents,
    },
    {
      key: "actions",
      header: "Actions",
      render: (r) =>
        canWork && MOVES[r.status].length ? (
          <span className="status-actions">
            <a
              className="btn btn-small"
              href={`/v1/underpayments/${encodeURIComponent(r.underpaymentId)}/letter.pdf`}
              target="_blank"
              rel="noreferrer"
              aria-label="Reprocessing request (PDF)"
              title="The request to reprocess at the contracted rate, to send the payer"
              onClick={(e) => e.stopPropagation()}
            >
              Letter
            </a>
            {MOVES[r.status].map((m) => (
              <button
                key={m.to}
                type="button"
                className="btn btn-small"
                onClick={(e) => {
                  e.stopPropagation();
                  setMove({ item: r, ...m });
                }}
              >
                {m.verb}
              </button>
            ))}
          </span>
        ) : (
          <span className="muted">{r.note ?? ""}</span>
        ),
    },
  ];
  return (
    <div className="grid report-grid">
      <Panel
        title="Underpaid money per payer"
        actions={<Download href={csvHref("/v1/reports/underpayments", { ...dates, practiceId })} />}
      >
        <Loaded state={summary} what="Adding up underpaid money">
          {(d) => <ByPayerChart d={d as ByPayer} payers={dir.payers} />}
        </Loaded>
      </Panel>
      <Panel
        title="Underpayments to work"
        actions={
          <SelectField
            label="Status"
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as "" | Status)}
            options={[{ value: "", label: "Any status" }, ...STATUSES.map((s) => ({ value: s.value, label: s.label }))]}
          />
        }
      >
        {done ? <Notice tone="success">{done}</Notice> : null}
        {list.error && !list.items.length ? (
          <ErrorState error={list.error} retry={list.reload} />
        ) : list.loading && !list.items.length ? (
          <Loading what="Loading underpayments" />
        ) : (
          <>
            <ErrorBanner error={list.error} />
            <DataTable
              caption="Underpayments"
              columns={columns.filter((c) => (!practiceId && dir.practices.size > 1) || c.key !== "practice")}
              rows={list.items}
              rowKey={(x) => x.underpaymentId}
              onMore={list.more}
              moreBusy={list.loading}
              empty={
                <Empty title="No underpayments on these dates of service">Lines paid below contract show here.</Empty>
              }
            />
          </>
        )}
      </Panel>
      <MoveDialog
        move={move}
        onClose={() => setMove(undefined)}
        onDone={(u) => {
          setMove(undefined);
          setDone(`${u.procedureCode} on ${date(u.serviceDate)} marked ${statusOf(u.status).label.toLowerCase()}.`);
          list.reload();
          summary.reload();
        }}
      />
    </div>
  );
}
