import { useEffect, useMemo, useState } from "react";
import { api, must } from "../../api/client";
import type { Get } from "../../api/types";
import type { ScreenProps } from "../../routes";
import { useUser } from "../../session";
import { count, dateTime, label, money } from "../../ui/format";
import { Badge, Page, Panel } from "../../ui/page";
import { Empty, ErrorBanner, ErrorState, Loaded, Loading, Notice } from "../../ui/states";
import { DataTable } from "../../ui/table";
import { useAction, useApi } from "../../ui/use-api";
import { useDirectory, type Claim } from "../claim/parts";

type Run = Get<"/v1/claim-batch-runs/{runId}">;
type Batch = Get<"/v1/claim-batches">["items"][number];
interface Group {
  key: string;
  practiceId: string;
  payerId: string;
  payerName: string;
  claims: number;
  chargeCents: number;
  oldest: string;
}

/** Every ready claim (all pages), for the groups. */
async function allReady(): Promise<Claim[]> {
  const out: Claim[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await must(api.GET("/v1/claims", { params: { query: { status: "ready", limit: 100, cursor } } }));
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

const idem = () => `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Send: ready claims by practice and payer, batched to the clearinghouse; runs and batches watched. */
export default function Send(_: ScreenProps) {
  const user = useUser();
  const canSend = user.role === "owner" || user.role === "biller";
  const dir = useDirectory();
  const ready = useApi(allReady, []);
  const batches = useApi(() => must(api.GET("/v1/claim-batches", { params: { query: { limit: 50 } } })), []);
  const [runs, setRuns] = useState<Run[]>([]);

  const groups = useMemo(() => {
    const m = new Map<string, Group>();
    for (const c of ready.data ?? []) {
      const key = `${c.practiceId}|${c.payerId}`;
      const g = m.get(key) ?? {
        key,
        practiceId: c.practiceId,
        payerId: c.payerId,
        payerName: c.doc.coverage.payerName,
        claims: 0,
        chargeCents: 0,
        oldest: c.serviceDate,
      };
      g.claims += 1;
      g.chargeCents += c.totalChargeCents;
      if (c.serviceDate < g.oldest) g.oldest = c.serviceDate;
      m.set(key, g);
    }
    return [...m.values()];
  }, [ready.data]);

  const send = useAction(async (g: { practiceId?: string; payerId?: string }) => {
    const { data, error, response } = await api.POST("/v1/claim-batches", {
      params: { header: { "Idempotency-Key": idem() } as never },
      body: g,
    });
    if (error || !response.ok) await must(Promise.resolve({ data, error, response }));
    const run = data as Run;
    setRuns((r) => [run, ...r]);
    ready.reload();
  });

  // Watch running batch runs: poll each until done, then refresh the lists.
  const running = runs.filter((r) => r.status === "running").map((r) => r.runId);
  useEffect(() => {
    if (!running.length) return;
    const t = setTimeout(async () => {
      const fresh = await Promise.all(
        running.map((runId) =>
          must(api.GET("/v1/claim-batch-runs/{runId}", { params: { path: { runId } } })).catch(() => undefined),
        ),
      );
      setRuns((rs) => rs.map((r) => fresh.find((f) => f?.runId === r.runId) ?? r));
      if (fresh.some((f) => f?.status === "done")) {
        ready.reload();
        batches.reload();
      }
    }, 1000);
    return () => clearTimeout(t);
  }, [runs]);

  return (
    <Page
      title="Send claims"
      actions={
        <button type="button" className="btn btn-small" onClick={() => (ready.reload(), batches.reload())}>
          Refresh
        </button>
      }
    >
      {runs.length ? (
        <Panel title="Batch runs started here">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">For</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Claims batched
                </th>
                <th scope="col" className="num">
                  Batches
                </th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.runId}>
                  <td className="mono">{r.runId}</td>
                  <td>
                    {[
                      r.practiceId && (dir.practices.get(r.practiceId) ?? r.practiceId),
                      r.payerId && (dir.payers.get(r.payerId) ?? r.payerId),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </td>
                  <td>
                    {r.status === "done" ? (
                      <Badge tone="good">Done</Badge>
                    ) : (
                      <span className="row">
                        <span className="spinner" aria-hidden="true" /> Batching…
                      </span>
                    )}
                  </td>
                  <td className="num">{count(r.claims)}</td>
                  <td className="num">{count(r.batchIds.length)}</td>
                  <td>{dateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      ) : null}
      <ErrorBanner error={send.error} />
      <Panel title="Ready to send">
        {ready.error && !ready.data ? (
          <ErrorState error={ready.error} retry={ready.reload} />
        ) : !ready.data ? (
          <Loading what="Loading ready claims" />
        ) : (
          <>
            <p className="muted small">
              {count(ready.data.length)} ready claim(s), {money(ready.data.reduce((t, c) => t + c.totalChargeCents, 0))}{" "}
              in charges. A batch carries one practice&apos;s claims; large sends are split into batches of up to 98.
            </p>
            <DataTable<Group>
              caption="Ready claims by practice and payer"
              rows={groups}
              rowKey={(g) => g.key}
              globalKeys
              onOpen={canSend ? (g) => void send.run({ practiceId: g.practiceId, payerId: g.payerId }) : undefined}
              initialSort={{ key: "claims", dir: "desc" }}
              empty={<Empty title="Nothing is ready">Claims appear here when they pass the scrubber.</Empty>}
              columns={[
                {
                  key: "practice",
                  header: "Practice",
                  render: (g) => dir.practices.get(g.practiceId) ?? g.practiceId,
                  sortValue: (g) => dir.practices.get(g.practiceId) ?? g.practiceId,
                },
                { key: "payer", header: "Payer", render: (g) => g.payerName, sortValue: (g) => g.payerName },
                {
                  key: "claims",
                  header: "Claims",
                  align: "right",
                  render: (g) => count(g.claims),
                  sortValue: (g) => g.claims,
                },
                {
                  key: "charge",
                  header: "Charges",
                  align: "right",
                  render: (g) => money(g.chargeCents),
                  sortValue: (g) => g.chargeCents,
                },
                { key: "oldest", header: "Oldest service", render: (g) => g.oldest, sortValue: (g) => g.oldest },
                {
                  key: "send",
                  header: "",
                  render: (g) =>
                    canSend ? (
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        disabled={send.busy}
                        aria-label={`Send ${g.claims} claims of ${dir.practices.get(g.practiceId) ?? g.practiceId} to ${g.payerName}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          void send.run({ practiceId: g.practiceId, payerId: g.payerId });
                        }}
                      >
                        Send {g.claims}
                      </button>
                    ) : null,
                },
              ]}
            />
            {canSend && groups.length > 1 ? (
              <div className="form-actions">
                {[...new Set(groups.map((g) => g.practiceId))].map((p) => (
                  <button
                    key={p}
                    type="button"
                    className="btn btn-small"
                    disabled={send.busy}
                    onClick={() => void send.run({ practiceId: p })}
                  >
                    Send everything ready for {dir.practices.get(p) ?? p}
                  </button>
                ))}
              </div>
            ) : null}
          </>
        )}
      </Panel>
      <Panel title="Recent batches">
        <Loaded state={batches} what="Loading batches">
          {(d) => <Batches rows={d.items} dir={dir} onRetry={batches.reload} canSend={canSend} />}
        </Loaded>
      </Panel>
    </Page>
  );
}

const TONE: Record<string, "good" | "warn" | "bad" | "info" | "neutral"> = {
  submitted: "good",
  acknowledged: "good",
  accepted: "good",
  failed: "bad",
  rejected: "bad",
};

function Batches({
  rows,
  dir,
  onRetry,
  canSend,
}: {
  rows: Batch[];
  dir: ReturnType<typeof useDirectory>;
  onRetry: () => void;
  canSend: boolean;
}) {
  const retry = useAction(async (batchId: string) => {
    await must(api.POST("/v1/claim-batches/{batchId}/retry", { params: { path: { batchId } } }));
    onRetry();
  });
  return (
    <>
      <ErrorBanner error={retry.error} />
      <DataTable<Batch>
        caption="Recent batches"
        rows={rows}
        rowKey={(b) => b.batchId}
        initialSort={{ key: "created", dir: "desc" }}
        empty={<Empty title="No batches yet">Send ready claims to make the first one.</Empty>}
        columns={[
          {
            key: "batch",
            header: "Batch",
            render: (b) => <span className="mono">{b.batchId}</span>,
            sortValue: (b) => b.batchId,
          },
          {
            key: "practice",
            header: "Practice",
            render: (b) => (b.practiceId ? (dir.practices.get(b.practiceId) ?? b.practiceId) : "—"),
            sortValue: (b) => b.practiceId ?? "",
          },
          {
            key: "claims",
            header: "Claims",
            align: "right",
            render: (b) => count(b.claimIds.length),
            sortValue: (b) => b.claimIds.length,
          },
          {
            key: "status",
            header: "Status",
            render: (b) => (
              <span>
                <Badge tone={TONE[b.status] ?? "info"}>{label(b.status)}</Badge>
                {b.error ? <span className="muted small"> {b.error}</span> : null}
              </span>
            ),
            sortValue: (b) => b.status,
          },
          { key: "file", header: "837P", render: (b) => <span className="mono">{b.fileName ?? "—"}</span> },
          { key: "created", header: "Created", render: (b) => dateTime(b.createdAt), sortValue: (b) => b.createdAt },
          {
            key: "retry",
            header: "",
            render: (b) =>
              canSend && b.status === "failed" ? (
                <button type="button" className="btn btn-small" onClick={() => void retry.run(b.batchId)}>
                  Retry
                </button>
              ) : null,
          },
        ]}
      />
      {rows.some((b) => b.setAsideClaimIds?.length) ? (
        <Notice tone="warning">Some claims were set aside from their batch and are back in the review queue.</Notice>
      ) : null}
    </>
  );
}
